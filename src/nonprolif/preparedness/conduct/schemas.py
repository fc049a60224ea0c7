"""The conduct API's schemas: the exercise's conduct state, injects as delivered, player
actions, observations, an objective's rating, the hot-wash notes."""

import datetime

from ninja import Field, Schema

from nonprolif.preparedness.models import ExercisePhase, ObservationKind, Rating


class PreparednessConductExerciseOut(Schema):
    id: int
    code: str = Field(description="EX-<id>")
    phase: ExercisePhase
    conduct_started_at: datetime.datetime | None
    conduct_ended_at: datetime.datetime | None
    hotwash_es: str
    hotwash_en: str


class PreparednessConductInjectOut(Schema):
    id: int
    number: int
    scheduled_at: datetime.datetime
    synopsis_es: str
    synopsis_en: str
    sender: str
    recipient: str
    objective: int | None = Field(description="the objective's number")
    delivered_at: datetime.datetime | None
    delivered_by: str | None

    @staticmethod
    def resolve_objective(obj) -> int | None:
        return obj.objective.number if obj.objective_id else None

    @staticmethod
    def resolve_delivered_by(obj) -> str | None:
        return obj.delivered_by.username if obj.delivered_by_id else None


class PreparednessConductActionOut(Schema):
    id: int
    at: datetime.datetime
    text: str
    inject: int | None = Field(description="the inject's number")
    agency: str | None = Field(description="the agency's code")
    recorded_by: str | None

    @staticmethod
    def resolve_inject(obj) -> int | None:
        return obj.inject.number if obj.inject_id else None

    @staticmethod
    def resolve_agency(obj) -> str | None:
        return obj.agency.code if obj.agency_id else None

    @staticmethod
    def resolve_recorded_by(obj) -> str | None:
        return obj.recorded_by.username if obj.recorded_by_id else None


class PreparednessConductActionIn(Schema):
    text: str = Field("", max_length=4000, description="required")
    inject: int | None = Field(None, ge=1, le=2**63 - 1, description="a delivered inject's id")
    agency: str | None = Field(None, max_length=32, description="a participating agency's code")


class PreparednessConductObservationOut(Schema):
    id: int
    at: datetime.datetime
    objective: int = Field(description="the objective's number")
    objective_id: int
    kind: ObservationKind
    inject: int | None = Field(description="the inject's number")
    text: str
    evaluator: str | None

    @staticmethod
    def resolve_objective(obj) -> int:
        return obj.objective.number

    @staticmethod
    def resolve_inject(obj) -> int | None:
        return obj.inject.number if obj.inject_id else None

    @staticmethod
    def resolve_evaluator(obj) -> str | None:
        return obj.evaluator.username if obj.evaluator_id else None


class PreparednessConductObservationIn(Schema):
    objective: int = Field(ge=1, le=2**63 - 1, description="the objective's id")
    kind: ObservationKind = ObservationKind.NOTE
    text: str = Field("", max_length=4000, description="required")
    inject: int | None = Field(None, ge=1, le=2**63 - 1, description="an inject's id")


class PreparednessConductRatingIn(Schema):
    rating: Rating
    notes_es: str = Field("", max_length=4000)
    notes_en: str = Field("", max_length=4000)


class PreparednessConductObjectiveOut(Schema):
    id: int
    number: int
    rating: Rating | None
    rating_notes_es: str
    rating_notes_en: str
    rated_by: str | None
    rated_at: datetime.datetime | None

    @staticmethod
    def resolve_rating(obj) -> str | None:
        return obj.rating or None

    @staticmethod
    def resolve_rated_by(obj) -> str | None:
        return obj.rated_by.username if obj.rated_by_id else None


class PreparednessConductHotwashIn(Schema):
    hotwash_es: str = Field("", max_length=20000)
    hotwash_en: str = Field("", max_length=20000)
