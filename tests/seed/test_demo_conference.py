"""Demo data of the conference: the seeded WMD conference in Cancún shows a published agenda
with the fictional guest speakers proposed by LEGAT."""

import copy
import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from nonprolif.core.models import AuditEntry, User
from nonprolif.events.conference import exports
from nonprolif.events.models import Conference, ScheduleRelease, Speaker, Talk
from nonprolif.seed.demo import load_demo_document
from tests.events.conference.test_exports import schema_errors


def test_the_program_document_seeds_the_cancun_conference_hosted_by_cisen(mx2009):
    conference = Conference.objects.get(program=mx2009)
    assert conference.host_agency.code == "CISEN"
    assert conference.city.startswith("Cancún")
    assert (conference.start_date, conference.end_date) == (
        datetime.date(2009, 11, 18),
        datetime.date(2009, 11, 20),
    )
    assert "Planning assumption" in conference.description_en
    assert "Supuesto de planeación" in conference.description_es
    assert conference.tz_name == "America/Cancun"


def test_the_demo_publishes_v1_with_the_fictional_speakers_proposed_by_legat(demo):
    conference = Conference.objects.get(acronym="adm-cancun-2009")
    speakers = Speaker.objects.filter(conference=conference)
    assert 5 <= speakers.count() <= 6
    for speaker in speakers:
        assert speaker.is_fictional
        assert speaker.proposed_by_agency.code == "LEGAT"
        assert speaker.is_confirmed
        assert speaker.email.endswith(".example")
    release = ScheduleRelease.objects.get(conference=conference)
    assert release.version == 1
    assert len(release.snapshot["talks"]) == Talk.objects.filter(conference=conference).count()
    assert {s["name"] for s in release.snapshot["speakers"]} == set(
        speakers.values_list("name", flat=True)
    )
    assert all(s["fictional"] for s in release.snapshot["speakers"])


def test_the_seeded_agenda_is_shown_to_a_liaison_and_exports_cleanly(demo):
    conference = Conference.objects.get(acronym="adm-cancun-2009")
    liaison = User.objects.get(username="enlace-sedena")
    liaison.set_password("x-test-password")
    liaison.language = "en"
    liaison.save()
    client = Client()
    assert client.login(username="enlace-sedena", password="x-test-password")
    page = client.get(reverse("conference_agenda", args=[conference.pk])).content.decode()
    assert "Margaret A. Holloway" in page
    assert "Version 1" in page
    release = ScheduleRelease.objects.get(conference=conference)
    events = Calendar.from_ical(exports.to_ical(release)).walk("VEVENT")
    assert len(events) == len(release.snapshot["talks"])
    document = json.loads(json.dumps(exports.agenda_document(release)))
    assert schema_errors(document) == []


def test_loading_the_conference_demo_twice_changes_nothing(demo, demo_doc):
    audit_count = AuditEntry.objects.count()
    talks = list(Talk.objects.order_by("pk").values())
    result = load_demo_document(demo_doc)
    assert not result.changed
    assert AuditEntry.objects.count() == audit_count
    assert list(Talk.objects.order_by("pk").values()) == talks
    assert ScheduleRelease.objects.count() == 1


def test_a_conflicting_demo_talk_is_named_and_nothing_is_written(demo, demo_doc):
    talks = demo_doc["conference"]["talks"]
    clash = copy.deepcopy(talks[0])
    clash["title_es"] = "Choque"
    talks.append(clash)
    with pytest.raises(ValidationError) as caught:
        load_demo_document(demo_doc)
    where = f"conference.talks[{len(talks) - 1}]"
    assert "double-booked" in caught.value.message_dict[where][0]
    assert not Talk.objects.filter(title_es="Choque").exists()
