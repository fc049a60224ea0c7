"""Fixtures of the exchange tests: a published CONFIDENTIAL report of agency A, released to
agency B and to the partner, with its place, taxonomy and one entity of every kind; the
validator's verdict on a bundle; and a bundle as a partner's own deployment sends it."""

import copy
import datetime
import json
import re

import pytest
from stix2validator import ValidationOptions, validate_string

from nonprolif.intel.models import (
    CbrnCategory,
    EntityAlias,
    EntityKind,
    LinkRole,
    Material,
    ReportType,
    Tlp,
)
from tests.intel.conftest import EntityFactory, ReportFactory, level, link


def validation_errors(text: str) -> list[str]:
    """The validator's errors on a serialized bundle (none: it is valid STIX 2.1)."""
    result = validate_string(text, ValidationOptions(version="2.1"))
    errors = [str(error) for error in result.errors] if hasattr(result, "errors") else []
    for obj in getattr(result, "object_results", []):
        errors.extend(str(error) for error in obj.errors)
    assert result.is_valid == (not errors)
    return errors


def validation_warnings(text: str) -> list[str]:
    return [
        str(warning) for warning in validate_string(text, ValidationOptions(version="2.1")).warnings
    ]


def as_json(bundle) -> dict:
    return json.loads(bundle.serialize())


#: The identity of a partner's own deployment (no agency of this one).
FOREIGN_IDENTITY = "identity--5f0b7a52-0c4e-4b8e-9a55-0d6f1c2b3a41"


def foreign(data: dict | str, name: str = "Partner Ministry", code: str = "FGN") -> dict:
    """``data`` (an export of this deployment) as a partner's deployment would send it: the
    creator identity and the statement's originator are the partner's, not an agency here."""
    data = copy.deepcopy(json.loads(data) if isinstance(data, str) else data)
    creators = {o["created_by_ref"] for o in data["objects"] if o["type"] == "report"}
    text = json.dumps(data)
    for creator in creators:
        text = text.replace(creator, FOREIGN_IDENTITY)
    data = json.loads(text)
    for obj in data["objects"]:
        if obj["id"] == FOREIGN_IDENTITY:
            obj["name"] = name
        if obj.get("definition_type") == "statement":
            statement = obj["definition"]["statement"]
            obj["definition"]["statement"] = re.sub(
                r"ORIGINATOR: \S+ //", f"ORIGINATOR: {code} //", statement
            )
    return data


@pytest.fixture
def taxonomy(db):
    category = CbrnCategory.objects.create(code="chem", name_es="Químico", name_en="Chemical")
    material = Material.objects.create(
        category=category, code="dmmp", name_es="DMMP", name_en="DMMP", cas_number="756-79-6"
    )
    return category, material


@pytest.fixture
def full_report(agency_a, agency_b, partner_agency, analyst_a, taxonomy):
    category, material = taxonomy
    report = ReportFactory(
        originator=agency_a,
        author=analyst_a,
        title_es="Pedido de precursor reportado por un proveedor",
        title_en="Precursor order reported by a supplier",
        body_es="Un proveedor reporta un pedido de DMMP.",
        body_en="A supplier reports an order of DMMP.",
        report_type=ReportType.SUSPICIOUS_PROCUREMENT,
        classification=level("C"),
        tlp=Tlp.AMBER_STRICT,
        cbrn_category=category,
        material=material,
        quantity="200 kg",
        country="MX",
        state="Nuevo León",
        municipality="Monterrey",
        latitude="25.68660",
        longitude="-100.31610",
        event_date=datetime.date(2009, 3, 14),
        source_reliability="B",
        information_credibility="2",
        itdb_group="II",
        tags=["precursor", "frontera"],
        released_to=[agency_b, partner_agency],
    )
    company = EntityFactory(
        name="Químicos del Norte S.A. de C.V.",
        owner=agency_a,
        country="MX",
        identifier="QNO010101AB1",
        description="Distribuidora de químicos industriales.",
    )
    EntityAlias.objects.create(entity=company, name="QuimNorte")
    person = EntityFactory(kind=EntityKind.PERSON, name="Juan Pérez López", owner=agency_a)
    vessel = EntityFactory(kind=EntityKind.VESSEL, name="MV Estrella del Golfo", owner=agency_a)
    EntityAlias.objects.create(entity=vessel, name="Estrella")
    address = EntityFactory(
        kind=EntityKind.ADDRESS, name="Av. Industrial 120, Monterrey", owner=agency_a, country="MX"
    )
    agent = EntityFactory(
        kind=EntityKind.MATERIAL,
        name="Metilfosfonato de dimetilo",
        owner=agency_a,
        identifier="756-79-6",
    )
    link(report, company, LinkRole.SUPPLIER)
    link(report, person, LinkRole.SUBJECT)
    link(report, vessel, LinkRole.CARRIER)
    link(report, address, LinkRole.LOCATION)
    link(report, agent, LinkRole.SUBJECT)
    return report


@pytest.fixture(autouse=True)
def _in_english(english):
    """The services' messages in English (the tests read them)."""
    return english
