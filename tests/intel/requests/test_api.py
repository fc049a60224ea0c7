"""The requests API: the same selectors and services as the pages; invisible or missing is
404, not allowed 403, bad input 422 naming the field."""

import datetime

import pytest

from nonprolif.core import clock
from nonprolif.intel.models import InfoRequest, IntelReport, ReportStatus, RequestStatus
from tests.intel.conftest import ReportFactory, level

pytestmark = pytest.mark.django_db

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def _due() -> str:
    return (clock.today() + datetime.timedelta(days=7)).isoformat()


def test_ask_answer_and_close(as_user, analyst_a, analyst_b, agency_a):
    asker = as_user(analyst_a)
    response = asker.post(
        f"{API}/intel/requests",
        {
            "title_en": "Who bought it?",
            "classification": "C",
            "due_date": _due(),
            "recipients": ["BBB"],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["requester"], body["recipients"], body["classification"]) == ("AAA", ["BBB"], "C")
    assert body["answers"] == []
    assert body["recipient_states"] == [{"agency": "BBB", "answered": False}]
    pk = body["id"]

    answerer = as_user(analyst_b)
    response = answerer.post(
        f"{API}/intel/requests/{pk}/answers",
        {"title_es": "Respuesta", "report_type": "assessment", "classification": "C"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == ReportStatus.DRAFT
    report = IntelReport.objects.get(pk=response.json()["id"])
    assert report.request_id == pk

    # The draft is not the asker's to read: for him there is no answer yet.
    assert asker.get(f"{API}/intel/requests/{pk}").json()["answers"] == []
    assert answerer.get(f"{API}/intel/requests/{pk}").json()["recipient_states"] == [
        {"agency": "BBB", "answered": True}
    ]
    listed = asker.get(f"{API}/intel/requests", {"box": "asked_by"}).json()
    assert [(item["id"], item["answer_count"]) for item in listed["items"]] == [(pk, 0)]

    assert answerer.post(f"{API}/intel/requests/{pk}/close").status_code == 403
    response = asker.post(f"{API}/intel/requests/{pk}/close")
    assert response.status_code == 200
    assert response.json()["status"] == RequestStatus.CLOSED


def test_a_published_released_answer_reaches_the_asker(
    as_user, info_request, agency_a, agency_b, analyst_a
):
    ReportFactory(originator=agency_b, request=info_request, released_to=[agency_a])
    body = as_user(analyst_a).get(f"{API}/intel/requests/{info_request.pk}").json()
    assert len(body["answers"]) == 1
    assert body["answer_count"] == 1


@pytest.mark.parametrize("who", ["analyst_c", "analyst_b_low", "outsider"])
def test_others_get_404(request, as_user, info_request, who):
    client = as_user(request.getfixturevalue(who))
    hidden = client.get(f"{API}/intel/requests/{info_request.pk}")
    missing = client.get(f"{API}/intel/requests/{info_request.pk + 1000}")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert client.get(f"{API}/intel/requests").json()["items"] == []
    answer = client.post(
        f"{API}/intel/requests/{info_request.pk}/answers",
        {"title_es": "x", "report_type": "assessment", "classification": "U"},
        content_type=JSON,
    )
    assert answer.status_code == 404
    assert client.post(f"{API}/intel/requests/{info_request.pk}/close").status_code == 404
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.OPEN
    assert not IntelReport.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"classification": "NOPE"}, "classification"),
        ({"recipients": ["ZZZ"]}, "recipients"),
        ({"recipients": []}, "recipients"),
        ({"recipients": ["AAA"]}, "recipients"),
        ({"due_date": "2000-01-01"}, "due_date"),
        ({"due_date": "yesterday"}, "due_date"),
        ({"title_en": ""}, "title_es"),
        ({"classification": "S"}, "classification"),
    ],
)
def test_bad_input_names_the_field(as_user, agency_a, agency_b, payload, field):
    from tests.intel.conftest import analyst

    medium = analyst("analyst_a_c", agency_a, "C")
    data = {"title_en": "Who?", "classification": "C", "due_date": _due(), "recipients": ["BBB"]}
    data.update(payload)
    response = as_user(medium).post(f"{API}/intel/requests", data, content_type=JSON)
    assert response.status_code == 422
    assert field in fields_of(response)
    assert not InfoRequest.objects.exists()


def test_a_bad_answer_names_the_field(as_user, info_request, analyst_b):
    client = as_user(analyst_b)
    response = client.post(
        f"{API}/intel/requests/{info_request.pk}/answers",
        {"title_es": "x", "report_type": "nonsense", "classification": "C"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "report_type" in fields_of(response)
    response = client.post(
        f"{API}/intel/requests/{info_request.pk}/answers",
        {"title_es": "x", "report_type": "assessment", "classification": "XX"},
        content_type=JSON,
    )
    assert "classification" in fields_of(response)
    assert not IntelReport.objects.exists()


def test_non_analysts_are_refused(as_user, liaison_a, agency_b):
    response = as_user(liaison_a).post(
        f"{API}/intel/requests",
        {"title_en": "Who?", "classification": "U", "due_date": _due(), "recipients": ["BBB"]},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not InfoRequest.objects.exists()


def test_filters(as_user, info_request, analyst_b):
    client = as_user(analyst_b)
    assert [
        i["id"] for i in client.get(f"{API}/intel/requests", {"box": "asked_of"}).json()["items"]
    ] == [info_request.pk]
    assert client.get(f"{API}/intel/requests", {"box": "asked_by"}).json()["items"] == []
    assert client.get(f"{API}/intel/requests", {"status": "closed"}).json()["items"] == []
    assert client.get(f"{API}/intel/requests", {"box": "x"}).status_code == 422


def test_secret_answers_stay_hidden_from_a_confidential_asker(
    as_user, info_request, agency_a, agency_b, analyst_a
):
    ReportFactory(
        originator=agency_b, request=info_request, released_to=[agency_a], classification=level("S")
    )
    analyst_a.clearance = level("C")
    analyst_a.save()
    body = as_user(analyst_a).get(f"{API}/intel/requests/{info_request.pk}").json()
    assert body["answers"] == []
    assert body["answer_count"] == 0
    assert body["recipient_states"] == [{"agency": "BBB", "answered": False}]


def test_a_partner_asked_sees_only_his_own_agency(
    as_user, agency_a, agency_b, partner_agency, analyst_a, partner_analyst
):
    from tests.intel.requests.conftest import make_request

    info_request = make_request(agency_a, analyst_a, [agency_b, partner_agency])
    body = as_user(partner_analyst).get(f"{API}/intel/requests/{info_request.pk}").json()
    assert body["recipients"] == ["PTR"]
    assert body["recipient_states"] == [{"agency": "PTR", "answered": False}]
    listed = as_user(partner_analyst).get(f"{API}/intel/requests").json()["items"]
    assert listed[0]["recipients"] == ["PTR"]
    asker = as_user(analyst_a).get(f"{API}/intel/requests/{info_request.pk}").json()
    assert asker["recipients"] == ["BBB", "PTR"]
