"""The program's venues and blackout dates (coordinators keep them; others read)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.submit import submit
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar.domain import (
    create_blackout_date,
    create_venue,
    delete_blackout_date,
)
from nonprolif.training.calendar.forms import BlackoutForm, VenueForm
from nonprolif.training.calendar.queries import get_blackout_for, program_blackouts, program_venues


def venue_list(request, code):
    """Venues and blackout dates; POST (``form=venue`` or ``form=blackout``) adds one."""
    program = get_program_for(request.user, code)
    note_read(request, action="venue.list", obj=program)
    venues = program_venues(request.user, program)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted and not request.user.has_perm("training.manage_venues", program):
        raise PermissionDenied
    venue_form = VenueForm(request.POST if posted == "venue" else None, prefix="venue")
    blackout_form = BlackoutForm(
        request.POST if posted == "blackout" else None, venues=venues, prefix="blackout"
    )
    if posted == "venue":
        if submit(request, venue_form, create_venue, program=program) is not None:
            messages.success(request, _("Venue added."))
            return redirect("venue_list", code=program.code)
    elif posted == "blackout":
        result = submit(request, blackout_form, create_blackout_date, program=program)
        if result is not None:
            _blackout, report = result
            messages.success(
                request,
                _(
                    "Blackout date added; %(moved)d sessions moved, "
                    "%(blocked)d wait for confirmation."
                )
                % {"moved": len(report.updated), "blocked": len(report.blocked)},
            )
            return redirect("venue_list", code=program.code)
    return render(
        request,
        "training/venue_list.html",
        {
            "program": program,
            "venues": list(venues),
            "blackouts": list(program_blackouts(request.user, program)),
            "venue_form": venue_form,
            "blackout_form": blackout_form,
        },
        status=400 if posted else 200,
    )


def blackout_delete(request, pk):
    """GET asks for confirmation; POST removes the blackout date."""
    blackout = get_blackout_for(request.user, pk)
    if not request.user.has_perm("training.manage_venues", blackout.program):
        raise PermissionDenied
    if request.method != "POST":
        day = date_format(blackout.date, "DATE_FORMAT")
        where = blackout.venue.name if blackout.venue else _("the whole program")
        details = [_("It applies to %(where)s.") % {"where": where}]
        if blackout.reason:
            details.append(_("Reason: %(reason)s") % {"reason": blackout.reason})
        details.append(
            _("Sessions may then be scheduled on that day: the calendar is regenerated.")
        )
        return confirm_page(
            request,
            question=_("Remove the blackout date %(date)s?") % {"date": day},
            details=details,
            confirm_label=_("Remove the blackout date"),
            cancel_url=reverse("venue_list", args=[blackout.program.code]),
            obj=blackout,
            action="blackout.view",
            header="training/_header.html",
            context={"program": blackout.program, "tab": "venues"},
        )
    delete_blackout_date(actor=request.user, blackout=blackout)
    messages.success(request, _("Blackout date removed."))
    return redirect("venue_list", code=blackout.program.code)
