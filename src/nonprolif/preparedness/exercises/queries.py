"""Reads of exercises: the list (filtered), one exercise, its MSEL, its participants, the
exercises a user holds a role in, and the users a participant may be chosen among.

Every selector starts from ``Exercise.objects.visible_to`` (the rule: ``exercise_scope``);
``get_exercise_for`` raises Http404 for a missing exercise and an invisible one alike. The
rows of an exercise (injects, objectives, participants) take its access: the selectors take
an exercise already read through ``get_exercise_for`` and check it again.
"""

from typing import Any

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from nonprolif.core import clock
from nonprolif.core.models import ClassificationLevel, User
from nonprolif.core.roles import Role
from nonprolif.core.web.forms import as_id
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseKind,
    ExerciseObjective,
    ExerciseParticipant,
    ExercisePhase,
    Inject,
)

EXERCISE_RELATED = ("program", "cbrn_category", "classification", "after_action_meeting")


def visible_exercises(user: User) -> QuerySet[Exercise]:
    return Exercise.objects.visible_to(user).select_related(*EXERCISE_RELATED)


def exercises_for(
    user: User,
    *,
    program: str | None = None,
    kind: str | None = None,
    phase: str | None = None,
    q: str | None = None,
) -> QuerySet[Exercise]:
    """The exercises ``user`` may see, latest first: of the program with code ``program``,
    of ``kind``, in ``phase``, and with every word of ``q`` in a title (Spanish or English,
    whatever the case) or ``q`` its code ``EX-<id>``."""
    rows = visible_exercises(user)
    if program:
        rows = rows.filter(program__code=program)
    if kind:
        rows = rows.filter(kind=kind) if kind in ExerciseKind.values else rows.none()
    if phase:
        rows = rows.filter(phase=phase) if phase in ExercisePhase.values else rows.none()
    words = (q or "").strip()
    if words:
        code = words.upper().removeprefix("EX-")
        number = as_id(code) if code.isdigit() else None
        condition = Q()
        for word in words.split():
            condition &= Q(title_es__icontains=word) | Q(title_en__icontains=word)
        if number is not None:
            condition |= Q(pk=number)
        rows = rows.filter(condition)
    return rows.order_by("-starts_on", "-pk")


def get_exercise_for(user: User, pk: Any) -> Exercise:
    """The exercise ``pk`` with its program, category, classification and after-action
    meeting, if ``user`` may see it; Http404 otherwise (missing alike). Every feature of the
    app reads an exercise through it."""
    number = as_id(pk)
    if number is None:
        raise Http404
    try:
        return visible_exercises(user).get(pk=number)
    except Exercise.DoesNotExist:
        raise Http404 from None


def _checked(user: User, exercise: Exercise) -> Exercise:
    if not Exercise.objects.visible_to(user).filter(pk=exercise.pk).exists():
        raise Http404
    return exercise


def objectives_for(user: User, exercise: Exercise) -> QuerySet[ExerciseObjective]:
    """The exercise's objectives by number, with their capabilities."""
    _checked(user, exercise)
    return (
        ExerciseObjective.objects.filter(exercise_id=exercise.pk)
        .prefetch_related(
            Prefetch("capabilities", queryset=CoreCapability.objects.order_by("position", "code"))
        )
        .order_by("number")
    )


def get_objective_for(user: User, exercise: Exercise, pk: Any) -> ExerciseObjective:
    number = as_id(pk)
    if number is None:
        raise Http404
    try:
        return objectives_for(user, exercise).select_related("exercise").get(pk=number)
    except ExerciseObjective.DoesNotExist:
        raise Http404 from None


def msel_for(user: User, exercise: Exercise) -> QuerySet[Inject]:
    """The exercise's injects in MSEL order (time, then number), with their objective."""
    _checked(user, exercise)
    return (
        Inject.objects.filter(exercise_id=exercise.pk)
        .select_related("objective", "delivered_by")
        .order_by("scheduled_at", "number")
    )


def get_inject_for(user: User, exercise: Exercise, pk: Any) -> Inject:
    number = as_id(pk)
    if number is None:
        raise Http404
    try:
        return msel_for(user, exercise).select_related("exercise__program").get(pk=number)
    except Inject.DoesNotExist:
        raise Http404 from None


def participants_for(user: User, exercise: Exercise) -> QuerySet[ExerciseParticipant]:
    """The people in the exercise's roles, by role (director, controllers, evaluators,
    players) and name, with their agency."""
    _checked(user, exercise)
    return (
        ExerciseParticipant.objects.filter(exercise_id=exercise.pk)
        .select_related("user__agency")
        .order_by("role", "user__last_name", "user__first_name", "user__username", "pk")
    )


def get_participant_for(user: User, exercise: Exercise, pk: Any) -> ExerciseParticipant:
    number = as_id(pk)
    if number is None:
        raise Http404
    try:
        return participants_for(user, exercise).select_related("exercise").get(pk=number)
    except ExerciseParticipant.DoesNotExist:
        raise Http404 from None


def my_exercises(user: User) -> QuerySet[Exercise]:
    """The exercises ``user`` may see and holds a role in: those not yet ended first, soonest
    first, then the past ones, latest first."""
    if not getattr(user, "is_authenticated", False):
        return Exercise.objects.none()
    today = clock.today()
    mine = ExerciseParticipant.objects.filter(user_id=user.pk).values("exercise_id")
    return (
        visible_exercises(user)
        .filter(pk__in=mine)
        .annotate(
            past=Case(When(ends_on__lt=today, then=Value(1)), default=Value(0)),
            upcoming_day=Case(When(ends_on__gte=today, then=F("starts_on")), default=None),
        )
        .order_by("past", "upcoming_day", "-starts_on", "-pk")
    )


def candidates_for(user: User, exercise: Exercise, *, q: str = "") -> QuerySet[User]:
    """The users who may be given a role in the exercise (active users of its agencies, and
    coordinators), cleared for its classification, matching every word of ``q`` in the
    username, the given or the family name; by name."""
    _checked(user, exercise)
    lowest = ClassificationLevel.objects.order_by("rank").values_list("rank", flat=True).first()
    agencies = Exercise.agencies.through.objects.filter(exercise_id=exercise.pk).values("agency_id")
    coordinators = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name=str(Role.COORDINATOR)
    )
    rows = User.objects.filter(is_active=True).filter(
        Q(agency_id__in=agencies) | Q(Exists(coordinators))
    )
    if lowest is not None and exercise.classification.rank > lowest:
        rows = rows.filter(clearance__rank__gte=exercise.classification.rank)
    for word in q.split():
        rows = rows.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return rows.select_related("agency").order_by("last_name", "first_name", "username", "pk")
