"""The multi-year training and exercise plan of a program: its training sessions (the
training calendar's, ``Session.objects.visible_to``) and its exercises
(``Exercise.objects.visible_to``) on one timeline, a year at a time, month by month.

A user reads the plan of a program he may see (``Program.objects.visible_to``); within it,
only the sessions and exercises he may see: a session or an exercise hidden from him is not
on his plan, nor in its years.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404

from nonprolif.core import clock
from nonprolif.core.models import User
from nonprolif.preparedness.models import Exercise
from nonprolif.program.models import Program
from nonprolif.training.models import Session


@dataclass
class PlanMonth:
    month: int
    sessions: list[Session] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(2000, self.month, 1)

    @property
    def empty(self) -> bool:
        return not self.sessions and not self.exercises


@dataclass
class Plan:
    program: Program
    year: int
    years: list[int]
    months: list[PlanMonth]

    @property
    def sessions(self) -> list[Session]:
        return [s for m in self.months for s in m.sessions]

    @property
    def exercises(self) -> list[Exercise]:
        return [e for m in self.months for e in m.exercises]


def plan_programs(user: User) -> QuerySet[Program]:
    """The programs whose plan ``user`` may read, by code."""
    return Program.objects.visible_to(user).order_by("code")


def get_plan_program_for(user: User, code: str | None) -> Program:
    """The program with ``code`` (the first visible one when none is given) if ``user`` may
    see it; Http404 otherwise, missing alike."""
    programs = plan_programs(user)
    program = programs.filter(code=code).first() if code else programs.first()
    if program is None:
        raise Http404
    return program


def _sessions(user: User, program: Program) -> QuerySet[Session]:
    return Session.objects.visible_to(user).filter(program_id=program.pk)


def _exercises(user: User, program: Program) -> QuerySet[Exercise]:
    return Exercise.objects.visible_to(user).filter(program_id=program.pk)


def plan_years(user: User, program: Program) -> list[int]:
    """The years in which a session or an exercise of the program (that ``user`` sees)
    starts, in order."""
    years = set(
        _sessions(user, program)
        .annotate(y=ExtractYear("start"))
        .values_list("y", flat=True)
        .distinct()
    )
    years.update(
        _exercises(user, program)
        .annotate(y=ExtractYear("starts_on"))
        .values_list("y", flat=True)
        .distinct()
    )
    return sorted(int(y) for y in years if y is not None)


def plan_for(user: User, program: Program, year: int | None = None) -> Plan:
    """The program's plan for ``year`` (by default this year if it has anything, else the
    first year that has): each of its twelve months with the sessions and exercises that
    start in it, in date order."""
    years = plan_years(user, program)
    if year is None:
        today = clock.today().year
        year = today if today in years or not years else years[0]
    months = [PlanMonth(month=m) for m in range(1, 13)]
    sessions = (
        _sessions(user, program)
        .filter(start__year=year)
        .select_related("audience_agency")
        .order_by("start", "item_number", "cohort", "pk")
    )
    for session in sessions:
        months[session.start.month - 1].sessions.append(session)
    exercises = (
        _exercises(user, program)
        .filter(starts_on__year=year)
        .select_related("cbrn_category", "classification")
        .order_by("starts_on", "pk")
    )
    for exercise in exercises:
        months[exercise.starts_on.month - 1].exercises.append(exercise)
    return Plan(program=program, year=year, years=years, months=months)
