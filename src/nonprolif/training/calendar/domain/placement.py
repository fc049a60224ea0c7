"""Placing the accepted items on the program's business calendar: the sessions they ask for.

The accepted items of the latest proposal versions (``accepted_item_plans``) are turned into
calendar-engine rules and placed on the program country's business calendar, minus the
program's blackout dates and those of the venues the item's sessions use. Nothing is written
here: :mod:`.regenerate` upserts the result.

Placement decisions where the proposal is silent:

- A training item runs ``cohort_count`` sessions (1 when not given) of ``session_days``
  business days (1 when not given), one every ``cadence_months`` months from its start date
  (the program's start date when the item has none).
- A senior-official item gives each target agency its own session (every national agency of
  the program when it targets none). With a start date, the engine's per-agency rule places
  them (back to back, or following the cadence). Items without a start date are chained back
  to back, in item-number order, from the program's start date or, when the program has
  none, the earliest start date of the accepted items.
- Capacity is the cohort size; an item without one (the senior sessions of the 2009
  program) gets ``DEFAULT_CAPACITY`` seats. A capacity the coordinator edited is kept until
  the accepted cohort size itself changes.
- An item that cannot be placed (no date at all, a rule the engine refuses) is reported as
  unscheduled and its existing sessions are left as they are.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from nonprolif.core.models import Agency
from nonprolif.planning.calendar import (
    PlannedSession,
    RuleError,
    SeriesRule,
    generate,
    generate_per_agency,
)
from nonprolif.program.models import Program
from nonprolif.program.queries import ItemPlan, national_agency_ids
from nonprolif.training.calendar.business_calendar import ProgramCalendar
from nonprolif.training.calendar.moves import move_to_json

DEFAULT_CAPACITY = 25  # seats of a session whose item gives no cohort size

TRAINING = "training"
SENIOR = "senior"

# A session's identity across regenerations: (item key, cohort, agency id).
Identity = tuple[str, int | None, int | None]


def identity(item_key: uuid.UUID | str, cohort: int | None, agency_id: int | None) -> Identity:
    return (str(item_key), cohort, agency_id)


@dataclass
class Desired:
    """One session an accepted item asks for, placed on the calendar."""

    plan: ItemPlan
    cohort: int | None
    agency_id: int | None
    agency_code: str | None
    placed: PlannedSession
    move: dict[str, Any] | None
    capacity: int

    @property
    def identity(self) -> Identity:
        return identity(self.plan.item_key, self.cohort, self.agency_id)

    @property
    def label(self) -> str:
        return f"cohort {self.cohort}" if self.cohort is not None else f"senior:{self.agency_code}"


@dataclass(frozen=True)
class Unscheduled:
    """An item that could not be placed, and why."""

    item_number: int
    item_key: str
    detail: str


@dataclass
class Placement:
    """The sessions the accepted items ask for, keyed by identity, and the items that could
    not be placed (their existing sessions are left alone)."""

    desired: dict[Identity, Desired] = field(default_factory=dict)
    unscheduled: list[Unscheduled] = field(default_factory=list)

    @property
    def unscheduled_keys(self) -> set[str]:
        return {entry.item_key for entry in self.unscheduled}


def place_plans(
    program: Program,
    plans: Iterable[ItemPlan],
    calendar: ProgramCalendar,
    venues_by_item: dict[str, set[int]],
) -> Placement:
    """The sessions the accepted ``plans`` ask for on ``calendar`` (see the module docstring
    for the decisions where a proposal is silent). ``venues_by_item``: item key → the venues
    its sessions use, whose blackout dates apply too."""
    plans = list(plans)
    result = Placement()

    def unscheduled(plan: ItemPlan, message: str) -> None:
        result.unscheduled.append(
            Unscheduled(item_number=plan.item_number, item_key=str(plan.item_key), detail=message)
        )

    def add(
        plan: ItemPlan,
        placed: PlannedSession,
        cohort: int | None,
        agency_id: int | None,
        agency_code: str | None,
        capacity: int,
    ) -> None:
        venue_ids = venues_by_item.get(str(plan.item_key), set())
        move = move_to_json(
            placed.move,
            holiday_names=calendar.holiday_names,
            blackout_reasons=calendar.blackout_reasons(venue_ids),
        )
        row = Desired(plan, cohort, agency_id, agency_code, placed, move, capacity)
        result.desired[row.identity] = row

    dated_starts = [p.start_date for p in plans if p.start_date]
    anchor = program.start_date or (min(dated_starts) if dated_starts else None)
    chain_next: datetime.date | None = anchor
    national_codes: list[tuple[str, int]] | None = None

    for plan in sorted(plans, key=lambda p: p.item_number):
        if plan.kind not in (TRAINING, SENIOR):
            continue
        if calendar.base is None:
            unscheduled(plan, calendar.error or "")
            continue
        venue_ids = venues_by_item.get(str(plan.item_key), set())
        cal = calendar.for_venues(venue_ids)
        capacity = plan.cohort_size or DEFAULT_CAPACITY
        length = plan.session_days or 1
        try:
            if plan.kind == TRAINING:
                start = plan.start_date or program.start_date
                if start is None:
                    unscheduled(plan, _("The item and the program have no start date."))
                    continue
                rule = SeriesRule(
                    start=start,
                    count=plan.cohort_count or 1,
                    cadence_months=plan.cadence_months,
                    length_days=length,
                )
                for placed in generate(rule, cal):
                    add(plan, placed, placed.index, None, None, capacity)
                continue
            # Senior officials: one session per target agency.
            if plan.target_agency_codes:
                agencies = list(zip(plan.target_agency_codes, plan.target_agency_ids, strict=True))
            else:
                if national_codes is None:
                    national_codes = list(
                        Agency.objects.filter(pk__in=national_agency_ids(program))
                        .order_by("code")
                        .values_list("code", "pk")
                    )
                agencies = national_codes
            if not agencies:
                unscheduled(plan, _("The item has no target agency."))
                continue
            codes = [code for code, _pk in agencies]
            if plan.start_date:
                rule = SeriesRule(
                    start=plan.start_date,
                    count=plan.cohort_count if plan.cohort_count == len(codes) else 1,
                    cadence_months=plan.cadence_months,
                    length_days=length,
                )
            elif chain_next is not None:
                rule = SeriesRule(start=chain_next, length_days=length)
            else:
                unscheduled(plan, _("The item and the program have no start date."))
                continue
            placed_by_code = generate_per_agency(rule, cal, codes)
            for code, pk in agencies:
                add(plan, placed_by_code[code], None, pk, code, capacity)
            if not plan.start_date:
                chain_next = max(p.end for p in placed_by_code.values()) + datetime.timedelta(1)
        except RuleError as error:
            unscheduled(plan, f"{error.field}: {error.problem}")
    return result
