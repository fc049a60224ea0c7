"""Pages of the items taking nominations: the list, and one item's seats, window and
settings (coordinators), its nominations, the nomination form and the upload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.pagination import paginate
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations.domain.nominations import nominate
from nonprolif.training.nominations.domain.reasons import reason_text
from nonprolif.training.nominations.domain.seats import (
    apply_seat_rule,
    save_item_settings,
    set_agency_seats,
)
from nonprolif.training.nominations.domain.upload import import_nominations
from nonprolif.training.nominations.forms import (
    NominateForm,
    QueueFilterForm,
    SeatsForm,
    SettingsForm,
    SplitForm,
    UploadForm,
)
from nonprolif.training.nominations.imports import parse_upload
from nonprolif.training.nominations.queries import (
    get_item_for,
    item_agencies,
    item_seats,
    item_settings,
    nominable_officials,
    program_nominations,
    visible_items,
)
from nonprolif.training.nominations.views.nominations import call_service, nomination_input


def _can_nominate(user) -> bool:
    return user.has_role("coordinator") or (user.has_role("liaison") and bool(user.agency_id))


def nomination_index(request, code):
    """The program's items that take nominations, with their window and seats."""
    program = get_program_for(request.user, code)
    items = visible_items(request.user, program)
    note_read(request, action="nomination.items", obj=program)
    return render(
        request,
        "training/nominations/index.html",
        {"program": program, "items": items},
    )


def nomination_item(request, code, item_key):
    """One item: seats, window and settings (coordinators change them), nominations (filtered,
    paginated; a liaison sees his agency's), the nomination form and the upload."""
    program = get_program_for(request.user, code)
    item = get_item_for(request.user, program, item_key)
    user = request.user
    posted = request.POST.get("form") if request.method == "POST" else None
    can_manage = user.has_perm("training.manage_seats", program)
    if posted in ("settings", "seats", "split") and not can_manage:
        raise PermissionDenied
    if posted in ("nominate", "upload") and not _can_nominate(user):
        raise PermissionDenied
    settings = item_settings(program, item.key)
    seats = list(item_seats(user, program, item.key))
    agencies = item_agencies(program, item) if can_manage else []
    settings_form = SettingsForm(
        request.POST if posted == "settings" else None,
        prefix="settings",
        initial={
            "nomination_opens": settings.nomination_opens,
            "nomination_closes": settings.nomination_closes,
            "max_agency_share": settings.max_agency_share,
            "sequential": settings.sequential,
            "completion_percent": settings.completion_percent,
        },
    )
    seats_form = SeatsForm(
        request.POST if posted == "seats" else None,
        prefix="seats",
        agencies=agencies,
        current={row.agency.code: row.seats for row in seats},
    )
    split_form = SplitForm(
        request.POST if posted == "split" else None,
        prefix="split",
        initial={"rule": settings.seat_rule if settings.seat_rule != "manual" else "even"},
    )
    nominate_form = NominateForm(
        request.POST if posted == "nominate" else None,
        prefix="nominate",
        officials=nominable_officials(user, program, item),
        search_url=reverse("nominable_search", args=[program.code, item.key]),
    )
    upload_form = UploadForm(
        request.POST if posted == "upload" else None,
        request.FILES if posted == "upload" else None,
        prefix="upload",
    )
    report = None
    done = None
    simple_forms = {
        "settings": (settings_form, save_item_settings, _("Settings saved.")),
        "seats": (seats_form, set_agency_seats, _("Seats saved.")),
        "split": (split_form, apply_seat_rule, _("Seats split.")),
    }
    if posted in simple_forms and simple_forms[posted][0].is_valid():
        form, service, message = simple_forms[posted]
        done = call_service(
            form,
            service,
            actor=user,
            program=program,
            item=item,
            **form.service_data(),
        )
    elif posted == "nominate" and nominate_form.is_valid():
        data = nominate_form.cleaned_data
        done = call_service(
            nominate_form,
            nominate,
            actor=user,
            program=program,
            item=item,
            data=nomination_input(data),
        )
        message = _("Nomination submitted; it awaits the coordinator's approval.")
    elif posted == "upload" and upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        rows, file_errors = parse_upload(upload.name, upload.read())
        report = import_nominations(
            actor=user,
            program=program,
            item=item,
            rows=rows,
            file_errors=file_errors,
            only_good=upload_form.cleaned_data["only_good"],
        )
        if report.created:
            messages.success(
                request,
                _("%(n)d nominations imported; %(bad)d rows not imported.")
                % {"n": len(report.created), "bad": report.bad_rows},
            )
        else:
            messages.error(request, _("Nothing was imported: correct the rows listed below."))
    if done is not None and posted:
        messages.success(request, message)
        return redirect("nomination_item", code=program.code, item_key=item.key)

    filters = QueueFilterForm(request.GET or None)
    filters.is_valid()
    criteria = getattr(filters, "cleaned_data", {}) or {}
    nominations = program_nominations(
        user,
        program,
        item_key=item.key,
        status=criteria.get("status") or None,
        agency=criteria.get("agency") or None,
        query=criteria.get("q") or None,
    )
    page = paginate(request, nominations, per_page=50)
    note_read(
        request,
        action="nomination.list",
        changes={"search": {k: str(v) for k, v in criteria.items() if v}},
    )
    for nomination in page.object_list:
        nomination.reason_shown = reason_text(nomination.outcome_code, nomination.outcome_details)
    failed = bool(posted) and (report is None or not report.created)
    return render(
        request,
        "training/nominations/item.html",
        {
            "program": program,
            "item": item,
            "settings": settings,
            "window": settings.window_state(),
            "seats": seats,
            "seat_total": sum(row.seats for row in seats),
            "can_manage": can_manage,
            "can_nominate": _can_nominate(user),
            "settings_form": settings_form,
            "seats_form": seats_form,
            "split_form": split_form,
            "nominate_form": nominate_form,
            "upload_form": upload_form,
            "report": report,
            "filters": filters,
            "page": page,
        },
        status=400 if failed else 200,
    )
