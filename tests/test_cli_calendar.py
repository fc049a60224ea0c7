"""Issue 3's scripted journey through the real `nonprolif` command: seed, accept everything,
print the calendar as JSON."""

import datetime
import json

import pytest

from nonprolif.cli import main
from nonprolif.core.models import Agency
from nonprolif.core.roles import Role
from tests.factories import UserFactory

# The passthrough runs Django's run_from_argv, which closes the connection at the end: a
# transactional test database survives that on PostgreSQL too.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded_with_coordinator(capsys):
    assert main(["seed"]) == 0
    UserFactory(username="ana", agency=Agency.objects.get(code="CISEN"), roles=[Role.COORDINATOR])
    capsys.readouterr()


def calendar_json(capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["calendar", "--program", "mx-2009", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_accept_all_then_calendar_prints_four_cohorts_and_eight_senior_sessions(
    seeded_with_coordinator, capsys
):
    assert main(["review", "--program", "mx-2009", "--as", "ana", "--accept-all"]) == 0
    sessions = calendar_json(capsys)

    cohorts = [s for s in sessions if s["cohort"] is not None]
    assert [s["capacity"] for s in cohorts] == [50, 50, 50, 50]
    starts = [datetime.date.fromisoformat(s["start"]) for s in cohorts]
    assert starts[0] == datetime.date(2009, 10, 23)
    assert starts[0].weekday() == 4  # a Friday
    assert starts[-1].year == 2010
    assert starts[-1].month == 7
    assert starts[-1].day >= 20  # late July
    for session in cohorts:
        assert datetime.date.fromisoformat(session["start"]).weekday() < 5
        if session["start"] != session["planned"]:
            assert session["reason"], session
        else:
            assert session["reason"] is None
    moved = next(s for s in cohorts if s["planned"] == "2010-01-23")
    assert moved["start"] == "2010-01-25"
    assert moved["reason"] == "2010-01-23 is a Saturday, moved to Monday 2010-01-25"

    senior = [s for s in sessions if s["audience"].startswith("senior:")]
    assert len(senior) == 8
    assert len({s["audience"] for s in senior}) == 8


def test_rejecting_an_item_removes_its_sessions_and_amending_updates_in_place(
    seeded_with_coordinator, capsys
):
    assert main(["review", "--program", "mx-2009", "--as", "ana", "--accept-all"]) == 0
    before = {s["uid"]: s for s in calendar_json(capsys)}

    assert (
        main(
            [
                "review",
                "--program",
                "mx-2009",
                "--as",
                "ana",
                "--amend",
                "1",
                "--cohort-size",
                "40",
                "--reason",
                "smaller rooms",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "review",
                "--program",
                "mx-2009",
                "--as",
                "ana",
                "--reject",
                "9",
                "--reason",
                "not this year",
            ]
        )
        == 0
    )
    after = {s["uid"]: s for s in calendar_json(capsys)}

    cohorts = [s for s in after.values() if s["cohort"] is not None]
    assert sorted(s["capacity"] for s in cohorts) == [40, 40, 40, 40]
    assert {s["uid"] for s in cohorts} <= set(before)  # same identities, updated in place
    assert len([s for s in after.values() if s["audience"].startswith("senior:")]) == 7


def test_review_with_an_unknown_item_fails_and_changes_nothing(seeded_with_coordinator, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["review", "--program", "mx-2009", "--as", "ana", "--accept", "99"])
    assert exit_.value.code != 0
    assert "99" in capsys.readouterr().err
    assert calendar_json(capsys) == []
