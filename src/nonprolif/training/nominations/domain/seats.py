"""Writes of seats: each agency's quota per item and the split rules, and the item's
nomination window and assignment settings."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.program.models import Program
from nonprolif.training.models.nomination import AgencySeats, ItemSettings, SeatRule
from nonprolif.training.nominations.queries import NominationItem, item_agencies


def split_seats(
    total: int, codes: Iterable[str], rule: str, weights: Mapping[str, object] | None = None
) -> dict[str, int]:
    """Split ``total`` seats among the agencies ``codes``.

    ``even``: equal shares, the remainder one each to the agencies in code order.
    ``proportional``: shares proportional to ``weights`` (agency code → non-negative number;
    a missing agency weighs 0), rounded down, the remainder one each by largest fractional
    part (ties in code order). Raises ValidationError naming ``weights`` when they are unusable.
    """
    ordered = sorted(codes)
    if not ordered:
        return {}
    if rule == SeatRule.EVEN:
        base, extra = divmod(total, len(ordered))
        return {code: base + (1 if n < extra else 0) for n, code in enumerate(ordered)}
    if rule != SeatRule.PROPORTIONAL:
        raise ValidationError({"seat_rule": _("Choose the even or the proportional split.")})
    weights = weights or {}
    unknown = sorted(set(weights) - set(ordered))
    if unknown:
        raise ValidationError(
            {"weights": _("Unknown agencies: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    values: dict[str, int | float] = {}
    for code in ordered:
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
    exact = {code: total * values[code] / whole for code in ordered}
    seats = {code: int(exact[code]) for code in ordered}
    left = total - sum(seats.values())
    order = sorted(ordered, key=lambda code: (-(exact[code] - seats[code]), code))
    for code in order[:left]:
        seats[code] += 1
    return seats


def _settings_for(program: Program, item: NominationItem) -> ItemSettings:
    found = ItemSettings.objects.filter(program=program, item_key=item.key).first()
    return found or ItemSettings(program=program, item_key=item.key)


SETTINGS_FIELDS = (
    "nomination_opens",
    "nomination_closes",
    "max_agency_share",
    "sequential",
    "completion_percent",
)


def save_item_settings(
    *, actor: User, program: Program, item: NominationItem, **fields: Any
) -> ItemSettings:
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
    settings.updated_at = clock.now()
    settings.full_clean()
    changes = diff(before, snapshot(settings, fields=list(SETTINGS_FIELDS)))
    if settings.pk and not changes:
        return settings
    with transaction.atomic():
        settings.save()
        record(actor=actor, action="itemsettings.save", obj=settings, changes=changes)
    return settings


def _check_seats(seats: Mapping[str, object], codes: set[str]) -> dict[str, int]:
    errors: dict[str, str] = {}
    clean: dict[str, int] = {}
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
    actor: User,
    program: Program,
    item: NominationItem,
    seats: Mapping[str, object],
    rule: str = SeatRule.MANUAL,
    weights: Mapping[str, object] | None = None,
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
    now = clock.now()
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
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    rule: str,
    weights: Mapping[str, object] | None = None,
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
