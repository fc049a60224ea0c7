"""The plan API's schemas: a program's year, month by month, with its sessions and
exercises."""

import datetime

from ninja import Field, Schema

from nonprolif.preparedness.models import ExerciseKind, ExercisePhase


class PreparednessPlanQuery(Schema):
    program: str | None = Field(None, max_length=32, description="a program's code")
    year: int | None = Field(None, ge=1900, le=2999)


class PreparednessPlanSessionOut(Schema):
    id: int
    label: str
    title_es: str
    title_en: str
    start: datetime.date
    end: datetime.date


class PreparednessPlanExerciseOut(Schema):
    id: int
    code: str
    title_es: str
    title_en: str
    kind: ExerciseKind
    phase: ExercisePhase
    starts_on: datetime.date
    ends_on: datetime.date


class PreparednessPlanMonthOut(Schema):
    month: int
    sessions: list[PreparednessPlanSessionOut]
    exercises: list[PreparednessPlanExerciseOut]


class PreparednessPlanOut(Schema):
    program: str
    year: int
    years: list[int] = Field(description="the years that hold a session or an exercise")
    months: list[PreparednessPlanMonthOut]

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code
