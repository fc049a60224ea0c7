"""Editing a session and its participants."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Official, User
from nonprolif.program.queries import national_agency_ids
from nonprolif.training.models import Audience, BlackoutDate, Session, SessionParticipant

SESSION_FIELDS = {"venue", "capacity", "language"}
REVISING_FIELDS = ("venue", "capacity")  # a change of these bumps the calendar SEQUENCE


def update_session(*, actor: User, session: Session, **fields: Any) -> Session:
    """Change a session's venue, capacity or language (only the fields given).

    The venue must be one of the session's program and open on every day the session runs;
    the capacity at least 1 and no less than the participants already in the session.

    Side effects, in one transaction: the Session row (``sequence`` + 1 when the venue or
    the capacity changes) and one AuditEntry ("session.update"). PermissionDenied unless the
    actor may change sessions (coordinators); ValidationError naming the field on bad
    input. Nothing is written in those cases, and ``session`` keeps its values.
    """
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    require_perm(actor, "training.change_session", session)
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        before = snapshot(current, ["venue", "capacity", "language"])
        for name, value in fields.items():
            setattr(current, name, value)
        errors: dict[str, list[str]] = {}
        try:
            current.full_clean(exclude=["item", "audience_agency"])
        except ValidationError as error:
            errors.update(error.message_dict)
        if "venue" in fields and current.venue is not None:
            if current.venue.program_id != current.program_id:
                errors.setdefault("venue", []).append(_("The venue is not one of this program."))
            else:
                closed = BlackoutDate.objects.filter(
                    venue=current.venue, date__in=current.day_list
                ).order_by("date")
                for blackout in closed:
                    errors.setdefault("venue", []).append(
                        _("The venue is closed on %(date)s (%(reason)s).")
                        % {
                            "date": formats.date_format(blackout.date, "DATE_FORMAT"),
                            "reason": blackout.reason or _("blackout date"),
                        }
                    )
        if (
            "capacity" in fields
            and isinstance(current.capacity, int)
            and not errors.get("capacity")
        ):
            taken = current.participants.count()
            if current.capacity < taken:
                errors.setdefault("capacity", []).append(
                    _("%(count)d officials already take part; the capacity cannot be lower.")
                    % {"count": taken}
                )
        if errors:
            raise ValidationError(errors)
        after = snapshot(current, ["venue", "capacity", "language"])
        changes = diff(before, after)
        if changes:
            if any(name in changes for name in REVISING_FIELDS):
                current.sequence += 1
            current.updated_at = clock.now()
            current.save()
            record(actor=actor, action="session.update", obj=current, changes=changes)
    for name in ("venue_id", "capacity", "language", "sequence", "updated_at"):
        setattr(session, name, getattr(current, name))
    if "venue" in fields:
        session.venue = current.venue
    return session


def eligibility_error(session: Session, official: Official) -> str | None:
    """Why ``official`` cannot take part in ``session`` (None when he can)."""
    if not official.active:
        return _("%(name)s is not active.") % {"name": official.full_name}
    if session.audience == Audience.SENIOR:
        if official.agency_id != session.audience_agency_id:
            return _("This session is for the senior officials of another agency.")
        if not official.is_senior:
            return _("This session is for senior officials only.")
        return None
    if official.agency_id not in national_agency_ids(session.program):
        return _("%(name)s is not from a national agency of the program.") % {
            "name": official.full_name
        }
    targets = set(session.target_agencies.values_list("pk", flat=True))
    if targets and official.agency_id not in targets:
        return _("The item of this session is not for the agency of %(name)s.") % {
            "name": official.full_name
        }
    return None


def add_participant(*, actor: User, session: Session, official: Official) -> SessionParticipant:
    """Add ``official`` to ``session``.

    The official must be visible to the actor, active, of an agency the session is for (a
    senior session: a senior official of its agency; a training cohort: an official of a
    national agency of the program the item targets), not in the session yet, and a seat
    must be free.

    Side effects, in one transaction: one SessionParticipant row and one AuditEntry
    ("session.add_participant"). PermissionDenied unless the actor may manage participants
    (coordinators); ValidationError on ``official`` otherwise. Nothing is written then.
    """
    require_perm(actor, "training.manage_participants", session)
    if not Official.objects.visible_to(actor).filter(pk=official.pk).exists():
        raise ValidationError({"official": _("Unknown official.")})
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        problem = eligibility_error(current, official)
        if problem is None and current.participants.filter(official=official).exists():
            problem = _("%(name)s already takes part in this session.") % {
                "name": official.full_name
            }
        if problem is None and current.participants.count() >= current.capacity:
            problem = _("The session is full (%(capacity)d seats).") % {
                "capacity": current.capacity
            }
        if problem:
            raise ValidationError({"official": problem})
        participant = SessionParticipant(session=current, official=official, added_by=actor)
        participant.full_clean()
        participant.save()
        record(
            actor=actor,
            action="session.add_participant",
            obj=current,
            changes={"official": [None, official.pk]},
        )
    return participant


def remove_participant(*, actor: User, session: Session, official: Official) -> None:
    """Take ``official`` out of ``session`` (nothing happens when he is not in it).

    Side effects, in one transaction: the SessionParticipant row is deleted and one
    AuditEntry ("session.remove_participant") written. PermissionDenied unless the actor may
    manage participants (coordinators).
    """
    require_perm(actor, "training.manage_participants", session)
    with transaction.atomic():
        deleted, _rows = SessionParticipant.objects.filter(
            session=session, official=official
        ).delete()
        if deleted:
            record(
                actor=actor,
                action="session.remove_participant",
                obj=session,
                changes={"official": [official.pk, None]},
            )
