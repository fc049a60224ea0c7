"""A time in an e-mail is never followed by a full stop: the English format ends in "p.m.",
and "3:13 p.m.." reads as a typo (the Spanish one is 24-hour, "15:13")."""

import datetime
import re
import zoneinfo
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATES = [
    f"emails/{name}.{kind}"
    for name in ("speaker_invitation", "speaker_reminder")
    for kind in ("txt", "html")
]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("language", ["en", "es-mx"])
def test_an_afternoon_expiry_is_not_followed_by_a_full_stop(template, language):
    context = {
        "speaker": SimpleNamespace(name="Ana Pérez", topic="Export control"),
        "conference": SimpleNamespace(
            title="WMD conference",
            city="Cancún",
            start_date=datetime.date(2009, 11, 3),
            end_date=datetime.date(2009, 11, 5),
        ),
        "url": "https://example.org/s/x/",
        "expires_at": datetime.datetime(
            2009, 10, 28, 15, 13, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City")
        ),
    }
    with translation.override(language):
        body = render_to_string(template, context)
    assert "3:13 p.m.;" in body if language == "en" else "15:13;" in body, body
    assert not re.search(r"m\.\.", body), body
