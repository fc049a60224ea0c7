"""Reads of the improvement plan: an exercise's corrective actions and one of them.

A corrective action is read when its exercise is (``Exercise.objects.visible_to``) and its
action item is (``ActionItem.objects.visible_to``: the after-action meeting's rule); its
proposal item is shown only to those who may read it (``readable_proposal_item``).
``get_corrective_action_for`` raises Http404 for a missing row and an invisible one alike.
A plan costs a fixed number of queries.
"""

from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import User
from nonprolif.core.web.forms import as_id
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import CorrectiveAction, Exercise
from nonprolif.program.models import ProposalItem

RELATED = (
    "exercise__program",
    "objective",
    "capability",
    "action_item__owner_agency",
    "action_item__meeting__program",
    "proposal_item__proposal",
)


def _visible(user: User) -> QuerySet[CorrectiveAction]:
    """The corrective actions ``user`` may read, each with ``readable_proposal_item``: its
    proposal item's id when ``user`` may read that item, else None."""
    readable = ProposalItem.objects.visible_to(user).filter(pk=OuterRef("proposal_item_id"))
    return (
        CorrectiveAction.objects.filter(
            exercise__in=Exercise.objects.visible_to(user).values("pk"),
            action_item__in=ActionItem.objects.visible_to(user).values("pk"),
        )
        .select_related(*RELATED)
        .annotate(
            readable_proposal_item=Case(
                When(Exists(readable), then=F("proposal_item_id")),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
    )


def corrective_actions_for(user: User, exercise: Exercise) -> QuerySet[CorrectiveAction]:
    """The corrective actions of ``exercise`` that ``user`` may read, in the order they were
    added."""
    return _visible(user).filter(exercise=exercise).order_by("pk")


def get_corrective_action_for(user: User, pk: Any) -> CorrectiveAction:
    """The corrective action ``pk`` if ``user`` may read it; Http404 otherwise."""
    number = as_id(pk)
    action = _visible(user).filter(pk=number).first() if number is not None else None
    if action is None:
        raise Http404(_("No such corrective action."))
    return action
