"""Fixtures of the coordination tests: a decision and action items on the August meeting
(agency A and the partner took part; agency B did not)."""

import datetime

import pytest

from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.coordination.domain.decisions import create_decision


@pytest.fixture
def decision(coordinator, meeting):
    return create_decision(
        actor=coordinator, meeting=meeting, text_es="Se acepta el modelo", text_en="Model adopted"
    )


@pytest.fixture
def make_item(coordinator, meeting, agency_a):
    def make(**fields):
        values = {
            "title_es": "Enviar la lista",
            "title_en": "Send the list",
            "owner_agency": agency_a,
            "due_date": datetime.date(2009, 9, 15),
        }
        values.update(fields)
        return create_action_item(actor=coordinator, meeting=meeting, **values)

    return make


@pytest.fixture
def item(make_item, official_a, decision):
    return make_item(owner_official=official_a, decision=decision)
