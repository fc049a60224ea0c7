"""The request pages: only the asking agency and the agencies asked, cleared, read a
request; the answers shown are only the reports the reader may see; refused writes leave
the rows unchanged."""

import datetime
import re

import pytest
from django.urls import reverse

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import InfoRequest, IntelReport, ReportStatus, RequestStatus
from tests.conftest import AUDITED_READ_QUERIES
from tests.intel.conftest import ReportFactory, level
from tests.intel.requests.conftest import make_request

pytestmark = pytest.mark.django_db


def _without_tokens(body: bytes) -> bytes:
    """The page without its CSRF tokens (64 letters and digits, different each answer)."""
    return re.sub(rb"[A-Za-z0-9]{64}", b"", body)


def test_the_asker_and_the_asked_read_the_request(as_user, info_request, analyst_a, analyst_b):
    url = reverse("intel_request_detail", args=[info_request.pk])
    for user in (analyst_a, analyst_b):
        response = as_user(user).get(url)
        assert response.status_code == 200
        assert "¿Quién compró el precursor?" in response.content.decode()
    entry = AuditEntry.objects.filter(action="intel.request.view").last()
    assert entry.object_ids == [info_request.pk]
    assert "precursor" not in entry.object_repr


@pytest.mark.parametrize("who", ["analyst_c", "analyst_b_low", "outsider", "auditor"])
def test_others_get_404_like_a_missing_request(request, as_user, info_request, who):
    client = as_user(request.getfixturevalue(who))
    hidden = client.get(reverse("intel_request_detail", args=[info_request.pk]))
    missing = client.get(reverse("intel_request_detail", args=[info_request.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    answer = client.get(reverse("intel_request_answer", args=[info_request.pk]))
    assert answer.status_code == 404


def test_the_list_boxes(as_user, info_request, agency_a, agency_b, agency_c, analyst_a, analyst_b):
    theirs = make_request(agency_b, analyst_b, [agency_a], title_es="Pregunta de B")
    make_request(agency_c, analyst_b, [agency_b], title_es="Ni de A ni para A")
    client = as_user(analyst_a)
    everything = client.get(reverse("intel_request_list")).content.decode()
    assert f"RFI-{info_request.pk}<" in everything
    assert f"RFI-{theirs.pk}<" in everything
    assert "Ni de A ni para A" not in everything
    asked_by = client.get(reverse("intel_request_list"), {"box": "asked_by"}).content.decode()
    assert "¿Quién compró el precursor?" in asked_by
    assert "Pregunta de B" not in asked_by
    asked_of = client.get(reverse("intel_request_list"), {"box": "asked_of"}).content.decode()
    assert "Pregunta de B" in asked_of
    assert "¿Quién compró el precursor?" not in asked_of
    closed = client.get(reverse("intel_request_list"), {"status": "closed"}).content.decode()
    assert "Pregunta de B" not in closed


def test_bad_filters_are_ignored_not_a_500(as_user, info_request, analyst_a):
    response = as_user(analyst_a).get(
        reverse("intel_request_list"), {"box": "nonsense", "status": "x", "page": "abc"}
    )
    assert response.status_code == 200


def test_the_list_queries_do_not_grow_with_rows(
    as_user, count_queries, agency_a, agency_b, analyst_a, analyst_b
):
    client = as_user(analyst_a)
    make_request(agency_a, analyst_a, [agency_b])
    counted, _ = count_queries(lambda: client.get(reverse("intel_request_list")))
    for _n in range(5):
        req = make_request(agency_a, analyst_a, [agency_b])
        ReportFactory(originator=agency_b, request=req, released_to=[agency_a])
    again, response = count_queries(lambda: client.get(reverse("intel_request_list")))
    assert response.status_code == 200
    assert again == counted
    assert counted < 15 + AUDITED_READ_QUERIES


def test_only_visible_answers_are_shown_and_counted(
    as_user, info_request, agency_a, agency_b, analyst_a
):
    ReportFactory(
        reference="ANS-SEEN", originator=agency_b, request=info_request, released_to=[agency_a]
    )
    ReportFactory(
        reference="ANS-DRAFT",
        originator=agency_b,
        request=info_request,
        status=ReportStatus.DRAFT,
        released_to=[agency_a],
    )
    ReportFactory(
        reference="ANS-SECRET",
        originator=agency_b,
        request=info_request,
        classification=level("S"),
        released_to=[agency_a],
    )
    ReportFactory(reference="ANS-UNRELEASED", originator=agency_b, request=info_request)
    analyst_a.clearance = level("C")
    analyst_a.save()
    client = as_user(analyst_a)
    body = client.get(reverse("intel_request_detail", args=[info_request.pk])).content.decode()
    assert "ANS-SEEN" in body
    for hidden in ("ANS-DRAFT", "ANS-SECRET", "ANS-UNRELEASED"):
        assert hidden not in body
    listing = client.get(reverse("intel_request_list")).content.decode()
    assert "<td>1</td>" in listing


def test_hidden_answers_leave_the_page_as_without_answers(
    as_user, info_request, agency_b, analyst_a
):
    client = as_user(analyst_a)
    url = reverse("intel_request_detail", args=[info_request.pk])
    before = client.get(url).content
    ReportFactory(originator=agency_b, request=info_request, status=ReportStatus.DRAFT)
    after = client.get(url).content
    assert _without_tokens(before) == _without_tokens(after)


def test_asking_from_the_page(as_user, analyst_a, agency_b):
    client = as_user(analyst_a)
    assert client.get(reverse("intel_request_create")).status_code == 200
    due = (clock.today() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        reverse("intel_request_create"),
        {
            "title_es": "¿Dónde está la fuente?",
            "classification": level("C").pk,
            "due_date": due,
            "recipients": [agency_b.pk],
        },
    )
    created = InfoRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("intel_request_detail", args=[created.pk])
    assert list(created.recipients.all()) == [agency_b]


def test_the_form_names_the_bad_field(as_user, analyst_a, agency_b):
    response = as_user(analyst_a).post(
        reverse("intel_request_create"),
        {
            "title_es": "",
            "classification": level("C").pk,
            "due_date": "2000-01-01",
            "recipients": [agency_b.pk],
        },
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert not InfoRequest.objects.exists()


def test_a_level_above_the_clearance_is_not_offered(as_user, agency_a, agency_b):
    from tests.intel.conftest import analyst

    low = analyst("analyst_a_sbu", agency_a, "SBU")
    response = as_user(low).post(
        reverse("intel_request_create"),
        {
            "title_es": "x",
            "classification": level("S").pk,
            "due_date": clock.today().isoformat(),
            "recipients": [agency_b.pk],
        },
    )
    assert "classification" in response.context["form"].errors
    assert not InfoRequest.objects.exists()


def test_non_analysts_cannot_open_the_form(as_user, liaison_a):
    assert as_user(liaison_a).get(reverse("intel_request_create")).status_code == 403


def test_answering_from_the_page(as_user, info_request, analyst_b):
    client = as_user(analyst_b)
    url = reverse("intel_request_answer", args=[info_request.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title_es": "Respuesta",
            "body_es": "Texto",
            "report_type": "assessment",
            "classification": level("C").pk,
        },
    )
    report = IntelReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("intel_report_detail", args=[report.pk])
    assert report.request == info_request
    detail = client.get(reverse("intel_request_detail", args=[info_request.pk])).content.decode()
    assert report.reference in detail


def test_the_asker_cannot_answer_his_own_request(as_user, info_request, analyst_a):
    client = as_user(analyst_a)
    url = reverse("intel_request_answer", args=[info_request.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"title_es": "x", "report_type": "assessment", "classification": level("C").pk}
    )
    assert response.status_code == 403
    assert not IntelReport.objects.exists()


def test_closing(as_user, info_request, analyst_a, analyst_b):
    url = reverse("intel_request_close", args=[info_request.pk])
    assert as_user(analyst_b).post(url).status_code == 403
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.OPEN
    assert as_user(analyst_a).post(url).status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.CLOSED


def test_an_outsider_cannot_close(as_user, info_request, analyst_c):
    url = reverse("intel_request_close", args=[info_request.pk])
    assert as_user(analyst_c).post(url).status_code == 404
    info_request.refresh_from_db()
    assert info_request.status == RequestStatus.OPEN


def test_the_report_names_the_request_it_answers(
    as_user, info_request, agency_a, agency_b, agency_c, analyst_b, analyst_c
):
    report = ReportFactory(originator=agency_b, request=info_request, released_to=[agency_c])
    url = reverse("intel_report_detail", args=[report.pk])
    request_url = reverse("intel_request_detail", args=[info_request.pk])
    assert request_url in as_user(analyst_b).get(url).content.decode()
    # Agency C reads the report but not the request: the request does not exist for it.
    seen_by_c = as_user(analyst_c).get(url).content.decode()
    assert request_url not in seen_by_c
    assert f"RFI-{info_request.pk}" not in seen_by_c


def test_a_partner_asked_sees_only_his_own_agency_among_those_asked(
    as_user, agency_a, agency_b, partner_agency, analyst_a, partner_analyst
):
    info_request = make_request(agency_a, analyst_a, [agency_b, partner_agency])
    detail = reverse("intel_request_detail", args=[info_request.pk])
    partner_page = as_user(partner_analyst).get(detail).content.decode()
    assert "Socio" in partner_page
    assert "Agencia B" not in partner_page
    partner_list = as_user(partner_analyst).get(reverse("intel_request_list")).content.decode()
    assert "PTR" in partner_list
    assert "BBB" not in partner_list
    asker_page = as_user(analyst_a).get(detail).content.decode()
    assert "Socio" in asker_page
    assert "Agencia B" in asker_page


def test_ids_past_64_bits_are_invalid_choices_not_errors(as_user, analyst_a):
    big = "99999999999999999999999"
    response = as_user(analyst_a).post(
        reverse("intel_request_create"),
        {"title_en": "x", "classification": big, "due_date": "2999-01-01", "recipients": big},
    )
    assert response.status_code == 200  # the form again, naming both fields
    assert set(response.context["form"].errors) >= {"classification", "recipients"}
    assert not InfoRequest.objects.exists()
