"""Loading the demo exercise (the data: ``content``, ``msel``, ``conduct``)."""

from __future__ import annotations

from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.intel.models import CbrnCategory
from nonprolif.preparedness.models import (
    CoreCapability,
    CorrectiveAction,
    Exercise,
    ExerciseKind,
    ExerciseObjective,
    ExerciseParticipant,
    ExercisePhase,
    Inject,
    Observation,
    PlayerAction,
)
from nonprolif.program.models import Program
from nonprolif.seed.loader.checks import fail
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from ..actions import upsert_items, upsert_meeting
from .conduct import (
    AFTER_ACTION,
    AFTER_ACTION_RECORDED,
    CORRECTIVE_ACTIONS,
    OBSERVATIONS,
    PLAYER_ACTIONS,
)
from .content import CONTROLLER, EXERCISE, OBJECTIVES, PARTICIPANTS, RATED_AT
from .msel import INJECTS

WHERE = "preparedness.exercise"


def _users(usernames: set[str]) -> dict[str, User]:
    found = {user.username: user for user in User.objects.filter(username__in=usernames)}
    for username in sorted(usernames - set(found)):
        fail(WHERE, f"the demo login “{username}” is missing (it is in the document's logins)")
    return found


def _capabilities(codes: set[str]) -> dict[str, CoreCapability]:
    found = {c.code: c for c in CoreCapability.objects.filter(code__in=codes)}
    for code in sorted(codes - set(found)):
        fail(WHERE, f"unknown core capability “{code}”")
    return found


def load_demo_exercise(
    *, program: Program, coordinator: User, result: SeedResult, actor: User | None
) -> Exercise:
    """The tabletop of the demo, in phase improvement planning: the exercise (key: program
    and Spanish title), its objectives with their ratings and capabilities (key: number), its
    people in roles (exercise, login, role), its injects, all delivered by the controller
    (number), the players' actions and the observations (exercise and text), the after-action
    meeting (program, Spanish title, date) with the improvement plan's action items (title)
    and a corrective action for each (its action item).

    Side effects: those rows created or brought back to the data, each with one audit entry
    (``seed.create`` or ``seed.update``) when it changed; a new action item's history rows. A
    second load changes nothing.
    """
    spec = EXERCISE
    agencies = {a.code: a for a in Agency.objects.filter(code__in=spec["agencies"])}
    for code in sorted(set(spec["agencies"]) - set(agencies)):
        fail(f"{WHERE}.agencies", f"unknown agency code “{code}”")
    taking_part = [agencies[code] for code in spec["agencies"]]
    level = ClassificationLevel.objects.filter(code=spec["classification"]).first()
    if level is None:
        fail(f"{WHERE}.classification", f"unknown level “{spec['classification']}”")
    category = CbrnCategory.objects.filter(code=spec["cbrn_category"]).first()
    if category is None:
        fail(f"{WHERE}.cbrn_category", f"unknown CBRN category “{spec['cbrn_category']}”")
    users = _users({username for username, _ in PARTICIPANTS})
    capabilities = _capabilities({code for o in OBJECTIVES for code in o.capabilities})
    capabilities |= _capabilities({ca["capability"] for ca in CORRECTIVE_ACTIONS})

    meeting = upsert_meeting(
        program=program,
        values=AFTER_ACTION,
        agencies=taking_part,
        where=f"{WHERE}.after_action_meeting",
        result=result,
        actor=actor,
    )
    exercise = upsert(
        Exercise,
        key={"program": program, "title_es": spec["title_es"]},
        values={
            "title_en": spec["title_en"],
            "kind": ExerciseKind.TABLETOP,
            "phase": ExercisePhase.IMPROVEMENT,
            "cbrn_category": category,
            "scenario_es": spec["scenario_es"],
            "scenario_en": spec["scenario_en"],
            "starts_on": spec["starts_on"],
            "ends_on": spec["ends_on"],
            "venue": spec["venue"],
            "classification": level,
            "hotwash_es": spec["hotwash_es"],
            "hotwash_en": spec["hotwash_en"],
            "conduct_started_at": spec["conduct_started_at"],
            "conduct_ended_at": spec["conduct_ended_at"],
            "after_action_meeting": meeting,
            "created_by": coordinator,
            "created_at": spec["created_at"],
        },
        m2m={"agencies": taking_part},
        where=WHERE,
        result=result,
        actor=actor,
    )
    for username, role in PARTICIPANTS:
        upsert(
            ExerciseParticipant,
            key={"exercise": exercise, "user": users[username], "role": role},
            values={},
            where=f"{WHERE}.participants",
            result=result,
            actor=actor,
        )
    objectives = {}
    for objective in OBJECTIVES:
        objectives[objective.number] = upsert(
            ExerciseObjective,
            key={"exercise": exercise, "number": objective.number},
            values={
                "text_es": objective.text_es,
                "text_en": objective.text_en,
                "rating": objective.rating,
                "rating_notes_es": objective.notes_es,
                "rating_notes_en": objective.notes_en,
                "rated_by": users[objective.rated_by],
                "rated_at": RATED_AT,
            },
            m2m={"capabilities": [capabilities[code] for code in objective.capabilities]},
            where=f"{WHERE}.objectives[{objective.number}]",
            result=result,
            actor=actor,
        )
    _load_msel(exercise, objectives, users, agencies, result, actor)
    items = upsert_items(
        [ca["item"] for ca in CORRECTIVE_ACTIONS],
        meeting=meeting,
        coordinator=coordinator,
        recorded=AFTER_ACTION_RECORDED,
        where=f"{WHERE}.corrective_actions",
        result=result,
        actor=actor,
    )
    for ca, item in zip(CORRECTIVE_ACTIONS, items, strict=True):
        upsert(
            CorrectiveAction,
            key={"action_item": item},
            values={
                "exercise": exercise,
                "objective": objectives[ca["objective"]],
                "capability": capabilities[ca["capability"]],
                "training_need": ca["training_need"],
            },
            where=f"{WHERE}.corrective_actions",
            result=result,
            actor=actor,
        )
    return exercise


def _load_msel(
    exercise: Exercise,
    objectives: dict[int, ExerciseObjective],
    users: dict[str, User],
    agencies: dict[str, Agency],
    result: SeedResult,
    actor: User | None,
) -> None:
    controller = users[CONTROLLER]
    injects = {}
    for inject in INJECTS:
        injects[inject.number] = upsert(
            Inject,
            key={"exercise": exercise, "number": inject.number},
            values={
                "scheduled_at": inject.when,
                "synopsis_es": inject.synopsis_es,
                "synopsis_en": inject.synopsis_en,
                "sender": inject.sender,
                "recipient": inject.recipient,
                "expected_action_es": inject.expected_es,
                "expected_action_en": inject.expected_en,
                "objective": objectives[inject.objective],
                "delivered_at": inject.when,
                "delivered_by": controller,
            },
            where=f"{WHERE}.injects[{inject.number}]",
            result=result,
            actor=actor,
        )
    for i, (number, agency, moment, text) in enumerate(PLAYER_ACTIONS):
        upsert(
            PlayerAction,
            key={"exercise": exercise, "text": text},
            values={
                "inject": injects[number],
                "agency": agencies[agency],
                "at": moment,
                "recorded_by": controller,
            },
            where=f"{WHERE}.player_actions[{i}]",
            result=result,
            actor=actor,
        )
    for i, (objective, on_inject, evaluator, kind, moment, text) in enumerate(OBSERVATIONS):
        upsert(
            Observation,
            key={"exercise": exercise, "text": text},
            values={
                "objective": objectives[objective],
                "inject": injects[on_inject] if on_inject is not None else None,
                "kind": kind,
                "at": moment,
                "evaluator": users[evaluator],
            },
            where=f"{WHERE}.observations[{i}]",
            result=result,
            actor=actor,
        )
