"""Venues and blackout dates: where sessions run and the days they cannot."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.program.models import Program
from nonprolif.training.calendar.domain.regenerate import RegenerationReport, follow_review
from nonprolif.training.models import BlackoutDate, Venue


def create_venue(
    *, actor: User, program: Program, name: str, city: str, address: str = ""
) -> Venue:
    """Add a venue to ``program``.

    Side effects, in one transaction: one Venue row and one AuditEntry ("venue.create").
    PermissionDenied unless the actor manages venues (coordinators); ValidationError naming
    the field on bad input (a name the program already uses included). Nothing is written
    then.
    """
    require_perm(actor, "training.manage_venues", program)
    venue = Venue(
        program=program,
        name=(name or "").strip(),
        city=(city or "").strip(),
        address=(address or "").strip(),
    )
    venue.full_clean()
    with transaction.atomic():
        venue.save()
        record(actor=actor, action="venue.create", obj=venue, changes=diff({}, snapshot(venue)))
    return venue


def create_blackout_date(
    *,
    actor: User,
    program: Program,
    date: datetime.date,
    venue: Venue | None = None,
    reason_es: str = "",
    reason_en: str = "",
) -> tuple[BlackoutDate, RegenerationReport]:
    """Add a day on which no session runs: in the whole program, or at ``venue`` only.

    Side effects, in one transaction: one BlackoutDate row, one AuditEntry
    ("blackout.create"), and the program's sessions regenerated (the sessions on that day
    move, except those with participants, whose move waits for confirmation). Returns the
    row and the regeneration report. PermissionDenied unless the actor manages venues
    (coordinators); ValidationError naming the field on bad input (a venue of another
    program, a day already blacked out). Nothing is written then.
    """
    require_perm(actor, "training.manage_venues", program)
    if venue is not None and venue.program_id != program.pk:
        raise ValidationError({"venue": _("The venue is not one of this program.")})
    blackout = BlackoutDate(
        program=program,
        venue=venue,
        date=date,
        reason_es=(reason_es or "").strip(),
        reason_en=(reason_en or "").strip(),
    )
    blackout.full_clean()
    with transaction.atomic():
        blackout.save()
        record(
            actor=actor,
            action="blackout.create",
            obj=blackout,
            changes=diff({}, snapshot(blackout)),
        )
        report = follow_review(program=program, actor=actor)
    return blackout, report


def delete_blackout_date(*, actor: User, blackout: BlackoutDate) -> RegenerationReport:
    """Remove a blackout date.

    Side effects, in one transaction: the row is deleted, one AuditEntry
    ("blackout.delete") is written on the program, and its sessions regenerated (as in
    :func:`create_blackout_date`). PermissionDenied unless the actor manages venues.
    """
    program = blackout.program
    require_perm(actor, "training.manage_venues", program)
    with transaction.atomic():
        record(
            actor=actor,
            action="blackout.delete",
            obj=program,
            changes=diff(snapshot(blackout), {}),
        )
        blackout.delete()
        return follow_review(program=program, actor=actor)
