"""The report list and page show only what the access rule lets through; the rest is 404."""

import pytest
from django.urls import reverse

from tests.intel.conftest import ReportFactory, level

pytestmark = pytest.mark.django_db


def test_list_shows_only_visible_reports(as_user, agency_a, agency_b, analyst_b):
    ReportFactory(reference="SEEN-1", originator=agency_a, released_to=[agency_b])
    ReportFactory(reference="HIDDEN-1", originator=agency_a)
    ReportFactory(
        reference="HIDDEN-2",
        originator=agency_a,
        released_to=[agency_b],
        classification=level("S"),
        title_es="Palabra secreta",
    )
    analyst_b.clearance = level("C")
    analyst_b.save()
    body = as_user(analyst_b).get(reverse("intel_report_list")).content.decode()
    assert "SEEN-1" in body
    assert "HIDDEN-1" not in body
    assert "HIDDEN-2" not in body


def test_detail_is_404_for_hidden_and_missing(as_user, agency_a, analyst_a, analyst_b):
    report = ReportFactory(originator=agency_a, title_es="Envío sospechoso")
    url = reverse("intel_report_detail", args=[report.pk])
    assert as_user(analyst_a).get(url).status_code == 200
    client = as_user(analyst_b)
    hidden = client.get(reverse("intel_report_detail", args=[report.pk]))
    missing = client.get(reverse("intel_report_detail", args=[report.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
