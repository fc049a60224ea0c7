"""The conduct and evaluation pages of an exercise.

Conduct: the exercise clock, the injects delivered (newest first) and, for the exercise's
staff, the ones to come, in a panel that htmx refreshes every 5 s (``conduct_panel``) so every
screen follows; "Deliver next" and "Deliver" for controllers (htmx swaps the panel in place;
without JavaScript the forms post and redirect); the player-action and observation forms;
the timeline of actions and observations. Evaluation: each objective's Exercise Evaluation
Guide (capabilities, observations by kind, rating), the hot-wash notes, starting and ending
conduct.

Read audit: the page writes one entry naming the exercise ("preparedness.conduct.view",
"preparedness.evaluation.view"). Each poll of the panel writes one lighter entry,
"preparedness.conduct.poll", naming the exercise only (not every inject shown), so a screen
left open adds one short entry every 5 s and the trail still says who followed the exercise
and when.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core import clock
from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.preparedness.conduct import domain
from nonprolif.preparedness.conduct.forms import (
    HotwashForm,
    ObservationForm,
    PlayerActionForm,
    RatingForm,
)
from nonprolif.preparedness.conduct.queries import (
    actions_for,
    delivered_injects,
    evaluation_guides,
    get_inject_for,
    get_objective_for,
    inject_counts,
    objectives_of,
    observations_for,
    upcoming_injects,
)
from nonprolif.preparedness.exercises.queries import get_exercise_for
from nonprolif.preparedness.models import ExercisePhase

POLL_SECONDS = 5
PANEL_PAGE = 10


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _back(request) -> str:
    """The page a form came from: the evaluation page (``next=evaluation``) or conduct."""
    if request.POST.get("next") == "evaluation":
        return "preparedness_evaluation"
    return "preparedness_conduct"


def _clock(exercise) -> dict:
    """The exercise clock: when conduct started, how long it has run, the scenario time (the
    scheduled time of the last inject delivered)."""
    started, ended = exercise.conduct_started_at, exercise.conduct_ended_at
    elapsed = None
    if started is not None:
        seconds = int(((ended or clock.now()) - started).total_seconds())
        elapsed = f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}"
    return {"started": started, "ended": ended, "elapsed": elapsed}


def _panel(request, exercise, error: str = "") -> dict:
    user = request.user
    delivered = paginate(request, delivered_injects(exercise), PANEL_PAGE, param="delivered")
    upcoming = paginate(request, upcoming_injects(user, exercise), PANEL_PAGE, param="upcoming")
    done, total = inject_counts(exercise)
    last = delivered.object_list[0] if delivered.number == 1 and delivered.object_list else None
    query = request.GET.urlencode()
    panel_url = reverse("preparedness_conduct_panel", args=[exercise.pk])
    return {
        "exercise": exercise,
        "delivered": delivered,
        "upcoming": upcoming,
        "delivered_count": done,
        "inject_total": total,
        "scenario_time": last.scheduled_at if last else None,
        "clock": _clock(exercise),
        "in_conduct": exercise.phase == ExercisePhase.CONDUCT,
        # Screens opened before the start follow it too; polling stops when conduct ends.
        "polling": exercise.phase in (ExercisePhase.DESIGN, ExercisePhase.CONDUCT),
        "can_deliver": has_perm("preparedness.deliver_inject", user, exercise),
        "sees_upcoming": has_perm("preparedness.view_upcoming_injects", user, exercise),
        "poll_url": f"{panel_url}?{query}" if query else panel_url,
        "poll_seconds": POLL_SECONDS,
        "panel_error": error,
    }


def _conduct_page(request, exercise, *, action_form=None, observation_form=None, status=200):
    user = request.user
    note_read(request, action="preparedness.conduct.view", obj=exercise)
    context = _panel(request, exercise)
    may_act = has_perm("preparedness.record_action", user, exercise)
    may_observe = has_perm("preparedness.observe", user, exercise)
    context.update(
        {
            "actions": paginate(request, actions_for(user, exercise), param="actions"),
            "observations": paginate(
                request, observations_for(user, exercise), param="observations"
            ),
            "sees_observations": has_perm("preparedness.view_observations", user, exercise),
            "may_act": may_act and exercise.phase == ExercisePhase.CONDUCT,
            "may_observe": may_observe and exercise.phase in domain.EVALUATING,
            "may_conduct": has_perm("preparedness.conduct_exercise", user, exercise),
            "action_form": action_form or PlayerActionForm(exercise=exercise),
            "observation_form": observation_form or ObservationForm(exercise=exercise),
        }
    )
    return render(request, "preparedness/conduct/conduct.html", context, status=status)


@require_GET
def conduct(request, pk):
    """The live conduct page."""
    return _conduct_page(request, get_exercise_for(request.user, pk))


@require_GET
def conduct_panel(request, pk):
    """The injects panel alone (htmx polls it every 5 s)."""
    exercise = get_exercise_for(request.user, pk)
    context = _panel(request, exercise)
    note_read(request, action="preparedness.conduct.poll", obj=exercise)
    return render(request, "preparedness/conduct/_panel.html", context)


def _delivered(request, subject, service, **kwargs):
    """Run a delivery; htmx gets the panel back (with the error, if any), a plain form post a
    redirect to the page (with a message)."""
    error = ""
    try:
        inject = service(actor=request.user, **kwargs)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if _htmx(request):
        return render(
            request,
            "preparedness/conduct/_panel.html",
            _panel(request, subject, error=error),
            status=200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Inject %(number)d delivered.") % {"number": inject.number})
    return redirect("preparedness_conduct", pk=subject.pk)


@require_POST
def conduct_deliver_next(request, pk):
    """Deliver the next inject of the MSEL (the service refuses, and audits, anybody else than
    a controller or the director)."""
    exercise = get_exercise_for(request.user, pk)
    return _delivered(request, exercise, domain.deliver_next, exercise=exercise)


@require_POST
def conduct_deliver(request, pk, inject_pk):
    """Deliver one inject by hand."""
    exercise = get_exercise_for(request.user, pk)
    inject = get_inject_for(request.user, exercise, inject_pk)
    return _delivered(request, exercise, domain.deliver_inject, inject=inject)


@require_POST
def conduct_action(request, pk):
    """Record a player action."""
    exercise = get_exercise_for(request.user, pk)
    form = PlayerActionForm(request.POST, exercise=exercise)
    if not form.is_valid() and not has_perm("preparedness.record_action", request.user, exercise):
        raise PermissionDenied
    if submit(request, form, domain.record_player_action, exercise=exercise) is None:
        return _conduct_page(request, exercise, action_form=form, status=400)
    messages.success(request, _("Action recorded."))
    return redirect("preparedness_conduct", pk=exercise.pk)


@require_POST
def conduct_observe(request, pk):
    """Record an evaluator's observation."""
    exercise = get_exercise_for(request.user, pk)
    form = ObservationForm(request.POST, exercise=exercise)
    if not form.is_valid() and not has_perm("preparedness.observe", request.user, exercise):
        raise PermissionDenied
    if submit(request, form, domain.record_observation, exercise=exercise) is None:
        return _conduct_page(request, exercise, observation_form=form, status=400)
    messages.success(request, _("Observation recorded."))
    return redirect(_back(request), pk=exercise.pk)


def _phase_change(request, pk, service, done: str):
    exercise = get_exercise_for(request.user, pk)
    try:
        service(actor=request.user, exercise=exercise)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(_back(request), pk=exercise.pk)


@require_POST
def conduct_start(request, pk):
    """Start conduct (the director or a coordinator)."""
    return _phase_change(request, pk, domain.start_conduct, _("Conduct started."))


@require_POST
def conduct_end(request, pk):
    """End conduct: the exercise moves to evaluation."""
    return _phase_change(request, pk, domain.end_conduct, _("Conduct ended; evaluation begins."))


def _evaluation_page(request, exercise, *, rating_forms=None, hotwash_form=None, status=200):
    user = request.user
    note_read(request, action="preparedness.evaluation.view", obj=exercise)
    page = paginate(request, objectives_of(exercise))
    may_rate = has_perm("preparedness.rate_objective", user, exercise) and (
        exercise.phase in domain.EVALUATING
    )
    guides = evaluation_guides(user, exercise, page.object_list)
    for guide in guides:
        objective = guide["objective"]
        bound = (rating_forms or {}).get(objective.pk)
        guide["form"] = bound or (RatingForm(objective=objective) if may_rate else None)
    return render(
        request,
        "preparedness/conduct/evaluation.html",
        {
            "exercise": exercise,
            "page": page,
            "guides": guides,
            "may_rate": may_rate,
            "sees_observations": has_perm("preparedness.view_observations", user, exercise),
            "may_hotwash": has_perm("preparedness.write_hotwash", user, exercise)
            and exercise.phase != ExercisePhase.DESIGN,
            "hotwash_form": hotwash_form or HotwashForm(exercise=exercise),
            "may_conduct": has_perm("preparedness.conduct_exercise", user, exercise),
            "clock": _clock(exercise),
        },
        status=status,
    )


@require_GET
def evaluation(request, pk):
    """The Exercise Evaluation Guides and the hot wash."""
    return _evaluation_page(request, get_exercise_for(request.user, pk))


@require_POST
def evaluation_rate(request, pk, objective_pk):
    """Rate an objective (P/S/M/U with its rationale; evaluators only)."""
    exercise = get_exercise_for(request.user, pk)
    objective = get_objective_for(request.user, exercise, objective_pk)
    form = RatingForm(request.POST, objective=objective)
    if not form.is_valid() and not has_perm("preparedness.rate_objective", request.user, exercise):
        raise PermissionDenied
    if submit(request, form, domain.rate_objective, objective=objective) is None:
        return _evaluation_page(request, exercise, rating_forms={objective.pk: form}, status=400)
    messages.success(request, _("Objective %(number)d rated.") % {"number": objective.number})
    return redirect("preparedness_evaluation", pk=exercise.pk)


@require_POST
def evaluation_hotwash(request, pk):
    """Save the hot-wash notes."""
    exercise = get_exercise_for(request.user, pk)
    form = HotwashForm(request.POST, exercise=exercise)
    if not form.is_valid() and not has_perm("preparedness.write_hotwash", request.user, exercise):
        raise PermissionDenied
    if submit(request, form, domain.save_hotwash, exercise=exercise) is None:
        return _evaluation_page(request, exercise, hotwash_form=form, status=400)
    messages.success(request, _("Hot-wash notes saved."))
    return redirect("preparedness_evaluation", pk=exercise.pk)
