"""Every CSV the product answers starts with the UTF-8 byte order mark (Excel reads it as
UTF-8 only then), and every XLSX opens; the API's exports are scoped like the pages'.

The URLs are collected from the resolver (every route ending in ``.csv`` or taking a file
``kind``) and from the OpenAPI document (every operation that answers ``text/csv``): a new
CSV export without an example here fails ``test_every_csv_url_has_an_example``."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from nonprolif.core.spreadsheets import BOM
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.registrations.domain import register_official, set_quota
from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.queries import nomination_items
from tests.events.conftest import meeting, official_ptr  # noqa: F401 (fixtures)
from tests.events.speakers.conftest import make_conference
from tests.exports import xlsx_rows
from tests.outreach.factories import VisitFactory
from tests.preparedness.factories import ExerciseFactory, InjectFactory
from tests.screening.factories_review import AlertForReviewFactory
from tests.test_login_required import ROUTES
from tests.training.conftest import (  # noqa: F401 (fixtures)
    accept,
    attend,
    calendar,
    enrolled,
    first_cohort,
    official_a,
    official_b,
    proposal,
    senior_item,
    trained,
    training_item,
)

API = "/api/v1"


def csv_route_names() -> set[str]:
    return {
        name for route, name, _callback in ROUTES if route.endswith(".csv") or "<str:kind>" in route
    }


def csv_api_paths() -> set[str]:
    document = json.loads(Client().get(f"{API}/openapi.json").content)
    found = set()
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            for answer in operation.get("responses", {}).values():
                content = answer.get("content", {})
                # A stored file's download (any allowed type, PDF included) is not an export.
                if "text/csv" in content and "application/pdf" not in content:
                    found.add(path)
    return found


@pytest.fixture
def world(trained, coordinator, program, agency_a, official_a, meeting):  # noqa: F811
    """A nomination, attendance and a certificate, a registration, an action item, a
    screening batch with an alert."""
    item = next(i for i in nomination_items(program) if not i.senior)
    Nomination.objects.create(
        program=program, item_key=item.key, official=official_a, agency=agency_a
    )
    issue_certificates(actor=coordinator, session=trained)
    conference = make_conference(program, agency_a)
    set_quota(actor=coordinator, conference=conference, agency=agency_a, seats=2)
    register_official(actor=coordinator, conference=conference, official=official_a)
    create_action_item(
        actor=coordinator,
        meeting=meeting,
        title_es="Enviar la lista",
        title_en="Send the list",
        owner_agency=agency_a,
        due_date=trained.start,
    )
    alert = AlertForReviewFactory(batch__agency=agency_a)
    VisitFactory(stakeholder__program=program, stakeholder__responsible_agency=agency_a)
    exercise = ExerciseFactory(program=program)
    InjectFactory(exercise=exercise, number=1)
    return {
        "program": program,
        "item": item,
        "session": trained,
        "conference": conference,
        "batch": alert.batch,
        "exercise": exercise,
    }


# name → the URL of a CSV of it, from the world
EXAMPLES = {
    "calendar_csv": lambda w: reverse("calendar_csv", args=[w["program"].code]),
    "program_nominations_export": lambda w: reverse(
        "program_nominations_export", args=[w["program"].code, "csv"]
    ),
    "item_nominations_export": lambda w: reverse(
        "item_nominations_export", args=[w["program"].code, w["item"].key, "csv"]
    ),
    "nominations_upload_template": lambda w: reverse(
        "nominations_upload_template", args=[w["program"].code, w["item"].key, "csv"]
    ),
    "session_attendance_export": lambda w: reverse(
        "session_attendance_export", args=[w["session"].pk, "csv"]
    ),
    "program_attendance_export": lambda w: reverse(
        "program_attendance_export", args=[w["program"].code, "csv"]
    ),
    "certificate_export": lambda w: reverse("certificate_export", args=[w["program"].code, "csv"]),
    "registration_export": lambda w: reverse(
        "registration_export", args=[w["conference"].pk, "csv"]
    ),
    "action_item_export": lambda w: reverse("action_item_export", args=[w["program"].code, "csv"]),
    "audit_log": lambda w: reverse("audit_log") + "?format=csv",
    "screening_batch_export": lambda w: reverse(
        "screening_batch_export", args=[w["batch"].pk, "csv"]
    ),
    "outreach_stakeholder_export": lambda w: reverse("outreach_stakeholder_export", args=["csv"]),
    "outreach_visit_export": lambda w: reverse("outreach_visit_export", args=["csv"]),
    "preparedness_msel_export": lambda w: reverse(
        "preparedness_msel_export", args=[w["exercise"].pk, "csv"]
    ),
}
API_EXAMPLES = {
    "/api/v1/programs/{code}/nominations/export": lambda w: (
        f"{API}/programs/{w['program'].code}/nominations/export"
    ),
    "/api/v1/sessions/{session_id}/attendance/export": lambda w: (
        f"{API}/sessions/{w['session'].pk}/attendance/export"
    ),
    "/api/v1/programs/{code}/attendance/export": lambda w: (
        f"{API}/programs/{w['program'].code}/attendance/export"
    ),
    "/api/v1/programs/{code}/certificates/export": lambda w: (
        f"{API}/programs/{w['program'].code}/certificates/export"
    ),
    "/api/v1/conferences/{conference_id}/registrations/export": lambda w: (
        f"{API}/conferences/{w['conference'].pk}/registrations/export"
    ),
    "/api/v1/programs/{code}/action-items/export": lambda w: (
        f"{API}/programs/{w['program'].code}/action-items/export"
    ),
    "/api/v1/outreach/stakeholders/export": lambda w: f"{API}/outreach/stakeholders/export",
}


def test_every_csv_url_has_an_example():
    assert csv_route_names() <= set(EXAMPLES), csv_route_names() - set(EXAMPLES)
    assert csv_api_paths() == set(API_EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES) + sorted(API_EXAMPLES))
def test_every_csv_starts_with_the_bom(as_user, coordinator, auditor, world, name):
    url = (EXAMPLES.get(name) or API_EXAMPLES[name])(world)
    user = auditor if name == "audit_log" else coordinator
    response = as_user(user).get(url)
    content = response.getvalue()
    assert content.startswith(BOM.encode("utf-8")), name
    assert response["Content-Type"] == "text/csv; charset=utf-8", name
    rows = list(csv.reader(io.StringIO(content.decode("utf-8")[1:])))
    assert len(rows) >= 2, (name, rows)  # a header and at least a row


@pytest.mark.parametrize("path", sorted(API_EXAMPLES))
def test_every_api_export_answers_xlsx(as_user, coordinator, world, path):
    rows = xlsx_rows(as_user(coordinator).get(API_EXAMPLES[path](world), {"format": "xlsx"}))
    assert len(rows) >= 2


@pytest.mark.parametrize("path", sorted(API_EXAMPLES))
def test_an_outsider_gets_404_from_every_api_export(as_user, outsider, world, path):
    assert as_user(outsider).get(API_EXAMPLES[path](world)).status_code == 404


@pytest.mark.parametrize("path", sorted(API_EXAMPLES))
def test_an_unknown_format_is_refused_by_the_api(as_user, coordinator, world, path):
    response = as_user(coordinator).get(API_EXAMPLES[path](world), {"format": "ods"})
    assert response.status_code == 422
