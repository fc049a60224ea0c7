"""The access rule itself: clearance ≥ classification AND (originator OR effective release of
a published report). No role widens it."""

import pytest

from nonprolif.core.roles import Role
from nonprolif.intel.models import (
    IntelReport,
    ReleaseState,
    ReportRelease,
    ReportStatus,
)

from .conftest import ReportFactory, analyst, level

pytestmark = pytest.mark.django_db


def visible(user):
    return set(IntelReport.objects.visible_to(user).values_list("reference", flat=True))


def test_originator_releasability_and_clearance(
    agency_a, agency_b, analyst_a, analyst_b, analyst_b_low
):
    ReportFactory(reference="OWN", originator=agency_a)
    ReportFactory(reference="REL", originator=agency_a, released_to=[agency_b])
    ReportFactory(
        reference="SECRET", originator=agency_a, released_to=[agency_b], classification=level("S")
    )
    ReportFactory(
        reference="DRAFT", originator=agency_a, released_to=[agency_b], status=ReportStatus.DRAFT
    )
    assert visible(analyst_a) == {"OWN", "REL", "SECRET", "DRAFT"}
    assert visible(analyst_b) == {"REL", "SECRET"}
    assert visible(analyst_b_low) == set()


def test_pending_partner_release_is_not_effective(agency_a, partner_agency, partner_analyst):
    report = ReportFactory(reference="P", originator=agency_a)
    release = ReportRelease.objects.create(
        report=report, agency=partner_agency, state=ReleaseState.PENDING
    )
    assert visible(partner_analyst) == set()
    release.state = ReleaseState.EFFECTIVE
    release.save()
    assert visible(partner_analyst) == {"P"}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.AUDITOR, Role.ADMINISTRATOR])
def test_no_role_sees_everything(agency_a, agency_b, role):
    ReportFactory(reference="X", originator=agency_a)
    user = analyst(f"u-{role}", agency_b, "S", roles=[role])
    user.is_superuser = True
    user.save()
    assert visible(user) == set()


def test_no_clearance_or_no_agency_sees_nothing(agency_a):
    ReportFactory(reference="X", originator=agency_a, classification=level("U"))
    assert visible(analyst("nocl", agency_a, None)) == set()
    assert visible(analyst("noag", None, "S")) == set()
