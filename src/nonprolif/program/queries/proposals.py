"""Proposals and their items as a user sees them, with their review state."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import User
from nonprolif.program.models import (
    Decision,
    ItemDecision,
    Program,
    Proposal,
    ProposalItem,
)
from nonprolif.program.models.proposal import (
    ProposalItemQuerySet,
    ProposalQuerySet,
    later_versions,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class VisibleItems(TypedDict):
    """What ``program_proposals`` adds to each proposal."""

    visible_items: list[ProposalItem]


if TYPE_CHECKING:
    ProposalWithItems = WithAnnotations[Proposal, VisibleItems]


def decision_history_prefetch() -> Prefetch[str, QuerySet[ItemDecision], str]:
    """Prefetch of every decision of the items (newest first) into ``prefetched_decisions``,
    with who decided and the amended target agencies: ``item.current_decision`` and
    ``item.status`` then cost no query."""
    return Prefetch(
        "decisions",
        queryset=ItemDecision.objects.select_related("actor", "carried_from__item__proposal")
        .prefetch_related("target_agencies")
        .order_by("-at", "-pk"),
        to_attr="prefetched_decisions",
    )


def _count_current(decisions: list[str]) -> Coalesce:
    """Subquery: how many items of the outer proposal have a current decision in
    ``decisions``."""
    rows = (
        ItemDecision.objects.current()
        .filter(item__proposal=OuterRef("pk"), decision__in=decisions)
        .order_by()
        .values("item__proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_review_state(proposals: ProposalQuerySet) -> ProposalQuerySet:
    """Annotate proposals with what their derived status needs: ``item_total``,
    ``accepted_total`` (accepted as proposed or amended), ``rejected_total`` (over all items,
    whoever looks: the status is the proposal's) and ``superseded`` (a later version exists)."""
    items = (
        ProposalItem.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return proposals.annotate(
        item_total=Coalesce(Subquery(items, output_field=IntegerField()), 0),
        accepted_total=_count_current([Decision.ACCEPTED, Decision.AMENDED]),
        rejected_total=_count_current([Decision.REJECTED]),
        superseded=Exists(later_versions("")),
    )


def proposals_for(user: User) -> ProposalQuerySet:
    """The proposals ``user`` can see, with their program, submitting agency and review
    state (``proposal.status`` costs no query)."""
    return with_review_state(
        Proposal.objects.visible_to(user).select_related(
            "program", "submitted_by", "review_closed_by"
        )
    )


def get_proposal_for(user: User, pk: int | str) -> Proposal:
    """The proposal ``pk`` if ``user`` can see it; Http404 otherwise."""
    proposal = proposals_for(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


def current_proposals_for(user: User, program: Program) -> ProposalQuerySet:
    """The latest version of each of the program's proposals (one per submitting agency)
    that ``user`` can see."""
    return (
        proposals_for(user).filter(program=program).latest_versions().order_by("submitted_by__code")
    )


def items_for(user: User) -> ProposalItemQuerySet:
    """The proposal items ``user`` can see, with their proposal, program and targets."""
    return (
        ProposalItem.objects.visible_to(user)
        .select_related("proposal__program", "proposal__submitted_by")
        .prefetch_related("target_agencies", decision_history_prefetch())
    )


def get_item_for(user: User, pk: int | str) -> ProposalItem:
    """The proposal item ``pk`` if ``user`` can see it; Http404 otherwise."""
    item = items_for(user).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such item."))
    return item


def proposal_items(user: User, proposal: Proposal) -> ProposalItemQuerySet:
    """The items of ``proposal`` that ``user`` can see."""
    return items_for(user).filter(proposal=proposal)


def program_proposals(
    user: User, program: Program
) -> ProposalQuerySet[ProposalWithItems, ProposalWithItems]:
    """The program's proposals visible to ``user``, each with ``visible_items`` (the items
    ``user`` can see, with their target agencies)."""
    items = ProposalItem.objects.filter(
        pk__in=ProposalItem.objects.visible_to(user).filter(proposal__program=program).values("pk")
    ).prefetch_related("target_agencies", decision_history_prefetch())
    return (
        proposals_for(user)
        .filter(program=program)
        .prefetch_related(Prefetch("items", queryset=items, to_attr="visible_items"))
    )
