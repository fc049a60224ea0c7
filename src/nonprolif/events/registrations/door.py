"""At the door: a scanner (or a person) types a badge's check-in code and the attendee is
checked in; a check-in recorded by mistake can be undone, after a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Outcome
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.registrations.codes import registration_id
from nonprolif.events.registrations.domain import check_in, undo_check_in
from nonprolif.events.registrations.queries import get_registration_for, registrations_for

CODE_SHOWN = 40  # characters of a mistyped code repeated in the message and the audit


def _door_conference(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_registrations")
    if not request.user.has_perm("events.check_in", conference):
        raise PermissionDenied
    return conference


def checkin_scan(request, pk):
    """POST ``code``: check in the attendee of that code (idempotent: a second scan says
    when he came). htmx gets the scanner's form back, empty and focused, with the result;
    a plain form post goes back to the door page with the result as a message."""
    conference = _door_conference(request, pk)
    if request.method != "POST":
        return redirect("checkin_door", pk=conference.pk)
    code = request.POST.get("code", "").strip()
    found = registration_id(code)
    registration = (
        registrations_for(request.user)
        .filter(pk=found, conference=conference)
        .select_related("official", "agency")
        .first()
        if found is not None
        else None
    )
    error = success = None
    if registration is None:
        error = _("No registration of this conference has the code “%(code)s”.") % {
            "code": code[:CODE_SHOWN]
        }
        record(
            actor=request.user,
            action="registration.checkin_scan",
            obj=conference,
            changes={"code": code[:CODE_SHOWN]},
            outcome=Outcome.DENIED,
        )
    else:
        already = registration.checked_in_at is not None
        try:
            check_in(actor=request.user, registration=registration)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except PermissionDenied:
            error = _("You may not check this attendee in.")
        else:
            name = registration.official.full_name
            success = (
                _("%(name)s was already checked in.") % {"name": name}
                if already
                else _("%(name)s checked in.") % {"name": name}
            )
    if request.headers.get("HX-Request"):
        return render(
            request,
            "events/registrations/_checkin_scan.html",
            {
                "conference": conference,
                "registration": registration if error is None else None,
                "error": error,
                "success": success,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect("checkin_door", pk=conference.pk)


def checkin_undo(request, pk):
    """GET asks for confirmation; POST undoes the check-in of registration ``pk``."""
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("events.check_in_registration", registration):
        raise PermissionDenied
    if request.method != "POST":
        return render(
            request,
            "events/registrations/checkin_undo.html",
            {"registration": registration, "conference": registration.conference},
        )
    undo_check_in(actor=request.user, registration=registration)
    messages.success(
        request,
        _("The check-in of %(name)s is undone.") % {"name": registration.official.full_name},
    )
    return redirect("checkin_door", pk=registration.conference_id)
