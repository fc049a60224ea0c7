"""Every list of the API is paginated, with a page size of at most 100 that the API enforces:
read from the OpenAPI document, so that a new list endpoint is covered (or fails here) on its
own."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from nonprolif.api.schema import render_openapi
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import ClassificationLevel
from nonprolif.events.models import Conference
from nonprolif.intel.models import Entity, IntelReport, ReportEntity
from nonprolif.screening.lists.domain import import_list
from nonprolif.screening.models import Alert
from tests.factories import (
    MeetingFactory,
    OfficialFactory,
    ProposalFactory,
    ProposalItemFactory,
)
from tests.preparedness.factories import ExerciseFactory
from tests.screening.factories_batches import BatchFactory, ScreenedPartyFactory

API = "/api/v1"
MAX = 100
UN_SAMPLE = Path(__file__).parents[2] / "src/nonprolif/screening/fixtures/lists/un.xml"


def _document() -> dict:
    return json.loads(render_openapi())


def _response_schema(document: dict, operation: dict) -> dict:
    content = operation["responses"].get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref")
    if ref:
        return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return schema


def _is_page(schema: dict) -> bool:
    properties = schema.get("properties", {})
    return properties.get("items", {}).get("type") == "array" and "count" in properties


def list_operations() -> list[str]:
    """The paths of every GET that answers a list (a bare array or a page of items)."""
    document = _document()
    found = []
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        schema = _response_schema(document, operation)
        if schema.get("type") == "array" or _is_page(schema):
            found.append(path)
    return sorted(found)


LISTS = list_operations()


def test_the_setting_is_the_documented_maximum():
    assert settings.NINJA_PAGINATION_MAX_LIMIT == MAX
    assert len(LISTS) >= 25  # the document was read: every list of the API is here


@pytest.mark.parametrize("path", LISTS)
def test_every_list_is_a_page_with_a_limit_of_at_most_100(path):
    document = _document()
    operation = document["paths"][path]["get"]
    schema = _response_schema(document, operation)
    assert _is_page(schema), f"{path} answers a bare list: paginate it"
    limits = [p for p in operation.get("parameters", []) if p["name"] == "limit"]
    assert limits, f"{path} takes no limit"
    assert limits[0]["schema"].get("maximum") == MAX, limits[0]


@pytest.fixture
def real_ids(program, agency_a, partner_agency, coordinator):
    """A real row for every path parameter of a list."""
    meeting = MeetingFactory(program=program, date=datetime.date(2009, 8, 28))
    meeting.agencies.set([agency_a, partner_agency])
    proposal = ProposalFactory(program=program, submitted_by=partner_agency)
    item = ProposalItemFactory(proposal=proposal, number=1)
    conference = Conference.objects.create(
        program=program,
        acronym="wmd-cancun-2009",
        title_es="Conferencia",
        title_en="Conference",
        city="Cancún",
        host_agency=agency_a,
        start_date=datetime.date(2009, 11, 18),
        end_date=datetime.date(2009, 11, 20),
    )
    coordinator.clearance = ClassificationLevel.objects.order_by("-rank").first()
    coordinator.save()
    report = IntelReport.objects.create(
        reference="AAA-2009-0001",
        title_es="Informe",
        report_type="seizure",
        classification=coordinator.clearance,
        originator=agency_a,
        author=coordinator,
    )
    entity = Entity.objects.create(kind="organisation", name="Empresa", owner=agency_a)
    ReportEntity.objects.create(report=report, entity=entity, role="supplier")
    snapshot = import_list(
        source="un", data=UN_SAMPLE.read_bytes(), file_name="un.xml", actor=coordinator
    )
    batch = BatchFactory(agency=agency_a)
    party = ScreenedPartyFactory(batch=batch)
    alert = Alert.objects.create(
        batch=batch,
        agency=agency_a,
        party=party,
        entry=snapshot.watchlist.entries.first(),
        entry_version="v1",
        score=0.9,
    )
    exercise = ExerciseFactory(program=program)
    return {
        "exercise_id": exercise.pk,
        "list_code": snapshot.watchlist.code,
        "snapshot_id": snapshot.pk,
        "batch_id": batch.pk,
        "alert_id": alert.pk,
        "report_id": report.pk,
        "entity_id": entity.pk,
        "code": program.code,
        "meeting_id": meeting.pk,
        "proposal_id": proposal.pk,
        "item_id": item.pk,
        "conference_id": conference.pk,
    }


def test_a_page_never_holds_more_than_100(coordinator, agency_a):
    OfficialFactory.create_batch(MAX + 20, agency=agency_a)
    client = bearer(coordinator)
    officials = client.get(f"{API}/officials", {"limit": MAX})
    assert officials.status_code == 200
    body = officials.json()
    assert body["count"] > MAX
    assert len(body["items"]) == MAX
    rest = client.get(f"{API}/officials", {"limit": MAX, "offset": MAX}).json()
    assert len(rest["items"]) == body["count"] - MAX
    assert not {o["id"] for o in rest["items"]} & {o["id"] for o in body["items"]}


# Lists only administrators read (the others answer them 403).
ADMINISTRATORS_ONLY = {"/api/v1/accounts", "/api/v1/grants"}


def bearer(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.parametrize("path", LISTS)
def test_a_limit_over_100_is_refused_naming_the_field(coordinator, administrator, real_ids, path):
    url = API + path.removeprefix("/api/v1").format(**real_ids)
    client = bearer(administrator if path in ADMINISTRATORS_ONLY else coordinator)
    fine = client.get(url, {"limit": MAX})
    assert fine.status_code == 200, (url, fine.content[:300])
    assert len(fine.json()["items"]) <= MAX
    for limit in (MAX + 1, 1000, 50000):
        refused = client.get(url, {"limit": limit})
        assert refused.status_code == 422, (url, limit)
        assert "limit" in json.dumps(refused.json()["detail"]), refused.json()
