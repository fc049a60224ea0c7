import pytest

from nonprolif.program.models import Program, Proposal, ProposalItem
from tests.factories import ProgramFactory, ProposalItemFactory
from tests.program.payloads import ITEM_JSON

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


# Programs


def test_program_list_counts_only_visible_programs(as_user, liaison_a, program, other_program):
    body = as_user(liaison_a).get(f"{API}/programs").json()
    assert body["count"] == 1
    assert [p["code"] for p in body["items"]] == ["prog-test"]


def test_program_list_paginates(as_user, coordinator, program, other_program):
    body = as_user(coordinator).get(f"{API}/programs?limit=1&offset=1").json()
    assert body["count"] == 2
    assert [p["code"] for p in body["items"]] == ["prog-test"]


def test_api_needs_authentication(client, program):
    assert client.get(f"{API}/programs").status_code == 401


def test_program_detail_has_its_agencies(as_user, partner, program):
    body = as_user(partner).get(f"{API}/programs/prog-test").json()
    assert body["lead_agency"] == "AAA"
    assert [a["code"] for a in body["member_agencies"]] == ["AAA", "BBB"]
    assert [a["code"] for a in body["partner_agencies"]] == ["PTR"]


@pytest.mark.parametrize("user", ["outsider", "liaison_a"])
def test_program_outside_scope_is_404(as_user, request, user, other_program):
    client = as_user(request.getfixturevalue(user))
    assert client.get(f"{API}/programs/prog-other").status_code == 404
    assert client.get(f"{API}/programs/prog-other/proposals").status_code == 404


def test_coordinator_creates_program(as_user, coordinator, agency_a, agency_b, partner_agency):
    payload = {
        "code": "mx-2010",
        "name_es": "Programa",
        "name_en": "Program",
        "country": "MX",
        "lead_agency": "AAA",
        "member_agencies": ["AAA", "BBB"],
        "partner_agencies": ["PTR"],
    }
    response = as_user(coordinator).post(f"{API}/programs", payload, content_type=JSON)
    assert response.status_code == 201
    assert [a["code"] for a in response.json()["member_agencies"]] == ["AAA", "BBB"]
    assert Program.objects.get(code="mx-2010").partner_agencies.get() == partner_agency


def test_program_with_unknown_agency_is_422_naming_the_field(as_user, coordinator, agency_a):
    payload = {
        "code": "mx-2010",
        "name_es": "Programa",
        "name_en": "Program",
        "country": "MX",
        "lead_agency": "AAA",
        "member_agencies": ["NOPE"],
    }
    response = as_user(coordinator).post(f"{API}/programs", payload, content_type=JSON)
    assert response.status_code == 422
    assert "NOPE" in fields_of(response)["member_agencies"]
    assert not Program.objects.filter(code="mx-2010").exists()


def test_liaison_cannot_create_program(as_user, liaison_a, agency_a):
    payload = {"code": "x", "name_es": "x", "name_en": "x", "country": "MX", "lead_agency": "AAA"}
    response = as_user(liaison_a).post(f"{API}/programs", payload, content_type=JSON)
    assert response.status_code == 403
    assert not Program.objects.filter(code="x").exists()


def test_coordinator_patches_program(as_user, coordinator, program):
    response = as_user(coordinator).patch(
        f"{API}/programs/prog-test",
        {"name_en": "Renamed", "partner_agencies": []},
        content_type=JSON,
    )
    assert response.status_code == 200
    program.refresh_from_db()
    assert program.name_en == "Renamed"
    assert program.partner_agencies.count() == 0
    assert program.member_agencies.count() == 2


@pytest.mark.parametrize(("user", "status"), [("liaison_a", 403), ("outsider", 404)])
def test_program_patch_is_refused_and_leaves_it_unchanged(as_user, request, user, status, program):
    response = as_user(request.getfixturevalue(user)).patch(
        f"{API}/programs/prog-test", {"name_en": "Hijacked"}, content_type=JSON
    )
    assert response.status_code == status
    program.refresh_from_db()
    assert program.name_en == "Program prog-test"


def test_program_patch_with_bad_time_zone_is_422(as_user, coordinator, program):
    response = as_user(coordinator).patch(
        f"{API}/programs/prog-test", {"time_zone": "Nowhere"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "time_zone" in fields_of(response)
    program.refresh_from_db()
    assert program.time_zone == "America/Mexico_City"


@pytest.mark.parametrize("lead_agency", [None, ""])
def test_program_patch_that_clears_the_lead_agency_is_422(
    as_user, coordinator, program, lead_agency
):
    lead = program.lead_agency_id
    response = as_user(coordinator).patch(
        f"{API}/programs/prog-test", {"lead_agency": lead_agency}, content_type=JSON
    )
    assert response.status_code == 422
    assert "lead_agency" in fields_of(response)
    program.refresh_from_db()
    assert program.lead_agency_id == lead


def test_program_list_query_count_does_not_grow(as_user, coordinator, agency_a, count_queries):
    client = as_user(coordinator)
    ProgramFactory(code="p1", lead_agency=agency_a)
    one, response = count_queries(lambda: client.get(f"{API}/programs"))
    assert response.json()["count"] == 1
    ProgramFactory(code="p2", lead_agency=agency_a)
    ProgramFactory(code="p3", lead_agency=agency_a)
    three, response = count_queries(lambda: client.get(f"{API}/programs"))
    assert response.json()["count"] == 3
    assert one == three


# Proposals


def proposal_payload(**changes):
    payload = {
        "program": "prog-test",
        "title_es": "Propuesta",
        "title_en": "Proposal",
        "submitted_on": "2009-08-28",
    }
    payload.update(changes)
    return payload


def test_proposal_list_and_detail_with_visible_items(
    as_user, liaison_b, proposal, item_all, item_for_a, accept
):
    accept(item_all, item_for_a)
    client = as_user(liaison_b)
    listing = client.get(f"{API}/programs/prog-test/proposals").json()
    assert listing["count"] == 1
    detail = client.get(f"{API}/proposals/{proposal.pk}").json()
    assert detail["version"] == 1
    assert detail["submitted_by"] == "PTR"
    assert [i["id"] for i in detail["items"]] == [item_all.pk]
    assert detail["items"][0]["status"] == "accepted"


@pytest.mark.parametrize("user", ["outsider", "administrator"])
def test_proposal_outside_scope_is_404(as_user, request, user, proposal):
    client = as_user(request.getfixturevalue(user))
    assert client.get(f"{API}/proposals/{proposal.pk}").status_code == 404
    assert client.get(f"{API}/proposals/{proposal.pk}/items").status_code == 404
    response = client.patch(f"{API}/proposals/{proposal.pk}", {"title_en": "x"}, content_type=JSON)
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.title_en == "Training proposal"


def test_partner_posts_a_proposal(as_user, partner, program):
    response = as_user(partner).post(f"{API}/proposals", proposal_payload(), content_type=JSON)
    assert response.status_code == 201
    body = response.json()
    assert (body["program"], body["submitted_by"], body["version"]) == ("prog-test", "PTR", 1)


@pytest.mark.parametrize("code", ["no-such-program", "prog-other"])
def test_proposal_for_unknown_or_invisible_program_is_422_naming_program(
    as_user, partner, program, other_program, code
):
    response = as_user(partner).post(
        f"{API}/proposals", proposal_payload(program=code), content_type=JSON
    )
    assert response.status_code == 422
    assert list(fields_of(response)) == ["program"]
    assert not Proposal.objects.exists()


def test_liaison_cannot_post_a_proposal(as_user, liaison_a, program):
    response = as_user(liaison_a).post(f"{API}/proposals", proposal_payload(), content_type=JSON)
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_partner_patches_its_proposal(as_user, partner, proposal):
    response = as_user(partner).patch(
        f"{API}/proposals/{proposal.pk}", {"title_en": "Revised"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["title_en"] == "Revised"


@pytest.mark.parametrize("user", ["liaison_a", "second_partner", "auditor"])
def test_proposal_patch_by_others_is_403_and_changes_nothing(as_user, request, user, proposal):
    response = as_user(request.getfixturevalue(user)).patch(
        f"{API}/proposals/{proposal.pk}", {"title_en": "Hijacked"}, content_type=JSON
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title_en == "Training proposal"


def test_proposal_list_query_count_does_not_grow(
    as_user, coordinator, program, partner_agency, count_queries
):
    from tests.factories import ProposalFactory

    client = as_user(coordinator)
    url = f"{API}/programs/prog-test/proposals"
    ProposalFactory(program=program, submitted_by=partner_agency, version=1)
    one, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 1
    ProposalFactory(program=program, submitted_by=partner_agency, version=2)
    ProposalFactory(program=program, submitted_by=partner_agency, version=3)
    three, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 3
    assert one == three


# Items


def test_item_list_counts_only_visible_items(
    as_user, liaison_b, proposal, item_all, item_for_a, accept
):
    accept(item_all, item_for_a)
    body = as_user(liaison_b).get(f"{API}/proposals/{proposal.pk}/items").json()
    assert body["count"] == 1
    assert body["items"][0]["title_en"] == "General course"


def test_item_for_another_agency_is_404(as_user, liaison_b, item_for_a):
    client = as_user(liaison_b)
    assert client.get(f"{API}/items/{item_for_a.pk}").status_code == 404
    response = client.patch(f"{API}/items/{item_for_a.pk}", {"title_en": "x"}, content_type=JSON)
    assert response.status_code == 404
    item_for_a.refresh_from_db()
    assert item_for_a.title_en == "Session for A"


def test_item_detail(as_user, liaison_a, item_for_a, accept):
    accept(item_for_a)
    body = as_user(liaison_a).get(f"{API}/items/{item_for_a.pk}").json()
    assert (body["target_agencies"], body["total_seats"], body["kind"]) == (["AAA"], 10, "training")


def test_partner_posts_an_item(as_user, partner, proposal):
    response = as_user(partner).post(
        f"{API}/proposals/{proposal.pk}/items",
        {**ITEM_JSON, "target_agencies": ["BBB"]},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["target_agencies"], body["total_seats"]) == (1, ["BBB"], 200)


@pytest.mark.parametrize(
    ("field", "value"), [("cohort_size", 0), ("cadence_months", -2), ("target_agencies", ["NOPE"])]
)
def test_bad_item_is_422_naming_the_field_and_writes_nothing(
    as_user, coordinator, proposal, field, value
):
    response = as_user(coordinator).post(
        f"{API}/proposals/{proposal.pk}/items", {**ITEM_JSON, field: value}, content_type=JSON
    )
    assert response.status_code == 422
    assert list(fields_of(response)) == [field]
    assert not ProposalItem.objects.exists()


@pytest.mark.parametrize(("user", "status"), [("liaison_a", 403), ("outsider", 404)])
def test_item_post_is_refused(as_user, request, user, status, proposal):
    response = as_user(request.getfixturevalue(user)).post(
        f"{API}/proposals/{proposal.pk}/items", ITEM_JSON, content_type=JSON
    )
    assert response.status_code == status
    assert not ProposalItem.objects.exists()


def test_item_patch_with_negative_cadence_is_422_and_leaves_it_unchanged(
    as_user, partner, item_all
):
    response = as_user(partner).patch(
        f"{API}/items/{item_all.pk}", {"cadence_months": -1, "title_en": "x"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "cadence_months" in fields_of(response)
    item_all.refresh_from_db()
    assert (item_all.cadence_months, item_all.title_en) == (3, "General course")


def test_item_patch_by_liaison_is_403(as_user, liaison_a, item_all, accept):
    accept(item_all)
    response = as_user(liaison_a).patch(
        f"{API}/items/{item_all.pk}", {"title_en": "Hijacked"}, content_type=JSON
    )
    assert response.status_code == 403
    item_all.refresh_from_db()
    assert item_all.title_en == "General course"


def test_partner_patches_an_item(as_user, partner, item_all):
    response = as_user(partner).patch(
        f"{API}/items/{item_all.pk}",
        {"cohort_size": 25, "target_agencies": ["AAA"]},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert (response.json()["total_seats"], response.json()["target_agencies"]) == (100, ["AAA"])


def test_item_list_query_count_does_not_grow(
    as_user, liaison_a, proposal, agency_a, count_queries, accept
):
    client = as_user(liaison_a)
    url = f"{API}/proposals/{proposal.pk}/items"
    first = ProposalItemFactory(proposal=proposal)
    first.target_agencies.set([agency_a])
    accept(first)
    one, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 1
    second = ProposalItemFactory(proposal=proposal)
    second.target_agencies.set([agency_a])
    accept(second, ProposalItemFactory(proposal=proposal))
    three, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 3
    assert one == three


def test_error_body_reports_errors_without_a_field_on_all():
    from django.core.exceptions import ValidationError

    from nonprolif.api.errors import validation_error_body

    body = validation_error_body(ValidationError("Something is off."))
    assert body == {"detail": [{"field": "__all__", "message": "Something is off."}]}
    body = validation_error_body(ValidationError({"cohort_size": ["Too small.", "Odd."]}))
    assert [e["message"] for e in body["detail"]] == ["Too small.", "Odd."]
