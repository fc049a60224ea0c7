"""All or nothing: a failure after the rows of a design service are written (its audit
entry, the last step) leaves nothing of them."""

import datetime

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import CbrnCategory
from nonprolif.preparedness.exercises.domain import create_exercise, update_exercise
from nonprolif.preparedness.exercises.domain import exercises as exercise_domain
from nonprolif.preparedness.models import Exercise
from tests.preparedness.factories import exercise_with_roles, level

pytestmark = pytest.mark.django_db(transaction=True)


class StepFailedError(RuntimeError):
    pass


def fail(**kwargs):
    raise StepFailedError


def test_a_failing_audit_leaves_no_exercise_nor_its_agencies(monkeypatch):
    built = exercise_with_roles()
    before = Exercise.objects.count()
    monkeypatch.setattr(exercise_domain, "record", fail)
    with pytest.raises(StepFailedError):
        create_exercise(
            actor=built.coordinator,
            program=built.program,
            agencies=[built.agency_a, built.agency_b],
            title_es="Fuente",
            title_en="Source",
            kind="drill",
            cbrn_category=CbrnCategory.objects.get(code="RAD"),
            scenario_es="x",
            scenario_en="y",
            starts_on=datetime.date(2010, 3, 1),
            ends_on=datetime.date(2010, 3, 1),
            venue="CDMX",
            classification=level("U"),
        )
    assert Exercise.objects.count() == before
    assert Exercise.agencies.through.objects.filter(exercise__title_en="Source").count() == 0
    assert not AuditEntry.objects.filter(action="preparedness.exercise.create").exists()


def test_a_failing_audit_leaves_the_exercise_and_its_agencies_as_they_were(monkeypatch):
    built = exercise_with_roles()
    monkeypatch.setattr(exercise_domain, "record", fail)
    with pytest.raises(StepFailedError):
        update_exercise(
            actor=built.coordinator,
            exercise=built.exercise,
            venue="Monterrey",
            agencies=[built.agency_a],
        )
    built.exercise.refresh_from_db()
    assert built.exercise.venue == "Ciudad de México"
    assert set(built.exercise.agencies.values_list("code", flat=True)) == {"EXA", "EXB"}
