"""Pages of seats and nominations: the items taking nominations, one item's seats, settings
and nominations (nominate one by one or by upload), the approval queue and one nomination."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.domain.assignment import reason_text
from nonprolif.training.domain.nominations import (
    NominationInput,
    apply_seat_rule,
    decide_nomination,
    import_nominations,
    nominate,
    save_item_settings,
    set_agency_seats,
    substitute_nomination,
    withdraw_nomination,
)
from nonprolif.training.forms_nominations import (
    DecisionForm,
    NominateForm,
    QueueFilterForm,
    SeatsForm,
    SettingsForm,
    SplitForm,
    SubstituteForm,
    UploadForm,
    WithdrawForm,
)
from nonprolif.training.nomination_import import parse_upload
from nonprolif.training.queries_nominations import (
    get_item_for,
    get_nomination_for,
    item_agencies,
    item_seats,
    item_settings,
    nominable_officials,
    program_nominations,
    visible_items,
)


def _can_nominate(user) -> bool:
    return user.has_role("coordinator") or (user.has_role("liaison") and bool(user.agency_id))


def nomination_index(request, code):
    """The program's items that take nominations, with their window and seats."""
    program = get_program_for(request.user, code)
    items = visible_items(request.user, program)
    return render(
        request,
        "training/nominations/index.html",
        {"program": program, "items": items},
    )


def _call(form, service, **kwargs):
    """Call ``service`` with the form's data; put its errors on the form. None on failure."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _nomination_input(data) -> NominationInput:
    """The nomination fields of a nominate or substitute form's cleaned data."""
    return NominationInput(
        official=data["official"],
        language=data["language"],
        unavailable=data["unavailable"],
        preferences=data["preferences"],
    )


def _substitute_officials(user, program, item, nomination):
    """The officials who may replace ``nomination``: nominable ones of the same agency."""
    return nominable_officials(user, program, item).filter(agency_id=nomination.agency_id)


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
        done = _call(
            form,
            service,
            actor=user,
            program=program,
            item=item,
            **form.service_data(),
        )
    elif posted == "nominate" and nominate_form.is_valid():
        data = nominate_form.cleaned_data
        done = _call(
            nominate_form,
            nominate,
            actor=user,
            program=program,
            item=item,
            data=_nomination_input(data),
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


def nomination_queue(request, code):
    """The nominations awaiting approval (by default), filterable by status, agency, name."""
    program = get_program_for(request.user, code)
    filters = QueueFilterForm(request.GET or None, initial={"status": "submitted"})
    filters.is_valid()
    criteria = getattr(filters, "cleaned_data", {}) or {}
    status = criteria.get("status") if request.GET else "submitted"
    items = {item.key: item for item in visible_items(request.user, program)}
    rows = program_nominations(
        request.user,
        program,
        status=status or None,
        agency=criteria.get("agency") or None,
        query=criteria.get("q") or None,
    ).filter(item_key__in=list(items))
    page = paginate(request, rows, per_page=50)
    for nomination in page.object_list:
        nomination.item = items.get(nomination.item_key)
    return render(
        request,
        "training/nominations/queue.html",
        {
            "program": program,
            "filters": filters,
            "page": page,
            "decision_form": DecisionForm(),
        },
    )


def nomination_detail(request, pk):
    """One nomination: who nominated, decided, withdrew or replaced, when; the actions."""
    nomination = get_nomination_for(request.user, pk)
    return _render_detail(request, nomination)


def _render_detail(request, nomination, form=None, name=None):
    """The nomination's page; with ``form`` (bound, invalid) in place of the blank form
    ``name``, answered 400."""
    program = nomination.program
    item = get_item_for(request.user, program, nomination.item_key)
    forms = {
        "decision_form": DecisionForm(),
        "withdraw_form": WithdrawForm(),
        "substitute_form": SubstituteForm(
            officials=_substitute_officials(request.user, program, item, nomination),
            prefix="sub",
        ),
    }
    if form is not None:
        forms[name] = form
    return render(
        request,
        "training/nominations/detail.html",
        {
            "program": program,
            "item": item,
            "nomination": nomination,
            "reason_shown": reason_text(nomination.outcome_code, nomination.outcome_details),
            "substitutes": list(nomination.substitutes.select_related("official")),
            **forms,
        },
        status=200 if form is None else 400,
    )


@require_POST
def nomination_decide(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.decide_nomination", nomination):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid() and _call(
        form,
        decide_nomination,
        actor=request.user,
        nomination=nomination,
        decision=form.cleaned_data["decision"],
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, _("Decision recorded."))
        target = request.POST.get("next")
        if target == "queue":
            return redirect("nomination_queue", code=nomination.program.code)
        return redirect("nomination_detail", pk=nomination.pk)
    return _render_detail(request, nomination, form, "decision_form")


@require_POST
def nomination_withdraw(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.withdraw_nomination", nomination):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid() and _call(
        form,
        withdraw_nomination,
        actor=request.user,
        nomination=nomination,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, _("Nomination withdrawn."))
        return redirect("nomination_detail", pk=nomination.pk)
    return _render_detail(request, nomination, form, "withdraw_form")


@require_POST
def nomination_substitute(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.substitute_nomination", nomination):
        raise PermissionDenied
    program = nomination.program
    item = get_item_for(request.user, program, nomination.item_key)
    form = SubstituteForm(
        request.POST,
        officials=_substitute_officials(request.user, program, item, nomination),
        prefix="sub",
    )
    if form.is_valid():
        data = form.cleaned_data
        substitute = _call(
            form,
            substitute_nomination,
            actor=request.user,
            nomination=nomination,
            data=_nomination_input(data),
            reason=data["reason"],
        )
        if substitute is not None:
            messages.success(request, _("Substitute nominated; he awaits approval."))
            return redirect("nomination_detail", pk=substitute.pk)
    return _render_detail(request, nomination, form, "substitute_form")
