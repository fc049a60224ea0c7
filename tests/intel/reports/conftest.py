"""Fixtures of the reports tests: materials under the default CBRN categories, and a report
written through the service."""

import pytest

from nonprolif.intel.models import CbrnCategory, Material, ReportType
from nonprolif.intel.reports.domain import create_report


@pytest.fixture
def cesium(db):
    return Material.objects.create(
        category=CbrnCategory.objects.get(code="RAD"),
        code="CS137",
        name_es="Cesio-137",
        name_en="Caesium-137",
    )


@pytest.fixture
def dmmp(db):
    return Material.objects.create(
        category=CbrnCategory.objects.get(code="CHEM"),
        code="DMMP",
        name_es="Metilfosfonato de dimetilo",
        name_en="Dimethyl methylphosphonate",
    )


def fields(**overrides):
    values = {
        "title_es": "Compra sospechosa de válvulas",
        "title_en": "Suspicious valve purchase",
        "body_es": "Una empresa pidió válvulas de doble uso.",
        "report_type": ReportType.SUSPICIOUS_PROCUREMENT,
        "classification": "C",
    }
    values.update(overrides)
    return values


def write(actor, **overrides):
    return create_report(actor=actor, **fields(**overrides))
