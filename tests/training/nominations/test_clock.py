"""The nomination window follows the demo clock: on NONPROLIF_TODAY inside a 2009 window a
liaison nominates, though the window closed years ago on the real clock."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.domain.nominations import NominationInput, nominate
from nonprolif.training.nominations.domain.seats import save_item_settings

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


@pytest.fixture
def window_2009(coordinator, program, training):
    return save_item_settings(
        actor=coordinator,
        program=program,
        item=training,
        nomination_opens=datetime.datetime(2009, 9, 14, 9, 0, tzinfo=MEXICO),
        nomination_closes=datetime.datetime(2009, 10, 16, 18, 0, tzinfo=MEXICO),
    )


def test_nominations_are_taken_on_a_fixed_date_inside_the_window(
    settings, window_2009, liaison_a, program, training, official_a
):
    settings.NONPROLIF_TODAY = datetime.date(2009, 10, 5)
    assert window_2009.window_state() == "open"
    nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_a))
    nomination = Nomination.objects.get()
    assert nomination.submitted_at.astimezone(MEXICO).date() == datetime.date(2009, 10, 5)


@pytest.mark.parametrize(
    ("today", "state", "word"),
    [
        (datetime.date(2009, 9, 1), "not_open_yet", "open on"),
        (datetime.date(2009, 10, 19), "closed", "closed"),
    ],
)
def test_nominations_are_refused_on_a_fixed_date_outside_the_window(
    settings, window_2009, liaison_a, program, training, official_a, today, state, word
):
    settings.NONPROLIF_TODAY = today
    assert window_2009.window_state() == state
    with pytest.raises(ValidationError) as error:
        nominate(actor=liaison_a, program=program, item=training, data=NominationInput(official_a))
    assert word in error.value.message_dict["__all__"][0]
    assert not Nomination.objects.exists()
