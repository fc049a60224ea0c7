"""Reads of the after-action report: the exercise it is about, fetched through
``Exercise.objects.visible_to`` (Http404 for a missing exercise and an invisible one alike)."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import User
from nonprolif.core.web.forms import ID_MAX, ID_MIN
from nonprolif.preparedness.models import Exercise


def as_id(value: Any) -> int | None:
    """``value`` as an id, or None (not a whole number, or outside signed 64 bits)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if ID_MIN <= number <= ID_MAX else None


def get_exercise_for(user: User, pk: Any) -> Exercise:
    """The exercise ``pk`` with its program, category and classification, if ``user`` may
    read it; Http404 otherwise."""
    number = as_id(pk)
    exercise = (
        Exercise.objects.visible_to(user)
        .select_related("program", "cbrn_category", "classification", "after_action_meeting")
        .filter(pk=number)
        .first()
        if number is not None
        else None
    )
    if exercise is None:
        raise Http404(_("No such exercise."))
    return exercise
