"""The improvement plan: corrective actions (each one an action item of the exercise's
after-action meeting, so it has the coordination's history, audit and reminders), flagging
one as a training need, and proposing a training need for the next review as a draft
proposal item.

Who: ``preparedness.plan_improvement`` (coordinators and the exercise's director); proposing
also takes ``program.add_proposalitem`` on the proposal. Every refusal is audited (outcome
denied) before PermissionDenied is raised, outside the service's transaction. Audit entries
name corrective actions ``EX-<exercise> CA<id>``.

The rules the brief left open, as decided here:

- The owner agency of a corrective action is one of the exercise's participating agencies
  (the after-action meeting's agencies); the objective, when given, is one of the
  exercise's. A capability may be given without an objective (a finding of the hot wash).
- A training need already proposed stays one: unflagging it is refused.
- The proposal item of a training need goes to the program's latest proposal version whose
  review is open (the latest submitted, then the highest version). Its numbers, which the
  partner and the coordinator amend in the review: one cohort of ``TRAINING_COHORT_SIZE``
  trainees (``target_trainees`` the same), sessions of ``TRAINING_SESSION_DAYS`` business
  days, no cadence (one cohort), starting on the first day of the month after
  ``TRAINING_LEAD_MONTHS`` months from today (time to organise it) and never before the
  proposal's earliest start; the owner agency as the target agency.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import Agency, User
from nonprolif.core.rules import has_perm
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import Meeting
from nonprolif.preparedness.models import (
    CoreCapability,
    CorrectiveAction,
    Exercise,
    ExerciseObjective,
    ExercisePhase,
)
from nonprolif.program.domain.items import create_item
from nonprolif.program.models import ItemKind, Proposal, ProposalItem

TRAINING_COHORT_SIZE = 25
TRAINING_SESSION_DAYS = 3
TRAINING_LEAD_MONTHS = 2
TITLE_MAX = 200


def _require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(actor=actor, action=action, why=why, obj=obj)


def require_planner(*, actor: Any, exercise: Exercise, action: str) -> None:
    """PermissionDenied, audited as ``action`` (outcome denied), unless ``actor`` may plan
    the exercise's improvement (for callers that must refuse before parsing their input)."""
    _require(actor, "preparedness.plan_improvement", exercise, action, _planners_only())


def _planners_only() -> str:
    return _("Only coordinators and the exercise's director plan its improvement.")


def _title(prefix: str, title: str) -> str:
    text = f"{prefix}{title}"
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def _check(
    exercise: Exercise,
    owner_agency: Agency | None,
    objective: ExerciseObjective | None,
    capability: CoreCapability | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if owner_agency is None:
        errors["owner_agency"] = [_("Name the agency that owns the corrective action.")]
    elif not exercise.agencies.filter(pk=owner_agency.pk).exists():
        errors["owner_agency"] = [
            _("The owner agency must be one of the exercise's participating agencies.")
        ]
    if objective is not None and objective.exercise_id != exercise.pk:
        errors["objective"] = [_("The objective belongs to another exercise.")]
    if capability is not None and not CoreCapability.objects.filter(pk=capability.pk).exists():
        errors["capability"] = [_("No such core capability.")]
    if errors:
        raise ValidationError(errors)


def _after_action_meeting(actor: User, exercise: Exercise) -> Meeting:
    """The exercise's after-action meeting, created on first use (audited "meeting.create")."""
    if exercise.after_action_meeting is not None:
        return exercise.after_action_meeting
    meeting = Meeting(
        program=exercise.program,
        title_es=_title("Reunión posterior al ejercicio: ", exercise.title_es),
        title_en=_title("After-action meeting: ", exercise.title_en),
        date=exercise.ends_on,
        place=exercise.venue,
    )
    meeting.full_clean()
    meeting.save()
    agencies = list(exercise.agencies.all())
    meeting.agencies.set(agencies)
    values = snapshot(meeting)
    values["agencies"] = sorted(a.code for a in agencies)
    values["exercise"] = exercise.code
    record(actor=actor, action="meeting.create", obj=meeting, changes=diff({}, values))
    exercise.after_action_meeting = meeting
    exercise.save(update_fields=["after_action_meeting"])
    return meeting


def add_corrective_action(
    *,
    actor: User,
    exercise: Exercise,
    title_es: str,
    title_en: str,
    owner_agency: Agency,
    due_date: Any,
    objective: ExerciseObjective | None = None,
    capability: CoreCapability | None = None,
    description_es: str = "",
    description_en: str = "",
    training_need: bool = False,
) -> CorrectiveAction:
    """Add a corrective action to the exercise's improvement plan.

    Side effects, in one transaction: the exercise's after-action meeting when it has none
    (an events.Meeting of the exercise's program, titled after the exercise, on its last
    day, at its venue, with its agencies; audited "meeting.create"), the action item of that
    meeting through ``create_action_item`` (its first history row, audit
    "action_item.create", and from then on the coordination's reminders), the
    CorrectiveAction row (audit "corrective_action.create"), and the exercise's phase set to
    improvement planning. PermissionDenied (audited) unless the actor may plan the
    exercise's improvement; ValidationError naming the field on bad input. Nothing is
    written then.
    """
    _require(
        actor,
        "preparedness.plan_improvement",
        exercise,
        "corrective_action.create",
        _planners_only(),
    )
    _check(exercise, owner_agency, objective, capability)
    with transaction.atomic():
        exercise = (
            Exercise.objects.select_for_update(of=("self",))
            .select_related("program", "after_action_meeting")
            .get(pk=exercise.pk)
        )
        meeting = _after_action_meeting(actor, exercise)
        item = create_action_item(
            actor=actor,
            meeting=meeting,
            title_es=title_es,
            title_en=title_en,
            owner_agency=owner_agency,
            due_date=due_date,
            description_es=description_es,
            description_en=description_en,
        )
        action = CorrectiveAction(
            exercise=exercise,
            objective=objective,
            capability=capability,
            action_item=item,
            training_need=bool(training_need),
        )
        action.full_clean()
        action.save()
        changes: dict[str, Any] = {
            "action_item": [None, item.pk],
            "objective": [None, objective.number if objective else None],
            "capability": [None, capability.code if capability else None],
            "training_need": [None, action.training_need],
        }
        if exercise.phase != ExercisePhase.IMPROVEMENT:
            changes["phase"] = [exercise.phase, ExercisePhase.IMPROVEMENT.value]
            exercise.phase = ExercisePhase.IMPROVEMENT
            exercise.save(update_fields=["phase"])
        record(actor=actor, action="corrective_action.create", obj=action, changes=changes)
    return action


def set_training_need(
    *, actor: User, corrective_action: CorrectiveAction, value: bool
) -> CorrectiveAction:
    """Flag (or unflag) a corrective action as a training need.

    Side effects: the CorrectiveAction row, one audit entry ("corrective_action.update")
    when the flag changes (nothing when it already has that value). PermissionDenied
    (audited) unless the actor may plan the exercise's improvement; ValidationError on
    ``training_need`` when unflagging a need already proposed to a review.
    """
    _require(
        actor,
        "preparedness.plan_improvement",
        corrective_action.exercise,
        "corrective_action.update",
        _planners_only(),
    )
    value = bool(value)
    with transaction.atomic():
        action = CorrectiveAction.objects.select_for_update().get(pk=corrective_action.pk)
        if action.training_need == value:
            return action
        if not value and action.proposal_item_id:
            raise ValidationError(
                {
                    "training_need": _(
                        "This training need is already a proposal item; it stays a training need."
                    )
                }
            )
        action.training_need = value
        action.save(update_fields=["training_need"])
        record(
            actor=actor,
            action="corrective_action.update",
            obj=action,
            changes={"training_need": [not value, value]},
        )
    corrective_action.training_need = value
    return action


def open_proposal(exercise: Exercise) -> Proposal | None:
    """The program's latest proposal version whose review is open, or None."""
    return (
        Proposal.objects.filter(program_id=exercise.program_id, review_closed_at__isnull=True)
        .latest_versions()
        .select_related("program")
        .order_by("-submitted_on", "-version", "-pk")
        .first()
    )


#: The proposal item's descriptions (content, in each language): the exercise, then the
#: objective when the corrective action has one, then the action's own description.
DESCRIPTIONS = {
    "es": (
        "Necesidad de capacitación detectada en el ejercicio {code}, {title}.",
        "Objetivo {number}: {text}.",
    ),
    "en": ("Training need found in exercise {code}, {title}.", "Objective {number}: {text}."),
}


def _descriptions(action: CorrectiveAction) -> dict[str, str]:
    exercise, objective = action.exercise, action.objective
    texts = {}
    for lang, (about_exercise, about_objective) in DESCRIPTIONS.items():
        parts = [
            about_exercise.format(code=exercise.code, title=getattr(exercise, f"title_{lang}"))
        ]
        if objective is not None:
            parts.append(
                about_objective.format(
                    number=objective.number, text=getattr(objective, f"text_{lang}")
                )
            )
        detail = getattr(action.action_item, f"description_{lang}")
        if detail:
            parts.append(detail)
        texts[f"description_{lang}"] = " ".join(parts)
    return texts


def training_start(proposal: Proposal, today: datetime.date) -> datetime.date:
    """The proposed training's start date (see the module's rules)."""
    month = today.month - 1 + TRAINING_LEAD_MONTHS + 1
    start = datetime.date(today.year + month // 12, month % 12 + 1, 1)
    earliest = proposal.earliest_start
    return max(start, earliest) if earliest is not None else start


def propose_training(*, actor: User, corrective_action: CorrectiveAction) -> ProposalItem:
    """Make a training need a draft proposal item for the next review, in one click.

    The item goes to the program's latest proposal whose review is open (see the module's
    rules for its numbers): kind training, titled "Capacitación: …" / "Training: …" after
    the corrective action, its description naming the exercise and the objective.

    Side effects, in one transaction: the ProposalItem through ``create_item`` (audit
    "proposalitem.create"), the corrective action's ``proposal_item`` set (audit
    "corrective_action.propose"). PermissionDenied (audited) unless the actor may plan the
    exercise's improvement and add items to that proposal; ValidationError when the action
    is not a training need, was proposed already, or the program has no proposal under an
    open review. Nothing is written then.
    """
    exercise = corrective_action.exercise
    _require(
        actor,
        "preparedness.plan_improvement",
        exercise,
        "corrective_action.propose",
        _planners_only(),
    )
    if not corrective_action.training_need:
        raise ValidationError(
            {"training_need": _("Flag the corrective action as a training need first.")}
        )
    if corrective_action.proposal_item_id:
        raise ValidationError(
            {"proposal_item": _("This training need is already a proposal item.")}
        )
    proposal = open_proposal(exercise)
    if proposal is None:
        raise ValidationError(
            {
                "proposal": _(
                    "The program has no proposal under an open review to add the training to."
                )
            }
        )
    _require(
        actor,
        "program.add_proposalitem",
        proposal,
        "corrective_action.propose",
        _("You may not add items to the proposal %(proposal)s.") % {"proposal": proposal},
    )
    with transaction.atomic():
        action = (
            CorrectiveAction.objects.select_for_update(of=("self",))
            .select_related("exercise", "objective", "action_item__owner_agency")
            .get(pk=corrective_action.pk)
        )
        if action.proposal_item_id:
            raise ValidationError(
                {"proposal_item": _("This training need is already a proposal item.")}
            )
        item_row = action.action_item
        item = create_item(
            actor=actor,
            proposal=proposal,
            target_agencies=[item_row.owner_agency],
            kind=ItemKind.TRAINING,
            title_es=_title("Capacitación: ", item_row.title_es),
            title_en=_title("Training: ", item_row.title_en),
            target_trainees=TRAINING_COHORT_SIZE,
            cohort_size=TRAINING_COHORT_SIZE,
            cohort_count=1,
            session_days=TRAINING_SESSION_DAYS,
            start_date=training_start(proposal, clock.today()),
            **_descriptions(action),
        )
        action.proposal_item = item
        action.save(update_fields=["proposal_item"])
        record(
            actor=actor,
            action="corrective_action.propose",
            obj=action,
            changes={"proposal_item": [None, item.pk], "proposal": [None, proposal.pk]},
        )
    corrective_action.proposal_item = item
    return item
