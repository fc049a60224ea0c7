"""The fields of a conference that its organisers set are listed once (``CONFERENCE_FIELDS``,
next to the model): the services, the form and the API schemas that carry a conference carry
exactly those."""

import pytest

from nonprolif.events.conference.domain.conferences import create_conference, update_conference
from nonprolif.events.conference.forms import ConferenceForm
from nonprolif.events.conference.schemas import ConferenceIn, ConferenceOut, ConferencePatch
from nonprolif.events.models import CONFERENCE_FIELDS, Conference


def test_conference_fields_are_fields_of_the_model():
    model_fields = {field.name for field in Conference._meta.get_fields()}
    assert set(CONFERENCE_FIELDS) <= model_fields


def test_conference_form_carries_the_conference_fields_in_order():
    assert list(ConferenceForm.base_fields) == list(CONFERENCE_FIELDS)


def test_conference_schemas_carry_the_conference_fields_in_order():
    assert list(ConferenceIn.model_fields) == list(CONFERENCE_FIELDS)
    assert list(ConferencePatch.model_fields) == list(CONFERENCE_FIELDS)
    assert set(CONFERENCE_FIELDS) <= set(ConferenceOut.model_fields)


def test_conference_services_take_only_the_conference_fields():
    with pytest.raises(TypeError, match="unexpected fields: rooms"):
        create_conference(actor=None, program=None, rooms=[])
    with pytest.raises(TypeError, match="unexpected fields: program"):
        update_conference(actor=None, conference=None, program=None)
