"""A visit's meeting (its follow-ups) takes the visit's access: a user of the visiting agency
whose role was revoked reads neither the meeting nor its items; the visiting agency's
liaison, who owns the follow-ups, does."""

import datetime

import pytest
from django.urls import reverse

from nonprolif.core.roles import Role
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import ActionItem, Meeting
from tests.factories import UserFactory
from tests.outreach.factories import StakeholderFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(program, agency_a):
    stakeholder = StakeholderFactory(
        program=program, responsible_agency=agency_a, name="Hospital Regional con fuente Cs-137"
    )
    return VisitFactory(stakeholder=stakeholder)


def test_a_revoked_user_of_the_visiting_agency_reads_no_visit_meeting(
    visit, agency_a, coordinator, as_user
):
    item = create_action_item(
        actor=coordinator,
        meeting=visit.meeting,
        title_es="Revisar bitácora",
        title_en="Review the log",
        owner_agency=agency_a,
        due_date=datetime.date(2010, 4, 30),
    )
    revoked = UserFactory(username="revoked_a", agency=agency_a, roles=[])
    client = as_user(revoked)
    for url in (
        reverse("outreach_visit_detail", args=[visit.pk]),
        reverse("meeting_detail", args=[visit.meeting.pk]),
        reverse("action_item_detail", args=[item.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert not Meeting.objects.visible_to(revoked).filter(pk=visit.meeting.pk).exists()
    liaison = UserFactory(username="liaison_visit_a", agency=agency_a, roles=[Role.LIAISON])
    assert ActionItem.objects.visible_to(liaison).get() == item
