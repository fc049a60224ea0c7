"""The review as a user sees it, and the accepted items the calendar plans."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Exists, Prefetch

from nonprolif.core.models import Agency, User
from nonprolif.program.models import Decision, ItemDecision, ItemStatus, Program, ProposalItem
from nonprolif.program.models.proposal import later_versions


def item_decision_state(item: ProposalItem) -> ItemStatus:
    """The item's review status: awaiting review, accepted, accepted with amendments or
    rejected (no query when the selectors prefetched its decisions)."""
    return item.status


def item_decisions(user: User, item: ProposalItem) -> list[ItemDecision]:
    """The decisions on ``item`` (newest first) as ``user`` sees them: the item is visible to
    ``user`` (fetched through ``get_item_for``), so its whole history is."""
    return list(
        ItemDecision.objects.visible_to(user)
        .filter(item=item)
        .select_related("item", "actor", "carried_from__item__proposal")
        .prefetch_related("target_agencies")
        .order_by("-at", "-pk")
    )


@dataclass(frozen=True)
class ItemPlan:
    """An accepted item with the coordinator's amendments applied: what the calendar plans."""

    item_id: int
    item_key: uuid.UUID
    item_number: int
    kind: str
    title_es: str
    title_en: str
    cohort_size: int | None
    cohort_count: int | None
    start_date: datetime.date | None
    cadence_months: int | None
    session_days: int | None
    target_agency_ids: tuple[int, ...]
    target_agency_codes: tuple[str, ...]


def _plan(item: ProposalItem, decision: ItemDecision) -> ItemPlan:
    if decision.decision == Decision.AMENDED and decision.amends_target_agencies:
        agencies = list(decision.target_agencies.all())
    else:
        agencies = list(item.target_agencies.all())
    agencies.sort(key=lambda agency: agency.pk)
    return ItemPlan(
        item_id=item.pk,
        item_key=item.key,
        item_number=item.number,
        kind=str(item.kind),
        title_es=item.title_es,
        title_en=item.title_en,
        cohort_size=decision.effective("cohort_size"),
        cohort_count=decision.effective("cohort_count"),
        start_date=decision.effective("start_date"),
        cadence_months=decision.effective("cadence_months"),
        session_days=decision.effective("session_days"),
        target_agency_ids=tuple(agency.pk for agency in agencies),
        target_agency_codes=tuple(agency.code for agency in agencies),
    )


def accepted_item_plans(program: Program) -> list[ItemPlan]:
    """The accepted items of ``program`` with their amendments applied: the items of the
    latest version of each of its proposals whose current decision is accepted or accepted
    with amendments, ordered by proposal then item number. NOT scoped: for the planning layer,
    called by services once the program is authorised. A fixed number of queries."""
    current = (
        ItemDecision.objects.current()
        .filter(
            item__proposal__program=program,
            decision__in=[Decision.ACCEPTED, Decision.AMENDED],
        )
        .filter(~Exists(later_versions("item__proposal__")))
        .select_related("item")
        .prefetch_related(
            Prefetch("target_agencies", queryset=Agency.objects.only("pk", "code")),
            Prefetch("item__target_agencies", queryset=Agency.objects.only("pk", "code")),
        )
        .order_by("item__proposal_id", "item__number")
    )
    return [_plan(decision.item, decision) for decision in current]
