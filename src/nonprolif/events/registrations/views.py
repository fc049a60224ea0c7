"""Registration pages: a conference's registrations (quotas, registering officials), one
registration (decision, cancellation, check-in), badges, the printable check-in list and the
door page with live search."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.views.pickers import search_page
from nonprolif.core.web.bulk import bulk_decision_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.models import RegistrationStatus
from nonprolif.events.registrations.badges import badges_pdf
from nonprolif.events.registrations.bulk import (
    batch_errors,
    batch_registrations,
    decide_registrations,
)
from nonprolif.events.registrations.domain import (
    cancel_registration,
    check_in,
    decide_registration,
    register_official,
    set_quota,
)
from nonprolif.events.registrations.forms import (
    BulkRegistrationDecisionForm,
    CancelForm,
    QuotaForm,
    RegistrationDecisionForm,
    RegistrationForm,
)
from nonprolif.events.registrations.queries import (
    checkin_list,
    conference_quotas,
    conference_registrations,
    get_registration_for,
    registerable_officials,
    registration_counts,
)
from nonprolif.events.speakers.queries import confirmed_speakers
from nonprolif.program.queries import program_agencies

PAGE_SIZE = 50


def _registration_form(request, conference, data=None) -> RegistrationForm:
    return RegistrationForm(
        data,
        officials=registerable_officials(request.user, conference),
        search_url=reverse("registration_official_search", args=[conference.pk]),
        prefix="register",
    )


def _list_context(request, conference, *, registration_form=None, quota_form=None) -> dict:
    user = request.user
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    registrations = conference_registrations(user, conference, status=status, q=q)
    page = paginate(request, registrations, PAGE_SIZE)
    can_register = user.has_perm("events.add_registration", conference)
    can_set_quota = user.has_perm("events.set_registration_quota", conference)
    if registration_form is None and can_register:
        registration_form = _registration_form(request, conference)
    if quota_form is None and can_set_quota:
        quota_form = QuotaForm(agencies=program_agencies(conference.program), prefix="quota")
    quotas = list(conference_quotas(user, conference))
    return {
        "conference": conference,
        "page": page,
        "registrations": page.object_list,
        "counts": registration_counts(conference_registrations(user, conference)),
        "quotas": quotas,
        "seats_free": sum(max(getattr(quota, "free", 0), 0) for quota in quotas),
        "status": status,
        "q": q,
        "statuses": RegistrationStatus.choices,
        "registration_form": registration_form,
        "quota_form": quota_form,
    }


def registration_list(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    context = _list_context(request, conference)
    note_read(
        request,
        action="registration.list",
        objects=context["registrations"],
        changes={"search": {"status": context["status"], "q": context["q"]}},
    )
    return render(request, "events/registrations/registration_list.html", context)


@require_POST
def registration_create(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.add_registration", conference):
        raise PermissionDenied
    form = _registration_form(request, conference, request.POST)
    registration = submit(request, form, register_official, conference=conference)
    if registration is not None:
        messages.success(
            request,
            _("%(name)s registered; the coordinator will approve or decline.")
            % {"name": registration.official.full_name},
        )
        return redirect("registration_list", pk=conference.pk)
    return render(
        request,
        "events/registrations/registration_list.html",
        _list_context(request, conference, registration_form=form),
        status=400,
    )


@require_POST
def registration_quota(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.set_registration_quota", conference):
        raise PermissionDenied
    form = QuotaForm(request.POST, agencies=program_agencies(conference.program), prefix="quota")
    quota = submit(request, form, set_quota, conference=conference)
    if quota is not None:
        messages.success(
            request,
            _("%(agency)s: %(seats)d seats.") % {"agency": quota.agency.code, "seats": quota.seats},
        )
        return redirect("registration_list", pk=conference.pk)
    return render(
        request,
        "events/registrations/registration_list.html",
        _list_context(request, conference, quota_form=form),
        status=400,
    )


def _detail(request, registration, *, decision_form=None, cancel_form=None, status=200):
    return render(
        request,
        "events/registrations/registration_detail.html",
        {
            "registration": registration,
            "conference": registration.conference,
            "decision_form": decision_form or RegistrationDecisionForm(),
            "cancel_form": cancel_form or CancelForm(),
        },
        status=status,
    )


def registration_detail(request, pk):
    registration = get_registration_for(request.user, pk)
    note_read(request, action="registration.view", obj=registration)
    return _detail(request, registration)


@require_POST
def registration_decide(request, pk):
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("events.decide_registration", registration):
        raise PermissionDenied
    form = RegistrationDecisionForm(request.POST)
    if submit(request, form, decide_registration, registration=registration) is None:
        return _detail(request, registration, decision_form=form, status=400)
    messages.success(request, _("Decision recorded."))
    return redirect("registration_detail", pk=pk)


def _batch_message(batch) -> str:
    count = len(batch.decided)
    if batch.decision == RegistrationStatus.APPROVED:
        return ngettext(
            "%(count)d registration approved.", "%(count)d registrations approved.", count
        ) % {"count": count}
    return ngettext(
        "%(count)d registration declined.", "%(count)d registrations declined.", count
    ) % {"count": count}


@require_POST
def registration_bulk_decide(request, pk):
    """POST from the list: ``ids`` (the ticked rows) and ``decision``. Without ``confirm``:
    the confirmation page listing them and what will change. With it: decide them all (back
    to the list with the report) or none (the confirmation page again, 400, naming each row
    that cannot)."""
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.decide_registration"):
        raise PermissionDenied
    return bulk_decision_page(
        request,
        BulkRegistrationDecisionForm(request.POST),
        select=lambda ids: batch_registrations(actor=request.user, conference=conference, ids=ids),
        read_action="registration.list",
        decide=partial(decide_registrations, actor=request.user, conference=conference),
        check=batch_errors,
        message=_batch_message,
        done_url=reverse("registration_list", args=[conference.pk]),
        template="events/registrations/bulk_confirm.html",
        rows_name="registrations",
        context={"conference": conference},
        approved=RegistrationStatus.APPROVED,
    )


@require_POST
def registration_cancel(request, pk):
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("events.cancel_registration", registration):
        raise PermissionDenied
    form = CancelForm(request.POST)
    if submit(request, form, cancel_registration, registration=registration) is None:
        return _detail(request, registration, cancel_form=form, status=400)
    messages.success(
        request,
        _("Registration of %(name)s cancelled; the seat is free again.")
        % {"name": registration.official.full_name},
    )
    return redirect("registration_detail", pk=pk)


@require_POST
def registration_check_in(request, pk):
    """Check an attendee in (idempotent). From the door page: htmx gets the updated row,
    a plain form post goes back to the page it came from."""
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("events.check_in_registration", registration):
        raise PermissionDenied
    error = None
    try:
        check_in(actor=request.user, registration=registration)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "events/registrations/_checkin_row.html",
            {"registration": registration, "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("%(name)s checked in.") % {"name": registration.official.full_name}
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("checkin_door", args=[registration.conference_id])
    return redirect(back)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def registration_badge(request, pk):
    registration = get_registration_for(request.user, pk)
    note_read(request, action="registration.badge", obj=registration)
    if not request.user.has_perm("events.print_badge", registration):
        raise PermissionDenied
    if registration.status != RegistrationStatus.APPROVED:
        raise Http404(_("Only approved registrations have a badge."))
    return _pdf(
        badges_pdf(registration.conference, registrations=[registration]),
        f"badge-{registration.pk}.pdf",
    )


@require_GET
def conference_badges(request, pk):
    """Every badge of the conference: confirmed speakers, then approved attendees by family
    name (coordinators)."""
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    note_read(request, action="registration.badges", obj=conference)
    if not request.user.has_perm("events.print_badges", conference):
        raise PermissionDenied
    return _pdf(
        badges_pdf(
            conference,
            registrations=checkin_list(request.user, conference),
            speakers=confirmed_speakers(request.user, conference),
        ),
        f"{conference.acronym}-badges.pdf",
    )


@require_GET
def checkin_print(request, pk):
    """The approved attendees by family name, to print (print stylesheet)."""
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    note_read(request, action="registration.checkin_list", obj=conference)
    return render(
        request,
        "events/registrations/checkin_print.html",
        {"conference": conference, "registrations": list(checkin_list(request.user, conference))},
    )


@require_GET
def checkin_door(request, pk):
    """The door page: search the approved attendees and check them in. Without JavaScript
    the search is a plain GET form; with htmx the results follow the typing."""
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.check_in", conference):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()
    registrations = checkin_list(request.user, conference, q=q)
    note_read(
        request, action="registration.checkin_search", obj=conference, changes={"search": {"q": q}}
    )
    context = {
        "conference": conference,
        "q": q,
        "registrations": list(registrations[:100]),
        "total": registrations.count(),
        "next": request.get_full_path(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "door-results":
        return render(request, "events/registrations/_checkin_results.html", context)
    return render(request, "events/registrations/checkin_door.html", context)


@require_GET
def registration_official_search(request, pk):
    """The officials the registration form of conference ``pk`` offers, matching ``?q=``."""
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.add_registration", conference):
        raise PermissionDenied
    return search_page(request, registerable_officials(request.user, conference))
