"""No page has a ``<select>`` of more than 100 options: with 240 officials in the database,
every page with a form that picks officials (the session page, an item's nominations, a
nomination's substitute form, conference registrations, calendar feeds, meetings and action
items) renders pickers, and each select it still has is a short list."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.registrations.domain import set_quota
from nonprolif.training.models import Session
from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.queries import nomination_items
from tests.events.conftest import meeting, official_a, official_ptr  # noqa: F401
from tests.events.speakers.conftest import make_conference
from tests.factories import OfficialFactory
from tests.training.conftest import (  # noqa: F401
    accept,
    calendar,
    proposal,
    senior_item,
    training_item,
)

MAX_OPTIONS = 100


class SelectSizes(HTMLParser):
    """The number of options of every select of a page, by the select's name."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[tuple[str, int]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self._open = dict(attrs).get("name") or "?"
            self.sizes.append((self._open, 0))
        elif tag == "option" and self._open is not None:
            name, count = self.sizes[-1]
            self.sizes[-1] = (name, count + 1)

    def handle_endtag(self, tag):
        if tag == "select":
            self._open = None


def select_sizes(html: str) -> list[tuple[str, int]]:
    parser = SelectSizes()
    parser.feed(html)
    return parser.sizes


def test_the_parser_counts_options():
    html = '<select name="a"><option>1</option><option>2</option></select><select name="b">'
    assert select_sizes(html + "<option>x</option></select>") == [("a", 2), ("b", 1)]


@pytest.fixture
def crowd(agency_a, agency_b, partner_agency):
    """240 officials: 100 of agency A, 100 of agency B, 40 of the partner."""
    return [
        *OfficialFactory.create_batch(100, agency=agency_a),
        *OfficialFactory.create_batch(100, agency=agency_b),
        *OfficialFactory.create_batch(40, agency=partner_agency),
    ]


@pytest.fixture
def pages(calendar, program, coordinator, meeting, crowd, agency_a, agency_b):  # noqa: F811
    training = next(item for item in nomination_items(program) if not item.senior)
    cohort = Session.objects.filter(item_key=training.key).order_by("cohort").first()
    first = crowd[0]
    nomination = Nomination.objects.create(
        program=program,
        item_key=training.key,
        official=first,
        agency=first.agency,
        status=NominationStatus.SUBMITTED,
        order_at=datetime.datetime(2009, 9, 14, 9, tzinfo=datetime.UTC),
        submitted_at=datetime.datetime(2009, 9, 14, 9, tzinfo=datetime.UTC),
        submitted_by=coordinator,
    )
    conference = make_conference(program, agency_a)
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=150)
    set_quota(actor=coordinator, conference=conference, agency=agency_b, seats=150)
    action = create_action_item(
        actor=coordinator,
        meeting=meeting,
        title_es="Enviar la lista",
        title_en="Send the list",
        owner_agency=agency_a,
        owner_official=crowd[1],
        due_date=datetime.date(2009, 9, 15),
    )
    return {
        "session": reverse("session_detail", args=[cohort.pk]),
        "item nominations": reverse("nomination_item", args=[program.code, training.key]),
        "nomination (substitute)": reverse("nomination_detail", args=[nomination.pk]),
        "conference registrations": reverse("registration_list", args=[conference.pk]),
        "calendar feeds": reverse("feed_list", args=[program.code]),
        "new meeting": reverse("meeting_create", args=[program.code]),
        "meeting edit": reverse("meeting_edit", args=[meeting.pk]),
        "new action item": reverse("action_item_create", args=[meeting.pk]),
        "action item edit": reverse("action_item_edit", args=[action.pk]),
    }


@pytest.mark.parametrize("username", ["coordinator", "liaison_a"])
def test_no_page_with_a_form_has_a_select_of_more_than_100_options(
    request, as_user, username, pages
):
    client = as_user(request.getfixturevalue(username))
    seen_pickers = 0
    for page, url in pages.items():
        response = client.get(url)
        if response.status_code == 403:  # a form the liaison is not given
            continue
        assert response.status_code == 200, (page, response.status_code)
        html = response.content.decode()
        seen_pickers += html.count("data-picker ")
        too_long = [(name, n) for name, n in select_sizes(html) if n > MAX_OPTIONS]
        assert too_long == [], (page, too_long)
    assert seen_pickers >= (9 if username == "coordinator" else 3)
