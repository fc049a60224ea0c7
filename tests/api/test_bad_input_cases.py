"""The bad input of issue 9, each answered 4xx naming the field, writing nothing: bounds on every
list's limit and offset, null where the column takes none, names that show nothing or hide
characters, NUL in web forms and query strings, integers beyond their column (PostgreSQL)."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from nonprolif.api.schema import COMMITTED
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import Official
from nonprolif.program.models import ProposalItem
from tests.factories import OfficialFactory, ProposalFactory, ProposalItemFactory

API = "/api/v1"
TOO_BIG = 2**63
DOCUMENT = json.loads(COMMITTED.read_text())
LISTS = sorted(
    path.removeprefix(API)
    for path, operations in DOCUMENT["paths"].items()
    if any(p["name"] == "offset" for p in operations.get("get", {}).get("parameters", []))
)
INVISIBLE_NAMES = [
    "   ",
    "\u200b",
    "\u200b \u2060",
    "\ufeff",
    "\u202e\u202d",
    "\u00a0\u3000",
    "Ana\u202eanirom",  # a right-to-left override inside a name that shows something
    "Ana\x07",
    "Ana\nMaría",
]


@pytest.fixture
def client(coordinator):
    _token, raw = issue_token(user=coordinator, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def official(agency_a):
    return OfficialFactory(agency=agency_a, position="Analyst")


def send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def fields(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["detail"]]


def with_any_ids(path: str) -> str:
    """The path with every parameter filled (the query is refused before the view runs)."""
    return re.sub(r"\{[a-z_]*(id|key)\}", "1", re.sub(r"\{(code|agency_code)\}", "x", path))


def test_every_list_is_found():
    assert len(LISTS) >= 15
    assert "/officials" in LISTS
    assert "/programs" in LISTS


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"offset": TOO_BIG}, "offset"),
        ({"offset": -1}, "offset"),
        ({"limit": 10**6}, "limit"),
        ({"limit": TOO_BIG * 4}, "limit"),
        ({"limit": 0}, "limit"),
    ],
)
def test_every_list_bounds_its_limit_and_offset(client, path, query, field):
    assert fields(client.get(f"{API}{with_any_ids(path)}", query)) == [field]


def test_every_list_documents_its_largest_page():
    for path in LISTS:
        [limit] = [
            p
            for p in DOCUMENT["paths"][f"{API}{path}"]["get"]["parameters"]
            if p["name"] == "limit"
        ]
        assert limit["schema"]["maximum"] == 100, path


def test_null_for_a_column_that_takes_none_is_a_422_naming_it(client, official):
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", {"position": None})
    assert fields(response) == ["position"]
    official.refresh_from_db()
    assert official.position == "Analyst"


def _patch_schemas():
    from nonprolif.core.api import OfficialPatch
    from nonprolif.events.conference.schemas import ConferencePatch, RoomPatch, TalkPatch
    from nonprolif.events.coordination.schemas import ActionItemPatch, MeetingDecisionPatch
    from nonprolif.events.meetings.schemas import MeetingPatch
    from nonprolif.events.models import (
        ActionItem,
        Conference,
        Meeting,
        MeetingDecision,
        Room,
        Talk,
    )
    from nonprolif.program.models import Program, Proposal
    from nonprolif.program.schemas import ItemPatch, ProgramPatch, ProposalPatch
    from nonprolif.training.calendar.schemas import SessionPatch
    from nonprolif.training.models import Session

    return [
        (OfficialPatch, Official),
        (SessionPatch, Session),
        (ProgramPatch, Program),
        (ItemPatch, ProposalItem),
        (ProposalPatch, Proposal),
        (ConferencePatch, Conference),
        (RoomPatch, Room),
        (TalkPatch, Talk),
        (MeetingPatch, Meeting),
        (MeetingDecisionPatch, MeetingDecision),
        (ActionItemPatch, ActionItem),
    ]


def test_no_patch_field_allows_null_where_its_column_takes_none():
    """Every PATCH schema against its model: a field whose column is NOT NULL refuses null
    (in the code and so in the document)."""
    allowing_null = []
    for schema, model in _patch_schemas():
        for name, field in schema.model_fields.items():
            columns = [f for f in model._meta.concrete_fields if f.name == name]
            if (
                columns
                and not columns[0].null
                and type(None) in getattr(field.annotation, "__args__", ())
            ):
                allowing_null.append(f"{schema.__name__}.{name}")
    assert allowing_null == []


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
def test_a_name_that_shows_nothing_or_hides_characters_is_refused_by_the_api(
    client, agency_a, official, name
):
    body = {"agency": agency_a.code, "given_names": name, "family_names": "Pérez"}
    assert fields(send(client, "POST", f"{API}/officials", body)) == ["given_names"]
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", {"family_names": name})
    assert fields(response) == ["family_names"]
    assert Official.objects.count() == 1
    official.refresh_from_db()
    assert official.family_names != name


@pytest.mark.parametrize("name", ["\u200b", "   \u3000", "Ana\u202e"])
def test_a_name_that_shows_nothing_is_refused_by_the_web_form(as_user, coordinator, agency_a, name):
    response = as_user(coordinator).post(
        reverse("official_create"),
        {"agency": agency_a.pk, "given_names": "Ana", "family_names": name, "language": "es-mx"},
    )
    assert response.status_code in (200, 400)
    assert "family_names" in response.context["form"].errors
    assert not Official.objects.exists()


def test_a_title_that_shows_nothing_is_refused_for_a_proposal_item(client, program):
    proposal = ProposalFactory(program=program)
    item = ProposalItemFactory(proposal=proposal, number=1)
    response = send(client, "PATCH", f"{API}/items/{item.pk}", {"title_en": "\u200b\u200b"})
    assert response.status_code in (403, 409, 422)
    item.refresh_from_db()
    assert ProposalItem.objects.get(pk=item.pk).title_en == item.title_en != "\u200b\u200b"


def test_a_nul_in_a_web_form_is_a_400_naming_the_field_and_writes_nothing(
    as_user, coordinator, agency_a
):
    response = as_user(coordinator).post(
        reverse("official_create"),
        {"agency": agency_a.pk, "given_names": "Ana\x00", "family_names": "Pérez"},
    )
    assert response.status_code == 400
    assert "given_names" in response.content.decode()
    assert not Official.objects.exists()


def test_a_nul_in_a_web_query_string_is_a_400_naming_it(as_user, coordinator):
    response = as_user(coordinator).get(reverse("official_list"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert re.search(r"[«“]q[»”]", response.content.decode())  # es-MX or en


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite stores any 64-bit integer")
def test_an_integer_beyond_its_column_is_a_422_naming_it_on_postgresql(client, program):
    proposal = ProposalFactory(program=program)
    item = ProposalItemFactory(proposal=proposal, number=1)
    response = send(client, "PATCH", f"{API}/items/{item.pk}", {"number": 2**40})
    assert response.status_code in (403, 409, 422)
    if response.status_code == 422:
        assert fields(response) == ["number"]
    item.refresh_from_db()
    assert item.number == 1
