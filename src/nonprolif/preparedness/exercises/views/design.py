"""The exercise list, creating and editing an exercise, and its design tab: the facts, the
scenario, the classification marking, the agencies, the objectives with their capabilities
and the people by role, with the forms to change them for who may (a coordinator, the
exercise's director)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.views.pickers import picker_query, results_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.preparedness.exercises.domain import (
    add_objective,
    add_participant,
    create_exercise,
    remove_objective,
    remove_participant,
    update_exercise,
    update_objective,
)
from nonprolif.preparedness.exercises.forms import (
    ExerciseFilterForm,
    ExerciseForm,
    ObjectiveForm,
    ParticipantForm,
    user_label,
)
from nonprolif.preparedness.exercises.queries import (
    candidates_for,
    exercises_for,
    get_exercise_for,
    get_objective_for,
    get_participant_for,
    objectives_for,
    participants_for,
)
from nonprolif.preparedness.models import ParticipantRole
from nonprolif.program.models import Program


@require_GET
def exercise_list(request):
    """The exercises the user may see, latest first, filtered by program, type, phase and
    title; "New exercise" for coordinators."""
    form = ExerciseFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, exercises_for(request.user, **filters))
    note_read(
        request,
        action="preparedness.exercise.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "preparedness/exercises/exercise_list.html",
        {
            "form": form,
            "page": page,
            "can_add": has_perm("preparedness.add_exercise", request.user, None),
        },
    )


def exercise_create(request):
    """GET: the form; POST creates the exercise (the service refuses, and audits, anybody
    but a coordinator)."""
    user = request.user
    if request.method != "POST" and not has_perm("preparedness.add_exercise", user, None):
        raise PermissionDenied
    form = ExerciseForm(
        request.POST or None,
        user=user,
        programs=Program.objects.visible_to(user).order_by("code"),
    )
    if (
        request.method == "POST"
        and not form.is_valid()
        and not has_perm("preparedness.add_exercise", user, None)
    ):
        raise PermissionDenied
    exercise = submit(request, form, create_exercise)
    if exercise is not None:
        messages.success(request, _("Exercise %(code)s created.") % {"code": exercise.code})
        return redirect("preparedness_exercise_detail", pk=exercise.pk)
    return render(
        request,
        "preparedness/exercises/exercise_form.html",
        {"form": form, "exercise": None},
        status=400 if request.method == "POST" else 200,
    )


def exercise_edit(request, pk):
    """GET: the form; POST changes the exercise's facts and agencies."""
    exercise = get_exercise_for(request.user, pk)
    can_change = has_perm("preparedness.change_exercise", request.user, exercise)
    if request.method != "POST" and not can_change:
        raise PermissionDenied
    form = ExerciseForm(request.POST or None, instance=exercise, user=request.user)
    if request.method == "POST" and not form.is_valid() and not can_change:
        raise PermissionDenied
    note_read(request, action="preparedness.exercise.view", obj=exercise)
    changed = submit(request, form, update_exercise, exercise=exercise)
    if changed is not None:
        messages.success(request, _("Exercise %(code)s saved.") % {"code": exercise.code})
        return redirect("preparedness_exercise_detail", pk=exercise.pk)
    return render(
        request,
        "preparedness/exercises/exercise_form.html",
        {"form": form, "exercise": exercise},
        status=400 if request.method == "POST" else 200,
    )


def _participant_form(request, exercise, data=None):
    return ParticipantForm(
        data,
        candidates=candidates_for(request.user, exercise),
        search_url=reverse("preparedness_participant_search", args=[exercise.pk]),
    )


def _detail(request, exercise, *, objective_form=None, participant_form=None, status=200):
    user = request.user
    participants = list(participants_for(user, exercise))
    by_role = [
        (value, label, [p for p in participants if p.role == value])
        for value, label in ParticipantRole.choices
    ]
    can_change = has_perm("preparedness.change_exercise", user, exercise)
    note_read(request, action="preparedness.exercise.view", obj=exercise)
    return render(
        request,
        "preparedness/exercises/exercise_detail.html",
        {
            "exercise": exercise,
            "agencies": list(exercise.agencies.order_by("code")),
            "objectives": list(objectives_for(user, exercise)),
            "by_role": by_role,
            "can_change": can_change,
            "objective_form": objective_form or ObjectiveForm(),
            "participant_form": participant_form or _participant_form(request, exercise),
        },
        status=status,
    )


@require_GET
def exercise_detail(request, pk):
    return _detail(request, get_exercise_for(request.user, pk))


def _refuse_unless_can_change(request, exercise, form) -> None:
    if not form.is_valid() and not has_perm("preparedness.change_exercise", request.user, exercise):
        raise PermissionDenied


@require_POST
def objective_add(request, pk):
    exercise = get_exercise_for(request.user, pk)
    form = ObjectiveForm(request.POST)
    _refuse_unless_can_change(request, exercise, form)
    objective = submit(request, form, add_objective, exercise=exercise)
    if objective is None:
        return _detail(request, exercise, objective_form=form, status=400)
    messages.success(request, _("Objective %(n)d added.") % {"n": objective.number})
    return redirect("preparedness_exercise_detail", pk=exercise.pk)


def objective_edit(request, pk, objective_pk):
    """GET: the objective's form; POST changes it."""
    exercise = get_exercise_for(request.user, pk)
    objective = get_objective_for(request.user, exercise, objective_pk)
    can_change = has_perm("preparedness.change_exercise", request.user, exercise)
    if request.method != "POST" and not can_change:
        raise PermissionDenied
    form = ObjectiveForm(request.POST or None, initial=ObjectiveForm.of(objective).initial)
    if request.method == "POST" and not form.is_valid() and not can_change:
        raise PermissionDenied
    note_read(request, action="preparedness.exercise.view", obj=exercise)
    if submit(request, form, update_objective, objective=objective) is not None:
        messages.success(request, _("Objective %(n)d saved.") % {"n": objective.number})
        return redirect("preparedness_exercise_detail", pk=exercise.pk)
    return render(
        request,
        "preparedness/exercises/objective_form.html",
        {"form": form, "exercise": exercise, "objective": objective},
        status=400 if request.method == "POST" else 200,
    )


def _error_message(request, error) -> None:
    for text in getattr(error, "messages", [str(error)]):
        messages.error(request, text)


@require_POST
def objective_remove(request, pk, objective_pk):
    exercise = get_exercise_for(request.user, pk)
    objective = get_objective_for(request.user, exercise, objective_pk)
    try:
        remove_objective(actor=request.user, objective=objective)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Objective %(n)d removed.") % {"n": objective.number})
    return redirect("preparedness_exercise_detail", pk=exercise.pk)


@require_POST
def participant_add(request, pk):
    exercise = get_exercise_for(request.user, pk)
    form = _participant_form(request, exercise, request.POST)
    _refuse_unless_can_change(request, exercise, form)
    participant = submit(request, form, add_participant, exercise=exercise)
    if participant is None:
        return _detail(request, exercise, participant_form=form, status=400)
    messages.success(
        request,
        _("%(user)s is now %(role)s.")
        % {"user": user_label(participant.user), "role": participant.get_role_display()},
    )
    return redirect("preparedness_exercise_detail", pk=exercise.pk)


@require_POST
def participant_remove(request, pk, participant_pk):
    exercise = get_exercise_for(request.user, pk)
    participant = get_participant_for(request.user, exercise, participant_pk)
    try:
        remove_participant(actor=request.user, participant=participant)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Role removed."))
    return redirect("preparedness_exercise_detail", pk=exercise.pk)


@require_GET
def participant_search(request, pk):
    """The participant picker's answer: a page of the users who may be given a role in the
    exercise (its agencies' and coordinators) matching ``?q=``; only for who may change
    the exercise."""
    exercise = get_exercise_for(request.user, pk)
    if not has_perm("preparedness.change_exercise", request.user, exercise):
        raise PermissionDenied
    q = picker_query(request)
    return results_page(
        request,
        candidates_for(request.user, exercise, q=q),
        q=q,
        action="preparedness.participant.search",
        label=user_label,
        template="core/_picker_results.html",
    )
