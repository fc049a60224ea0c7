"""Conference registrations: the coordinator gives each agency its seats; liaisons register
their agency's officials within them; the coordinator approves or declines; registrations
may be cancelled; approved attendees are checked in at the door."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import (
    Conference,
    Registration,
    RegistrationQuota,
    RegistrationStatus,
)
from nonprolif.program.queries import program_agencies


def seats_taken(conference: Conference, agency: Agency) -> int:
    """How many of the agency's registrations hold a seat (submitted or approved)."""
    return Registration.objects.filter(conference=conference, agency=agency).holding_seats().count()


def set_quota(
    *, actor: User, conference: Conference, agency: Agency | None, seats: int
) -> RegistrationQuota:
    """Set how many of ``agency``'s officials may attend ``conference`` (coordinators).

    The agency must take part in the conference's program; ``seats`` may not fall below the
    registrations that already hold a seat. Side effects, in one transaction: the
    RegistrationQuota row (created or changed) and one audit entry ("registration.quota").
    PermissionDenied for anybody but the coordinator; ValidationError naming the field on bad
    input, writing nothing.
    """
    require_perm(actor, "events.set_registration_quota", conference)
    if agency is None:
        raise ValidationError({"agency": _("Choose an agency.")})
    if not isinstance(seats, int) or seats < 0:
        raise ValidationError({"seats": _("Give a whole number of seats, zero or more.")})
    if not program_agencies(conference.program).filter(pk=agency.pk).exists():
        raise ValidationError({"agency": _("This agency does not take part in the program.")})
    with transaction.atomic():
        quota = (
            RegistrationQuota.objects.select_for_update()
            .filter(conference=conference, agency=agency)
            .first()
        )
        taken = seats_taken(conference, agency)
        if seats < taken:
            raise ValidationError(
                {
                    "seats": _(
                        "%(agency)s already has %(taken)d registrations holding a seat; "
                        "cancel or decline some first."
                    )
                    % {"agency": agency.code, "taken": taken}
                }
            )
        old = quota.seats if quota else None
        if quota is None:
            quota = RegistrationQuota(conference=conference, agency=agency, seats=seats)
        quota.seats = seats
        quota.full_clean()
        quota.save()
        if old != seats:
            record(
                actor=actor,
                action="registration.quota",
                obj=quota,
                changes={"seats": [old, seats], "agency": [None, agency.code]},
            )
    return quota


def register_official(
    *, actor: User, conference: Conference, official: Official | None
) -> Registration:
    """Register ``official`` for ``conference`` (a liaison his agency's officials, the
    coordinator anyone's), within the agency's seats.

    The official must be visible to the actor, active, and of an agency with seats left at
    the conference. A cancelled or declined registration of the same official is submitted
    again (one registration per official and conference).

    Side effects, in one transaction: one Registration row (status "submitted") created or
    reopened, and one audit entry ("registration.create"). PermissionDenied unless the actor
    may register; ValidationError naming the field (``official``) when the official is
    unknown, inactive, already registered, or when the agency's quota is full or missing.
    Nothing is written in those cases.
    """
    require_perm(actor, "events.add_registration", conference)
    if official is None or not Official.objects.visible_to(actor).filter(pk=official.pk).exists():
        raise ValidationError({"official": _("Unknown official.")})
    if not official.active:
        raise ValidationError({"official": _("This official is no longer active.")})
    with transaction.atomic():
        quota = (
            RegistrationQuota.objects.select_for_update()
            .filter(conference=conference, agency_id=official.agency_id)
            .select_related("agency")
            .first()
        )
        if quota is None:
            raise ValidationError(
                {
                    "official": _("%(agency)s has no seats at this conference.")
                    % {"agency": official.agency.code}
                }
            )
        existing = (
            Registration.objects.select_for_update()
            .filter(conference=conference, official=official)
            .first()
        )
        if existing is not None and existing.status in (
            RegistrationStatus.SUBMITTED,
            RegistrationStatus.APPROVED,
        ):
            raise ValidationError(
                {"official": _("%(name)s is already registered.") % {"name": official.full_name}}
            )
        taken = seats_taken(conference, official.agency)
        if taken >= quota.seats:
            raise ValidationError(
                {
                    "official": _(
                        "The quota of %(agency)s is full: %(taken)d of %(seats)d seats taken."
                    )
                    % {"agency": quota.agency.code, "taken": taken, "seats": quota.seats}
                }
            )
        now = clock.now()
        registration = existing or Registration(conference=conference, official=official)
        old_status = existing.status if existing else None
        registration.agency_id = official.agency_id
        registration.registered_by = actor
        registration.registered_at = now
        registration.status = RegistrationStatus.SUBMITTED
        registration.decided_by = None
        registration.decided_at = None
        registration.reason = ""
        registration.full_clean(validate_unique=existing is None)
        registration.save()
        record(
            actor=actor,
            action="registration.create",
            obj=registration,
            changes={"status": [old_status, registration.status]},
        )
    return registration


def decide_registration(
    *, actor: User, registration: Registration, decision: str, reason: str = ""
) -> Registration:
    """Approve or decline a submitted registration (coordinators); a reason is required to
    decline. An approved one may still be declined (with a reason) until checked in.

    Side effects, in one transaction: the status, reason, decided_by/at, and one audit entry
    ("registration.decide"). PermissionDenied for anybody but the coordinator;
    ValidationError naming the field on bad input or (on ``status``) when the registration
    cannot take this decision now. Nothing is written then.
    """
    require_perm(actor, "events.decide_registration", registration)
    reason = (reason or "").strip()
    if decision not in (RegistrationStatus.APPROVED, RegistrationStatus.DECLINED):
        raise ValidationError({"decision": _("Choose approved or declined.")})
    if decision == RegistrationStatus.DECLINED and not reason:
        raise ValidationError({"reason": _("Give the reason for declining this registration.")})
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        allowed_from = {
            RegistrationStatus.APPROVED: {RegistrationStatus.SUBMITTED},
            RegistrationStatus.DECLINED: {
                RegistrationStatus.SUBMITTED,
                RegistrationStatus.APPROVED,
            },
        }[RegistrationStatus(decision)]
        if current.status not in allowed_from or current.checked_in_at is not None:
            raise ValidationError(
                {
                    "status": _("A registration that is %(status)s cannot be %(decision)s.")
                    % {
                        "status": current.get_status_display().lower(),
                        "decision": RegistrationStatus(decision).label.lower(),
                    }
                }
            )
        old = current.status
        current.status = decision
        current.reason = reason
        current.decided_by = actor
        current.decided_at = clock.now()
        current.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        record(
            actor=actor,
            action="registration.decide",
            obj=current,
            changes={"status": [old, decision], "reason": [None, reason]},
        )
    _copy(current, registration)
    return registration


def cancel_registration(
    *, actor: User, registration: Registration, reason: str = ""
) -> Registration:
    """Cancel a submitted or approved registration (the coordinator; the liaison of the
    official's agency); its seat is freed. A checked-in registration cannot be cancelled.

    Side effects, in one transaction: status "cancelled", the reason, and one audit entry
    ("registration.cancel"). PermissionDenied unless the actor may; ValidationError (on
    ``status``) when it is not cancellable, or (on ``reason``) when no reason is given.
    Nothing is written then.
    """
    require_perm(actor, "events.cancel_registration", registration)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling this registration.")})
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if (
            current.status not in (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)
            or current.checked_in_at is not None
        ):
            raise ValidationError(
                {
                    "status": _(
                        "Only submitted or approved registrations not yet checked in can be "
                        "cancelled."
                    )
                }
            )
        old = current.status
        current.status = RegistrationStatus.CANCELLED
        current.reason = (reason or "").strip()
        current.save(update_fields=["status", "reason"])
        record(
            actor=actor,
            action="registration.cancel",
            obj=current,
            changes={"status": [old, current.status]},
        )
    _copy(current, registration)
    return registration


def check_in(*, actor: User, registration: Registration) -> Registration:
    """Record that an approved attendee arrived (the coordinator; a liaison for his agency's
    officials). Idempotent: checking in twice keeps the first time and writes nothing.

    Side effects, in one transaction: checked_in_at/by and one audit entry
    ("registration.check_in"). PermissionDenied unless the actor may; ValidationError (on
    ``status``) unless the registration is approved. Nothing is written then.
    """
    require_perm(actor, "events.check_in_registration", registration)
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.APPROVED:
            raise ValidationError({"status": _("Only approved registrations can be checked in.")})
        if current.checked_in_at is None:
            current.checked_in_at = clock.now()
            current.checked_in_by = actor
            current.save(update_fields=["checked_in_at", "checked_in_by"])
            record(
                actor=actor,
                action="registration.check_in",
                obj=current,
                changes={"checked_in_at": [None, current.checked_in_at.isoformat()]},
            )
    _copy(current, registration)
    return registration


def undo_check_in(*, actor: User, registration: Registration) -> Registration:
    """Undo a check-in recorded by mistake (whoever may check the attendee in may undo it):
    the registration is approved and not checked in again. Undoing a registration that is
    not checked in writes nothing.

    Side effects, in one transaction: clears checked_in_at/by and writes one audit entry
    ("registration.check_in_undo", with the time it replaces). PermissionDenied unless the
    actor may check the attendee in; nothing is written then.
    """
    require_perm(actor, "events.check_in_registration", registration)
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.checked_in_at is not None:
            previous = current.checked_in_at.isoformat()
            current.checked_in_at = None
            current.checked_in_by = None
            current.save(update_fields=["checked_in_at", "checked_in_by"])
            record(
                actor=actor,
                action="registration.check_in_undo",
                obj=current,
                changes={"checked_in_at": [previous, None]},
            )
    _copy(current, registration)
    return registration


def _copy(source: Registration, target: Registration) -> None:
    """Bring the caller's instance up to date (keeping its prefetched relations)."""
    for name in (
        "status",
        "reason",
        "decided_by_id",
        "decided_at",
        "checked_in_at",
        "checked_in_by_id",
    ):
        setattr(target, name, getattr(source, name))
