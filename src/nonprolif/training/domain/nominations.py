"""Writes of seats and nominations: quotas and their split rules, the nomination window,
nominations one by one and by upload, the coordinator's approval, withdrawals and
substitutions.

Decisions where the issue was silent:
- A substitute (``substitute_nomination``) takes the replaced nominee's place in the waitlist
  order (his ``order_at``) but needs the coordinator's approval like any nomination. A placed
  nominee who is replaced leaves his session at once; when the substitute is approved the
  assignment is re-planned with the substitute in that seat (he keeps it if it is open to
  him); when the substitute is declined, the seat goes to the waitlist.
- The coordinator may nominate too (for any agency); the nomination still needs approval.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

import nonprolif.training.rules_nominations  # noqa: F401 (registers the permissions)
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, Official
from nonprolif.training.models.nomination import (
    ACTIVE_STATUSES,
    AgencySeats,
    ItemSettings,
    Nomination,
    NominationStatus,
    SeatRule,
)
from nonprolif.training.queries_nominations import NominationItem, item_agencies

LANGUAGES = {"es-mx", "en"}


# --------------------------------------------------------------------------- seats


def split_seats(total: int, codes: list[str], rule: str, weights: dict | None = None) -> dict:
    """Split ``total`` seats among the agencies ``codes``.

    ``even``: equal shares, the remainder one each to the agencies in code order.
    ``proportional``: shares proportional to ``weights`` (agency code → non-negative number;
    a missing agency weighs 0), rounded down, the remainder one each by largest fractional
    part (ties in code order). Raises ValidationError naming ``weights`` when they are unusable.
    """
    codes = sorted(codes)
    if not codes:
        return {}
    if rule == SeatRule.EVEN:
        base, extra = divmod(total, len(codes))
        return {code: base + (1 if n < extra else 0) for n, code in enumerate(codes)}
    if rule != SeatRule.PROPORTIONAL:
        raise ValidationError({"seat_rule": _("Choose the even or the proportional split.")})
    weights = weights or {}
    unknown = sorted(set(weights) - set(codes))
    if unknown:
        raise ValidationError(
            {"weights": _("Unknown agencies: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    values = {}
    for code in codes:
        value = weights.get(code, 0)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValidationError(
                {
                    "weights": _("The weight of %(code)s must be a number of 0 or more.")
                    % {"code": code}
                }
            )
        values[code] = value
    whole = sum(values.values())
    if whole <= 0:
        raise ValidationError({"weights": _("Give at least one agency a positive weight.")})
    exact = {code: total * values[code] / whole for code in codes}
    seats = {code: int(exact[code]) for code in codes}
    left = total - sum(seats.values())
    order = sorted(codes, key=lambda code: (-(exact[code] - seats[code]), code))
    for code in order[:left]:
        seats[code] += 1
    return seats


def _settings_for(program, item: NominationItem) -> ItemSettings:
    found = ItemSettings.objects.filter(program=program, item_key=item.key).first()
    return found or ItemSettings(program=program, item_key=item.key)


SETTINGS_FIELDS = (
    "nomination_opens",
    "nomination_closes",
    "max_agency_share",
    "sequential",
    "completion_percent",
)


def save_item_settings(*, actor, program, item: NominationItem, **fields) -> ItemSettings:
    """Set the item's nomination window and assignment settings (any of nomination_opens,
    nomination_closes, max_agency_share, sequential, completion_percent; the ones not given
    keep their value).

    Side effects: the ItemSettings row created or updated, one audit entry
    ("itemsettings.save") when something changed. PermissionDenied unless the actor is a
    coordinator; ValidationError naming the field on bad input, and nothing is written.
    """
    require_perm(actor, "training.manage_seats", program)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    settings = _settings_for(program, item)
    before = snapshot(settings, fields=list(SETTINGS_FIELDS)) if settings.pk else {}
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.updated_by = actor if getattr(actor, "pk", None) else None
    settings.updated_at = timezone.now()
    settings.full_clean()
    changes = diff(before, snapshot(settings, fields=list(SETTINGS_FIELDS)))
    if settings.pk and not changes:
        return settings
    with transaction.atomic():
        settings.save()
        record(actor=actor, action="itemsettings.save", obj=settings, changes=changes)
    return settings


def _check_seats(seats: dict, codes: set[str]) -> dict[str, int]:
    errors = {}
    clean = {}
    for code, value in seats.items():
        if code not in codes:
            errors[f"seats.{code}"] = _("This agency is not among the item's agencies.")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors[f"seats.{code}"] = _("Give a whole number of 0 or more.")
        else:
            clean[code] = value
    if errors:
        raise ValidationError(errors)
    return clean


def set_agency_seats(
    *,
    actor,
    program,
    item: NominationItem,
    seats: dict,
    rule: str = SeatRule.MANUAL,
    weights: dict | None = None,
) -> list[AgencySeats]:
    """Set the quota of each agency named in ``seats`` (agency code → seats) for the item;
    agencies not named keep theirs. Records ``rule`` (and ``weights``) in the item settings.

    Side effects: AgencySeats rows created or updated, the ItemSettings row created or
    updated, one audit entry per quota changed ("agencyseats.set"). PermissionDenied unless
    the actor is a coordinator; ValidationError naming ``seats.<CODE>`` on bad input, and
    nothing is written.
    """
    require_perm(actor, "training.manage_seats", program)
    agencies = {agency.code: agency for agency in item_agencies(program, item)}
    clean = _check_seats(seats, set(agencies))
    existing = {
        row.agency.code: row
        for row in AgencySeats.objects.filter(program=program, item_key=item.key).select_related(
            "agency"
        )
    }
    now = timezone.now()
    rows = []
    with transaction.atomic():
        settings = _settings_for(program, item)
        wanted_weights = dict(weights or {}) if rule == SeatRule.PROPORTIONAL else {}
        if not settings.pk or (settings.seat_rule, settings.weights) != (rule, wanted_weights):
            settings.seat_rule = rule
            settings.weights = wanted_weights
            settings.updated_by = actor if getattr(actor, "pk", None) else None
            settings.updated_at = now
            settings.full_clean()
            settings.save()
        for code, value in sorted(clean.items()):
            row = existing.get(code)
            if row is not None and row.seats == value:
                rows.append(row)
                continue
            old = row.seats if row is not None else None
            if row is None:
                row = AgencySeats(program=program, item_key=item.key, agency=agencies[code])
            row.seats = value
            row.updated_by = actor if getattr(actor, "pk", None) else None
            row.updated_at = now
            row.full_clean()
            row.save()
            record(
                actor=actor,
                action="agencyseats.set",
                obj=row,
                changes={"seats": [old, value], "rule": [None, str(rule)]},
            )
            rows.append(row)
    return rows


def apply_seat_rule(
    *, actor, program, item: NominationItem, rule: str, weights: dict | None = None
) -> list[AgencySeats]:
    """Split the item's seats (cohort size times cohort count; for senior sessions the size of
    each agency's session) among its agencies by ``rule`` (see :func:`split_seats`) and store
    them as the quotas. Side effects and errors: those of :func:`set_agency_seats`."""
    require_perm(actor, "training.manage_seats", program)
    codes = [agency.code for agency in item_agencies(program, item)]
    if item.senior:
        size = item.seats_total // max(1, len(codes))
        seats = dict.fromkeys(codes, size)
        if rule == SeatRule.PROPORTIONAL:
            seats = split_seats(size * len(codes), codes, rule, weights)
    else:
        seats = split_seats(item.seats_total, codes, rule, weights)
    return set_agency_seats(
        actor=actor, program=program, item=item, seats=seats, rule=rule, weights=weights
    )


# --------------------------------------------------------------------------- nominations


@dataclass
class NominationInput:
    """One nomination to check and create (from a form, the API or an upload row)."""

    official: Official | None
    language: str = ""
    unavailable: list = field(default_factory=list)
    preferences: list = field(default_factory=list)


def window_error(program, item: NominationItem, now=None) -> str | None:
    """Why nominations for the item are not taken now (None when the window is open)."""
    settings = ItemSettings.objects.filter(program=program, item_key=item.key).first()
    if settings is None:
        return None
    state = settings.window_state(now)
    if state == "not_open_yet":
        return _("Nominations for this item open on %(when)s.") % {
            "when": timezone.localtime(settings.nomination_opens).strftime("%Y-%m-%d %H:%M")
        }
    if state == "closed":
        return _("Nominations for this item closed on %(when)s.") % {
            "when": timezone.localtime(settings.nomination_closes).strftime("%Y-%m-%d %H:%M")
        }
    return None


def _normalise_ranges(value) -> list[list[str]]:
    """[[start, end], ...] as ISO strings, sorted; ValueError with the reason."""
    ranges = []
    for entry in value or []:
        if not isinstance(entry, list | tuple) or len(entry) != 2:
            raise ValueError(_("Each unavailable period is a pair [start, end]."))
        try:
            start, end = (
                d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d))
                for d in entry
            )
        except ValueError:
            raise ValueError(_("Dates are written YYYY-MM-DD.")) from None
        if end < start:
            raise ValueError(
                _("The period %(start)s..%(end)s ends before it starts.")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        ranges.append([start.isoformat(), end.isoformat()])
    return sorted(ranges)


def nomination_errors(
    *, actor, program, item: NominationItem, data: NominationInput, taken: set[int] | None = None
) -> dict[str, str]:
    """Every reason ``data`` cannot be nominated for the item, by field (empty: fine).
    ``taken``: officials already nominated earlier in the same batch."""
    errors: dict[str, str] = {}
    official = data.official
    if official is None:
        errors["official"] = _("Unknown official.")
    else:
        allowed = {agency.pk for agency in item_agencies(program, item)}
        if not actor.has_perm("training.nominate", official):
            errors["official"] = _("You may nominate only officials of your own agency.")
        elif not official.active:
            errors["official"] = _("This official is not active.")
        elif official.agency_id not in allowed:
            errors["official"] = _("This item is not for the official's agency.")
        elif item.senior and not official.is_senior:
            errors["official"] = _("This session is for senior officials only.")
        elif taken is not None and official.pk in taken:
            errors["official"] = _("The official appears twice in this upload.")
        elif Nomination.objects.filter(
            program=program, item_key=item.key, official=official, status__in=ACTIVE_STATUSES
        ).exists():
            errors["official"] = _("The official is already nominated for this item.")
    if data.language and data.language not in LANGUAGES:
        errors["language"] = _("Use es-mx or en.")
    try:
        data.unavailable = _normalise_ranges(data.unavailable)
    except ValueError as error:
        errors["unavailable"] = str(error)
    count = 1 if item.senior else (item.plan.cohort_count or 1)
    prefs = data.preferences or []
    if any(isinstance(p, bool) or not isinstance(p, int) for p in prefs):
        errors["preferences"] = _("Cohort preferences are cohort numbers.")
    elif len(set(prefs)) != len(prefs):
        errors["preferences"] = _("A cohort is ranked twice.")
    elif any(not 1 <= p <= count for p in prefs):
        errors["preferences"] = _("The item's cohorts are numbered 1 to %(count)d.") % {
            "count": count
        }
    window = window_error(program, item)
    if window:
        errors["__all__"] = window
    return errors


def _create(*, actor, program, item, data: NominationInput, substitute_for=None) -> Nomination:
    now = timezone.now()
    official = data.official
    nomination = Nomination(
        program=program,
        item_key=item.key,
        official=official,
        agency_id=official.agency_id,
        status=NominationStatus.SUBMITTED,
        language=data.language or official.language or "es-mx",
        unavailable=data.unavailable,
        preferences=list(data.preferences or []),
        order_at=substitute_for.order_at if substitute_for is not None else now,
        submitted_by=actor if getattr(actor, "pk", None) else None,
        submitted_at=now,
        substitute_for=substitute_for,
    )
    nomination.full_clean(validate_constraints=False)
    nomination.save()
    record(
        actor=actor,
        action="nomination.submit",
        obj=nomination,
        changes={
            "official": [None, official.pk],
            "item_key": [None, str(item.key)],
            "status": [None, nomination.status],
            "substitute_for": [None, substitute_for.pk if substitute_for else None],
        },
    )
    return nomination


def nominate(*, actor, program, item: NominationItem, data: NominationInput) -> Nomination:
    """Nominate one official for the item (status "submitted": it awaits the coordinator).

    Side effects: one Nomination row, one audit entry ("nomination.submit").
    ValidationError naming the field (official, language, unavailable, preferences; the
    window under ``__all__``) when it may not be made; PermissionDenied when the actor may not
    nominate this official (a liaison: another agency's). Nothing is written then.
    """
    if data.official is not None and not actor.has_perm("training.nominate", data.official):
        raise PermissionDenied(_("You may nominate only officials of your own agency."))
    errors = nomination_errors(actor=actor, program=program, item=item, data=data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _create(actor=actor, program=program, item=item, data=data)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """What an upload did: the nominations created and the errors of each bad row."""

    created: list[Nomination] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    only_good: bool = False

    @property
    def imported(self) -> bool:
        return bool(self.created)

    @property
    def bad_rows(self) -> int:
        return len({error.row for error in self.errors})


# Which upload column a nomination field comes from (for the row report).
FIELD_COLUMNS = {
    "official": "official",
    "language": "language",
    "unavailable": "unavailable",
    "preferences": "preferences",
    "__all__": "",
}


def import_nominations(
    *, actor, program, item: NominationItem, rows, file_errors=(), only_good: bool = False
) -> ImportReport:
    """Nominate the officials of an upload's ``rows`` (parsed by
    ``nonprolif.training.nomination_import``: each with its row number, the values it could
    read and the errors of its cells; ``file_errors``: errors of the file itself, such as a
    missing column, which import nothing even with ``only_good``).

    All or nothing: when any row is bad nothing is imported and the report lists every error
    (row, column, why); with ``only_good`` the good rows are imported and the bad ones
    reported. Officials are looked up among those the actor can see (by id or e-mail), so an
    official of another agency is "unknown" to a liaison.

    Side effects: one Nomination row and one audit entry ("nomination.submit") per row
    imported, one audit entry ("nomination.import") on the program when any was.
    PermissionDenied unless the actor may nominate (a coordinator or a liaison).
    """
    if not (actor.has_perm("training.manage_seats", program) or actor.has_role("liaison")):
        raise PermissionDenied(_("You are not allowed to do this."))
    report = ImportReport(rows=len(rows), only_good=only_good)
    if file_errors:
        report.errors.extend(file_errors)
        return report
    visible = Official.objects.visible_to(actor).select_related("agency")
    ids = {row.official_id for row in rows if row.official_id is not None}
    emails = {row.email.lower() for row in rows if row.email}
    by_id = {o.pk: o for o in visible.filter(pk__in=ids)}
    by_email = {}
    if emails:
        found = visible.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        for official in found.order_by("pk"):
            by_email.setdefault(official.email.lower(), official)
    good: list[NominationInput] = []
    taken: set[int] = set()
    for row in rows:
        row_errors = list(row.errors)
        official = None
        if row.official_id is not None:
            official = by_id.get(row.official_id)
        elif row.email:
            official = by_email.get(row.email.lower())
        data = NominationInput(
            official=official,
            language=row.language,
            unavailable=row.unavailable,
            preferences=row.preferences,
        )
        if official is None and not any(e.column == row.official_column for e in row_errors):
            row_errors.append(
                RowError(
                    row.number,
                    row.official_column,
                    _("No official you can see has this id or e-mail."),
                )
            )
        checks = nomination_errors(actor=actor, program=program, item=item, data=data, taken=taken)
        for name, message in checks.items():
            if name == "official" and official is None:
                continue
            column = row.official_column if name == "official" else FIELD_COLUMNS.get(name, name)
            if any(e.column == column for e in row_errors):
                continue
            row_errors.append(RowError(row.number, column, message))
        if official is not None:
            taken.add(official.pk)
        if row_errors:
            report.errors.extend(row_errors)
        else:
            good.append(data)
    if report.errors and not only_good:
        return report
    if not good:
        return report
    with transaction.atomic():
        for data in good:
            report.created.append(_create(actor=actor, program=program, item=item, data=data))
        record(
            actor=actor,
            action="nomination.import",
            obj=program,
            changes={
                "item_key": [None, str(item.key)],
                "imported": [None, len(report.created)],
                "rejected_rows": [None, report.bad_rows],
            },
        )
    return report


def decide_nomination(*, actor, nomination: Nomination, decision: str, reason: str = ""):
    """Approve (``decision="approved"``) or decline (``"declined"``, with a ``reason``) a
    submitted nomination.

    Side effects: the nomination's status, decided_by/at and reason; one audit entry
    ("nomination.decide"). Approving or declining a substitute whose predecessor held a
    seat re-plans the assignment (see the module docstring and
    ``nonprolif.training.domain.assignment.replan_program``), with its side effects.
    PermissionDenied unless the actor is a coordinator; ValidationError when the nomination
    is not awaiting a decision, the decision is unknown or a decline has no reason.
    """
    require_perm(actor, "training.decide_nomination", nomination)
    reason = (reason or "").strip()
    if decision not in (NominationStatus.APPROVED, NominationStatus.DECLINED):
        raise ValidationError({"decision": _("Approve or decline.")})
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError({"status": _("This nomination is not awaiting a decision.")})
    if decision == NominationStatus.DECLINED and not reason:
        raise ValidationError({"reason": _("Give the reason for declining.")})
    predecessor = nomination.substitute_for
    with transaction.atomic():
        before = nomination.status
        nomination.status = decision
        nomination.decided_by = actor if getattr(actor, "pk", None) else None
        nomination.decided_at = timezone.now()
        nomination.decision_reason = reason
        nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        record(
            actor=actor,
            action="nomination.decide",
            obj=nomination,
            changes={"status": [before, decision], "reason": [None, reason]},
        )
        seat = predecessor.session if predecessor is not None else None
    if seat is not None:
        from nonprolif.training.domain.assignment import replan_program

        extra = {nomination.pk: seat.pk} if decision == NominationStatus.APPROVED else {}
        replan_program(actor=actor, program=nomination.program, seat_for=extra)
    return nomination


def withdraw_nomination(*, actor, nomination: Nomination, reason: str = ""):
    """Withdraw a submitted or approved nomination (who and when are recorded).

    When the nominee held a seat and an assignment is in force, the assignment is re-planned
    with as few changes as possible: the best waitlisted nominee who fits takes the seat and
    both the withdrawn participant and the promoted nominee are told by e-mail (see
    ``nonprolif.training.domain.assignment.replan_program``).

    Side effects: the nomination's status and withdrawn_by/at/reason; his SessionParticipant
    row removed; one audit entry ("nomination.withdraw"); the re-plan's. PermissionDenied
    unless the actor is a coordinator or a liaison of the nominee's agency; ValidationError
    when the nomination is no longer active.
    """
    require_perm(actor, "training.withdraw_nomination", nomination)
    if nomination.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": _("This nomination is no longer active.")})
    from nonprolif.training.domain.assignment import replan_program

    return replan_program(
        actor=actor,
        program=nomination.program,
        withdraw=nomination,
        reason=(reason or "").strip(),
    )


def substitute_nomination(
    *, actor, nomination: Nomination, data: NominationInput, reason: str = ""
) -> Nomination:
    """Replace an active nominee by another official of the same agency. The substitute is a
    new nomination awaiting approval, with the replaced one's place in the waitlist order;
    the replaced nomination becomes "substituted" (who and when recorded) and leaves his
    seat, if he held one.

    Side effects: one Nomination row created, the replaced one updated, his SessionParticipant
    row removed, two audit entries ("nomination.submit", "nomination.substitute").
    PermissionDenied unless the actor is a coordinator or a liaison of the nominee's agency;
    ValidationError naming the field when the substitute may not be nominated (another
    agency, not senior for a senior item, already nominated...) or the nomination is not
    active. Nothing is written then.
    """
    require_perm(actor, "training.substitute_nomination", nomination)
    if nomination.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": _("This nomination is no longer active.")})
    from nonprolif.training.queries_nominations import nomination_items

    item = next(
        (i for i in nomination_items(nomination.program) if i.key == nomination.item_key), None
    )
    if item is None:
        raise ValidationError({"__all__": _("The item is no longer accepted.")})
    if data.official is not None and data.official.agency_id != nomination.agency_id:
        raise ValidationError(
            {"official": _("The substitute must be of the same agency as the nominee.")}
        )
    errors = nomination_errors(actor=actor, program=nomination.program, item=item, data=data)
    errors.pop("__all__", None)  # a substitution is allowed after the window closed
    if errors:
        raise ValidationError(errors)
    from nonprolif.training.domain.assignment import release_seat

    with transaction.atomic():
        before = nomination.status
        nomination.status = NominationStatus.SUBSTITUTED
        nomination.withdrawn_by = actor if getattr(actor, "pk", None) else None
        nomination.withdrawn_at = timezone.now()
        nomination.withdrawal_reason = (reason or "").strip()
        nomination.save(
            update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"]
        )
        release_seat(nomination)
        substitute = _create(
            actor=actor,
            program=nomination.program,
            item=item,
            data=data,
            substitute_for=nomination,
        )
        record(
            actor=actor,
            action="nomination.substitute",
            obj=nomination,
            changes={"status": [before, nomination.status], "substitute": [None, substitute.pk]},
        )
    return substitute


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def parse_item_key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
