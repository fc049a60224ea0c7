"""The After-Action Report / Improvement Plan (AAR/IP) of one exercise as plain data, read
from the database in one language (HSEEP's layout):

1. the exercise overview (title, type, dates, venue, scenario, CBRN category,
   classification, participating agencies, how many people in each role);
2. the objectives, each with its core capabilities, its Exercise Evaluation Guide rating
   (P/S/M/U and its words) and rationale, and its strengths and areas for improvement (the
   evaluators' observations of those kinds, with time and evaluator);
3. the MSEL summary (injects delivered and planned, first and last delivery) and how many
   player actions were recorded;
4. the hot wash;
5. the improvement plan (each corrective action: objective, capability, title, owner
   agency, due date, status, training need, proposal item);
6. the ratings summary (how many objectives were rated P, S, M and U).

Derived data takes the access of its sources: the improvement plan lists the corrective
actions whose action item the reader may see, and names a proposal item only when the
reader may see it. Times are shown in the program's time zone. Reads only.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import formats, timezone, translation

from nonprolif.core import clock
from nonprolif.core.models import User
from nonprolif.events.models.coordination import program_today
from nonprolif.preparedness.improvement.queries import corrective_actions_for
from nonprolif.preparedness.models import (
    Exercise,
    ExerciseObjective,
    Observation,
    ObservationKind,
    ParticipantRole,
    Rating,
)
from nonprolif.program.models import ProposalItem

LANGUAGES = ("es", "en")


@dataclass
class ObservationFacts:
    at: datetime.datetime
    at_display: str
    evaluator: str
    text: str
    inject: int | None


@dataclass
class ObjectiveFacts:
    number: int
    text: str
    capabilities: list[str]
    rating: str  # P, S, M, U or "" (not rated)
    rating_label: str
    rationale: str
    strengths: list[ObservationFacts] = field(default_factory=list)
    improvements: list[ObservationFacts] = field(default_factory=list)


@dataclass
class CorrectiveActionFacts:
    pk: int
    action_item_id: int
    objective: str  # "1. <text>" or ""
    capability: str
    title: str
    description: str
    owner_agency: str
    due_date: datetime.date
    due_display: str
    status: str
    status_label: str
    overdue: bool
    training_need: bool
    proposal_item: str  # "<proposal> · <number>. <title>" or ""


@dataclass
class RatingCount:
    code: str
    label: str
    count: int


@dataclass
class AarFacts:
    exercise_id: int
    code: str
    language: str
    marking: str  # the classification's name in the report's language, in capitals
    title: str
    kind: str
    phase: str
    program: str
    starts_on: datetime.date
    ends_on: datetime.date
    dates_display: str
    venue: str
    scenario: str
    cbrn_category: str
    classification: str
    agencies: list[str]
    people: list[tuple[str, int]]  # (role's words, how many)
    objectives: list[ObjectiveFacts]
    injects_planned: int
    injects_delivered: int
    first_delivery: str
    last_delivery: str
    player_actions: int
    observations: int
    hotwash: str
    plan: list[CorrectiveActionFacts]
    ratings: list[RatingCount]
    unrated: int
    generated_on: str


def _when(value: datetime.datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value, zone), "DATETIME_FORMAT")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _dates(exercise: Exercise) -> str:
    if exercise.starts_on == exercise.ends_on:
        return _day(exercise.starts_on)
    return f"{_day(exercise.starts_on)} \u2013 {_day(exercise.ends_on)}"


def _objectives(exercise: Exercise, zone: zoneinfo.ZoneInfo) -> list[ObjectiveFacts]:
    observations = Prefetch(
        "observations",
        queryset=Observation.objects.filter(
            kind__in=[ObservationKind.STRENGTH, ObservationKind.IMPROVEMENT]
        )
        .select_related("evaluator", "inject")
        .order_by("at", "pk"),
        to_attr="findings",
    )
    rows = (
        ExerciseObjective.objects.filter(exercise=exercise)
        .prefetch_related("capabilities", observations)
        .order_by("number")
    )
    objectives = []
    for objective in rows:
        facts = ObjectiveFacts(
            number=objective.number,
            text=objective.text,
            capabilities=[c.name for c in objective.capabilities.all()],
            rating=objective.rating,
            rating_label=str(Rating(objective.rating).label) if objective.rating else "",
            rationale=objective.rating_notes,
        )
        for observation in objective.findings:
            finding = ObservationFacts(
                at=observation.at,
                at_display=_when(observation.at, zone),
                evaluator=_person(observation.evaluator),
                text=observation.text,
                inject=observation.inject.number if observation.inject is not None else None,
            )
            if observation.kind == ObservationKind.STRENGTH:
                facts.strengths.append(finding)
            else:
                facts.improvements.append(finding)
        objectives.append(facts)
    return objectives


def _people(exercise: Exercise) -> list[tuple[str, int]]:
    counts = dict(
        exercise.participants.order_by()
        .values_list("role")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("role", "n")
    )
    return [(str(role.label), counts.get(role.value, 0)) for role in ParticipantRole]


def _proposal_label(item: ProposalItem) -> str:
    return f"{item.proposal.title} · {item.number}. {item.title}"


def _plan(exercise: Exercise, user: User, today: datetime.date) -> list[CorrectiveActionFacts]:
    corrective = list(corrective_actions_for(user, exercise))
    plan = []
    for ca in corrective:
        item = ca.action_item
        objective = ca.objective
        plan.append(
            CorrectiveActionFacts(
                pk=ca.pk,
                action_item_id=item.pk,
                objective=f"{objective.number}. {objective.text}" if objective else "",
                capability=ca.capability.name if ca.capability else "",
                title=item.title,
                description=item.description,
                owner_agency=item.owner_agency.name,
                due_date=item.due_date,
                due_display=_day(item.due_date),
                status=item.status,
                status_label=item.get_status_display(),
                overdue=item.is_overdue_on(today),
                training_need=ca.training_need,
                proposal_item=_proposal_label(ca.proposal_item)
                if getattr(ca, "readable_proposal_item", None) and ca.proposal_item is not None
                else "",
            )
        )
    return plan


def _ratings(objectives: list[ObjectiveFacts]) -> tuple[list[RatingCount], int]:
    counts = [
        RatingCount(
            code=rating.value,
            label=str(rating.label),
            count=sum(1 for o in objectives if o.rating == rating.value),
        )
        for rating in Rating
    ]
    return counts, sum(1 for o in objectives if not o.rating)


def aar_facts(*, exercise: Exercise, user: User, language: str) -> AarFacts:
    """The AAR/IP of ``exercise`` (one ``user`` may read: fetch it with
    ``exercises.queries.get_exercise_for``) in ``language`` (es or en), as ``user`` sees it.
    A fixed number of queries, whatever the number of objectives, observations and actions."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {LANGUAGES}")
    program = exercise.program
    zone = zoneinfo.ZoneInfo(program.time_zone)
    with translation.override(language):
        objectives = _objectives(exercise, zone)
        ratings, unrated = _ratings(objectives)
        msel = exercise.injects.aggregate(
            planned=Count("pk"),
            delivered=Count("pk", filter=Q(delivered_at__isnull=False)),
            first=Min("delivered_at"),
            last=Max("delivered_at"),
        )
        return AarFacts(
            exercise_id=exercise.pk,
            code=exercise.code,
            language=language,
            marking=exercise.classification.name.upper(),
            title=exercise.title,
            kind=exercise.get_kind_display(),
            phase=exercise.get_phase_display(),
            program=program.name,
            starts_on=exercise.starts_on,
            ends_on=exercise.ends_on,
            dates_display=_dates(exercise),
            venue=exercise.venue,
            scenario=exercise.scenario,
            cbrn_category=exercise.cbrn_category.name,
            classification=exercise.classification.name,
            agencies=[a.name for a in exercise.agencies.order_by("code")],
            people=_people(exercise),
            objectives=objectives,
            injects_planned=msel["planned"],
            injects_delivered=msel["delivered"],
            first_delivery=_when(msel["first"], zone),
            last_delivery=_when(msel["last"], zone),
            player_actions=exercise.player_actions.count(),
            observations=exercise.observations.count(),
            hotwash=exercise.hotwash,
            plan=_plan(exercise, user, program_today(program.time_zone)),
            ratings=ratings,
            unrated=unrated,
            generated_on=_day(clock.today()),
        )
