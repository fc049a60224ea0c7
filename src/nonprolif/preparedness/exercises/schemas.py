"""The exercises API's schemas: an exercise (its facts, agencies, classification), an
objective with its capabilities, a participant, an inject; their inputs (codes for the
vocabularies, ids for rows)."""

import datetime

from ninja import Field, Schema

from nonprolif.api.inputs import Instant, omittable
from nonprolif.preparedness.models import ExerciseKind, ExercisePhase, ParticipantRole


class PreparednessExerciseOut(Schema):
    id: int
    code: str = Field(description="EX-<id>")
    program: str = Field(description="the program's code")
    title_es: str
    title_en: str
    kind: ExerciseKind
    phase: ExercisePhase
    cbrn_category: str = Field(description="the CBRN category's code")
    starts_on: datetime.date
    ends_on: datetime.date
    venue: str
    classification: str = Field(description="the classification level's code")

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_cbrn_category(obj) -> str:
        return obj.cbrn_category.code

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code


class PreparednessExerciseDetailOut(PreparednessExerciseOut):
    scenario_es: str
    scenario_en: str
    agencies: list[str] = Field(description="the participating agencies' codes")

    @staticmethod
    def resolve_agencies(obj) -> list[str]:
        return sorted(a.code for a in obj.agencies.all())


class PreparednessExerciseFilters(Schema):
    program: str | None = Field(None, max_length=32, description="a program's code")
    kind: ExerciseKind | None = None
    phase: ExercisePhase | None = None
    q: str | None = Field(None, max_length=200, description="words of a title, or EX-<id>")


class PreparednessExerciseIn(Schema):
    program: str = Field(max_length=32, description="the program's code")
    agencies: list[str] = Field(description="agency codes (agencies of the program)")
    title_es: str
    title_en: str
    kind: ExerciseKind
    cbrn_category: str = Field(description="a CBRN category's code")
    scenario_es: str
    scenario_en: str
    starts_on: datetime.date
    ends_on: datetime.date
    venue: str
    classification: str = Field(description="a classification level's code")


class PreparednessExercisePatch(Schema):
    agencies: list[str] = omittable()
    title_es: str = omittable()
    title_en: str = omittable()
    kind: ExerciseKind = omittable()
    cbrn_category: str = omittable()
    scenario_es: str = omittable()
    scenario_en: str = omittable()
    starts_on: datetime.date = omittable()
    ends_on: datetime.date = omittable()
    venue: str = omittable()
    classification: str = omittable()


class PreparednessObjectiveOut(Schema):
    id: int
    number: int
    text_es: str
    text_en: str
    capabilities: list[str] = Field(description="core capability codes")
    rating: str

    @staticmethod
    def resolve_capabilities(obj) -> list[str]:
        return [c.code for c in obj.capabilities.all()]


class PreparednessObjectiveIn(Schema):
    text_es: str
    text_en: str
    capabilities: list[str] = Field(description="core capability codes, at least one")


class PreparednessObjectivePatch(Schema):
    text_es: str = omittable()
    text_en: str = omittable()
    capabilities: list[str] = omittable()


class PreparednessParticipantOut(Schema):
    id: int
    user: int = Field(description="the user's id")
    username: str
    name: str
    agency: str | None
    role: ParticipantRole

    @staticmethod
    def resolve_user(obj) -> int:
        return obj.user_id

    @staticmethod
    def resolve_username(obj) -> str:
        return obj.user.username

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.user.get_full_name()

    @staticmethod
    def resolve_agency(obj) -> str | None:
        return obj.user.agency.code if obj.user.agency_id else None


class PreparednessParticipantIn(Schema):
    user: int = Field(description="the user's id")
    role: ParticipantRole


class PreparednessInjectOut(Schema):
    id: int
    number: int
    scheduled_at: datetime.datetime
    sender: str
    recipient: str
    synopsis_es: str
    synopsis_en: str
    expected_action_es: str
    expected_action_en: str
    objective: int | None = Field(description="the objective's id")
    objective_number: int | None
    delivered_at: datetime.datetime | None

    @staticmethod
    def resolve_objective(obj) -> int | None:
        return obj.objective_id

    @staticmethod
    def resolve_objective_number(obj) -> int | None:
        return obj.objective.number if obj.objective_id else None


class PreparednessInjectIn(Schema):
    scheduled_at: Instant
    sender: str
    recipient: str
    synopsis_es: str
    synopsis_en: str
    expected_action_es: str = ""
    expected_action_en: str = ""
    objective: int | None = Field(None, description="an objective's id (of this exercise)")


class PreparednessInjectPatch(Schema):
    scheduled_at: Instant = omittable()
    sender: str = omittable()
    recipient: str = omittable()
    synopsis_es: str = omittable()
    synopsis_en: str = omittable()
    expected_action_es: str = omittable()
    expected_action_en: str = omittable()
    objective: int | None = None
