"""Fixtures of the nomination tests: the shared program's calendar (4 cohorts of 50 for every
agency, a senior session for AAA and one for BBB), its nomination items, and helpers to
nominate quickly."""

import datetime

import pytest
from django.utils import timezone

from nonprolif.core.models import Seniority
from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.queries import nomination_items
from tests.factories import OfficialFactory

T0 = timezone.make_aware(datetime.datetime(2009, 9, 14, 9, 0))


@pytest.fixture
def items(calendar, program):
    """{"training": item, "senior": item} of the accepted calendar."""
    found = {("senior" if item.senior else "training"): item for item in nomination_items(program)}
    return found


@pytest.fixture
def training(items):
    return items["training"]


@pytest.fixture
def senior(items):
    return items["senior"]


@pytest.fixture
def make_nomination(program, coordinator):
    """``make_nomination(official, item, minute=0, status="approved", **fields)``."""

    def make(official, item, minute=0, status=NominationStatus.APPROVED, **fields):
        at = T0 + datetime.timedelta(minutes=minute)
        return Nomination.objects.create(
            program=program,
            item_key=item.key,
            official=official,
            agency=official.agency,
            status=status,
            order_at=at,
            submitted_at=at,
            submitted_by=coordinator,
            **fields,
        )

    return make


@pytest.fixture
def officials_of():
    """``officials_of(agency, n, senior=False, **fields)``: n new officials."""

    def make(agency, n, senior=False, **fields):
        return [
            OfficialFactory(
                agency=agency,
                seniority=Seniority.SENIOR if senior else Seniority.WORKING,
                **fields,
            )
            for _ in range(n)
        ]

    return make


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the source language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
