"""The access matrix: every role x agency x clearance against every classification x
releasability x originator x status, on every surface that shows reports or what derives from
them, compared with the independent oracle of ``matrix.py``: zero differences. Per-object
surfaces are checked on hypothesis-drawn (user, report) pairs as well."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.intel.models import IntelReport

from .matrix import build_world, may_read, readable

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"\bM-\d{3}\b")


@pytest.fixture
def world():
    return build_world()


def differences(world, surface):
    """[(user, missing, extra)] where ``surface(user)`` (a set of references) differs from the
    oracle."""
    found = []
    for user in world.users:
        expected = readable(world, user)
        got = surface(user)
        if got != expected:
            found.append((user.username, sorted(expected - got), sorted(got - expected)))
    return found


def test_the_selector(world):
    def selector(user):
        return set(IntelReport.objects.visible_to(user).values_list("reference", flat=True))

    assert differences(world, selector) == []


def pages(client, url, **params):
    """The references on every page of a paginated list."""
    seen, page = set(), 1
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        found = set(REFERENCE.findall(response.content.decode()))
        seen |= found
        if not response.context["page"].has_next():
            return seen
        page += 1


def test_the_list_page(world, client):
    def listed(user):
        client.force_login(user)
        return pages(client, reverse("intel_report_list"))

    assert differences(world, listed) == []


def test_the_report_page(world, client):
    @settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(user=st.sampled_from(world.users), report=st.sampled_from(world.reports))
    def check(user, report):
        client.force_login(user)
        status = client.get(reverse("intel_report_detail", args=[report.pk])).status_code
        assert status == (200 if may_read(user, report) else 404), (user.username, report.reference)

    check()
