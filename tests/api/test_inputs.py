"""Input the API's schemas let through but nothing can store or read: a 400 or a 422 naming the
field, never a 500 (``nonprolif.api.inputs``)."""

import json

import pytest
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from tests.factories import OfficialFactory

API = "/api/v1"
TOO_BIG = 2**63


@pytest.fixture
def client(coordinator):
    _token, raw = issue_token(user=coordinator, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def official(agency_a):
    return OfficialFactory(agency=agency_a)


def send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def fields(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["detail"]]


@pytest.mark.parametrize("body", [[], [None, None], None, 0, "text"])
def test_a_body_that_is_not_a_json_object_is_a_400(client, official, body):
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_an_object_body_still_works(client, official):
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", {"position": "Chief"})
    assert response.status_code == 200
    assert response.json()["position"] == "Chief"


def test_an_integer_outside_64_bits_in_the_query_is_a_422_naming_it(client):
    assert fields(client.get(f"{API}/officials", {"offset": TOO_BIG})) == ["offset"]


def test_ninja_pagination_offsets_are_guarded_too(client, program):
    response = client.get(f"{API}/programs/{program.code}/proposals", {"offset": TOO_BIG})
    assert fields(response) == ["offset"]


def test_the_largest_64_bit_offset_is_an_empty_page(client, program):
    response = client.get(f"{API}/programs/{program.code}/proposals", {"offset": TOO_BIG - 1})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("official_id", [TOO_BIG, -TOO_BIG - 1])
def test_an_integer_outside_64_bits_in_the_path_is_a_422_naming_it(client, official_id):
    assert fields(client.get(f"{API}/officials/{official_id}")) == ["official_id"]


def test_an_integer_outside_64_bits_in_a_body_field_is_a_422_naming_it(client, program):
    body = {
        "program": program.code,
        "submitted_by": "PTR",
        "version": TOO_BIG,
        "title_es": "Propuesta",
        "title_en": "Proposal",
        "submitted_on": "2009-06-01",
    }
    assert fields(send(client, "POST", f"{API}/proposals", body)) == ["version"]


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "nul\x00"])
def test_text_that_cannot_be_stored_is_a_422_naming_the_field(client, official, text):
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", {"position": text})
    assert fields(response) == ["position"]


def test_a_nul_in_a_search_is_a_422_naming_it(client):
    assert fields(client.get(f"{API}/officials", {"q": "a\x00b"})) == ["q"]


def test_text_outside_the_basic_plane_is_stored(client, official):
    response = send(client, "PATCH", f"{API}/officials/{official.pk}", {"position": "Jefa 🛰️"})
    assert response.status_code == 200
    assert response.json()["position"] == "Jefa 🛰️"
