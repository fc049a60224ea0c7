"""``nonprolif calendar``: the built-in 2009 program end to end, and bad input."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nonprolif.program.domain.review import decide_all
from nonprolif.program.models import Program, Proposal
from nonprolif.seed.loader import builtin_document, load_program_document
from nonprolif.training.models import Session, SessionParticipant
from tests.factories import OfficialFactory, ProgramFactory


def run(*args) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def mx_2009(db, coordinator):
    load_program_document(builtin_document())
    program = Program.objects.get(code="mx-2009")
    for proposal in Proposal.objects.filter(program=program):
        decide_all(proposal=proposal, decision="accepted", actor=coordinator)
    return program


def test_the_2009_program_gives_four_cohorts_of_50_and_eight_senior_sessions(mx_2009):
    rows = json.loads(run("--program", "mx-2009", "--format", "json"))

    cohorts = [r for r in rows if r["audience"] == "everyone"]
    assert [(r["cohort"], r["capacity"]) for r in cohorts] == [(1, 50), (2, 50), (3, 50), (4, 50)]
    assert [r["start"] for r in cohorts] == ["2009-10-23", "2010-01-25", "2010-04-23", "2010-07-23"]
    assert [r["planned"] for r in cohorts] == [
        "2009-10-23",
        "2010-01-23",
        "2010-04-23",
        "2010-07-23",
    ]
    assert cohorts[0]["reason"] is None
    assert cohorts[1]["reason"] == "2010-01-23 is a Saturday, moved to Monday 2010-01-25"
    assert cohorts[-1]["end"] == "2010-07-29"
    senior = [r for r in rows if r["audience"].startswith("senior:")]
    assert len(senior) == 8
    assert {r["cohort"] for r in senior} == {None}
    assert len({r["audience"] for r in senior}) == 8
    for row in rows:
        assert set(row) >= {
            "item",
            "cohort",
            "audience",
            "start",
            "end",
            "capacity",
            "planned",
            "reason",
            "uid",
        }
        assert (row["reason"] is None) == (row["start"] == row["planned"])


def test_the_program_may_be_left_out_when_there_is_only_one(mx_2009):
    assert json.loads(run("--format", "json")) == json.loads(
        run("--program", "mx-2009", "--format", "json")
    )


def test_the_table_csv_and_ics_forms(mx_2009):
    table = run("--program", "mx-2009")
    assert "2010-01-23 is a Saturday, moved to Monday 2010-01-25" in table
    assert len(run("--format", "csv").strip().splitlines()) == 13
    assert run("--format", "ics").count("BEGIN:VEVENT") == 12


def test_an_unknown_program_is_a_clear_error_and_changes_nothing(mx_2009):
    before = list(Session.objects.values_list("pk", "sequence"))

    with pytest.raises(CommandError, match=r"--program: no program with the code .nope."):
        run("--program", "nope", "--regenerate")

    assert list(Session.objects.values_list("pk", "sequence")) == before


def test_several_programs_need_a_code(mx_2009):
    ProgramFactory(code="other")

    with pytest.raises(CommandError, match="several programs"):
        run("--format", "json")


def test_confirm_needs_regenerate(mx_2009):
    with pytest.raises(CommandError, match="--confirm"):
        run("--confirm")


def test_regenerate_and_confirm_from_the_command_line(mx_2009):
    cohort = Session.objects.get(program=mx_2009, cohort=2)
    SessionParticipant.objects.create(
        session=cohort, official=OfficialFactory(agency=cohort.program.lead_agency)
    )
    Session.objects.filter(pk=cohort.pk).update(start="2010-02-01", end="2010-02-05", days=[])

    run("--regenerate")
    cohort.refresh_from_db()
    assert str(cohort.start) == "2010-02-01"
    assert cohort.pending["start"] == "2010-01-25"

    run("--regenerate", "--confirm")
    cohort.refresh_from_db()
    assert str(cohort.start) == "2010-01-25"
    assert cohort.pending is None
