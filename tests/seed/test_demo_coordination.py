"""The demo's meetings have decisions and action items, and with the demo clock (the date
``nonprolif demo`` fixes) the action items and the status report read as 2009."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from nonprolif.cli import demo_today
from nonprolif.core.models import AuditEntry, User
from nonprolif.events.models import ActionItem, ActionItemChange, ActionStatus, MeetingDecision
from nonprolif.seed.demo import load_demo_document
from nonprolif.training.models import Session

THIS_YEAR = str(datetime.date.today().year)


@pytest.fixture
def demo_clock(settings):
    settings.NONPROLIF_TODAY = datetime.date.fromisoformat(demo_today())
    settings.OTP_REQUIRED_ROLES = []  # signing in is tested elsewhere
    return settings.NONPROLIF_TODAY


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_clock_is_inside_the_2009_program_before_the_first_cohort(demo):
    today = datetime.date.fromisoformat(demo_today())
    first = Session.objects.filter(program__code="mx-2009").order_by("start").first()
    assert first is not None
    assert datetime.date(2009, 9, 14) < today < first.start  # nominations open, before cohort 1
    assert today == datetime.date.fromisoformat(demo["today"])


def test_the_meetings_have_bilingual_decisions_and_action_items_owned_by_demo_agencies(demo):
    decisions = MeetingDecision.objects.filter(meeting__program__code="mx-2009")
    assert decisions.count() == 4
    assert all(d.text_es and d.text_en and d.text_es != d.text_en for d in decisions)
    # The program document's meetings (not an exercise's, a visit's or the 1540 plan's).
    items = ActionItem.objects.filter(
        meeting__program__code="mx-2009",
        meeting__exercise__isnull=True,
        meeting__outreach_visit__isnull=True,
        meeting__action_plan__isnull=True,
    ).select_related("owner_agency", "owner_official", "meeting")
    assert items.count() == 5
    for item in items:
        assert item.title_es != item.title_en
        assert " / " not in item.title_es
        assert item.owner_agency in item.meeting.agencies.all()
        if item.owner_official is not None:
            assert item.owner_official.agency == item.owner_agency
            assert item.owner_official.user is not None  # a demo login's official
    statuses = sorted(item.status for item in items)
    assert statuses.count(ActionStatus.DONE) == 1
    assert statuses.count(ActionStatus.OPEN) >= 3
    done = items.get(status=ActionStatus.DONE)
    assert done.closed_at is not None
    history = list(ActionItemChange.objects.filter(action_item=done).order_by("at"))
    assert [change.changes.get("status") for change in history] == [
        [None, "open"],
        ["open", "done"],
    ]


def test_with_the_demo_clock_at_most_one_item_is_overdue_by_a_few_days(demo, demo_clock):
    client = signed_in("coordinador")
    page = client.get(reverse("program_action_items", args=["mx-2009"]))
    assert page.status_code == 200
    body = page.content.decode()
    items = ActionItem.objects.filter(meeting__program__code="mx-2009")
    overdue = [item for item in items if item.is_overdue]
    assert len(overdue) == 1
    assert 0 < (demo_clock - overdue[0].due_date).days <= 7
    upcoming = [item for item in items if not item.is_closed and item.due_date >= demo_clock]
    assert len(upcoming) >= 3
    assert body.count("días de atraso") == 1  # the coordinator reads Spanish
    assert "Con 3 días de atraso" in body
    assert THIS_YEAR not in body


def test_with_the_demo_clock_the_report_reads_as_2009(demo, demo_clock):
    client = signed_in("coordinador")
    for language, as_of in (("en", "19 October 2009"), ("es", "19 de octubre de 2009")):
        page = client.get(
            reverse("program_report", args=["mx-2009"]), {"lang": language, "format": "md"}
        )
        assert page.status_code == 200
        body = " ".join(page.content.decode().split())
        assert as_of in body
        assert THIS_YEAR not in body
    english = " ".join(
        client.get(reverse("program_report", args=["mx-2009"]), {"lang": "en", "format": "md"})
        .content.decode()
        .split()
    )
    assert "by 3 days" in english  # the one overdue item, due 16 October 2009


def test_with_the_demo_clock_the_home_page_reads_as_2009(demo, demo_clock):
    client = signed_in("coordinador")  # reads Spanish
    page = client.get(reverse("home"))
    assert page.status_code == 200
    body = " ".join(page.content.decode().split())
    assert "19 de octubre de 2009" in body  # the clock's banner
    assert "1</span> compromiso vencido</a>" in body  # the one due 16 October 2009
    next_sessions = page.context["home"].next_sessions
    assert next_sessions
    assert all(s.start > demo_clock for s in next_sessions)
    assert next_sessions[0].start == datetime.date(2009, 10, 23)  # the first cohort
    assert THIS_YEAR not in body


@pytest.mark.parametrize(
    ("field", "value", "place"),
    [
        ("owner_agency", "SEDENA", "action_items[0].owner_agency"),  # not at the meeting
        ("owner_official", "nobody@cisen.gob.mx.example", "action_items[0].owner_official"),
        ("decision", 9, "action_items[0].decision"),
        ("status", "late", "action_items[0].status"),
        ("closed_at", None, "action_items[0].closed_at"),  # done, but closed when?
        ("due_date", "16/10/2009", "action_items[0].due_date"),
    ],
)
def test_a_bad_action_item_is_refused_naming_it_and_nothing_is_written(
    demo, demo_doc, field, value, place
):
    item = demo_doc["coordination"]["meetings"][0]["action_items"][0]
    item["title_es"] = "Nueva"
    if value is None:
        del item[field]
    else:
        item[field] = value
    before = (ActionItem.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        load_demo_document(demo_doc)
    assert list(error.value.message_dict) == [f"coordination.meetings[0].{place}"]
    assert (ActionItem.objects.count(), AuditEntry.objects.count()) == before


def test_an_unknown_meeting_is_refused_naming_it(demo, demo_doc):
    demo_doc["coordination"]["meetings"][1]["date"] = "2009-02-02"
    with pytest.raises(ValidationError) as error:
        load_demo_document(demo_doc)
    assert list(error.value.message_dict) == ["coordination.meetings[1].title_es"]


def test_loading_the_coordination_demo_again_changes_nothing(demo, demo_doc):
    before = (ActionItemChange.objects.count(), AuditEntry.objects.count())
    result = load_demo_document(demo_doc)
    assert not result.changed
    assert (ActionItemChange.objects.count(), AuditEntry.objects.count()) == before
