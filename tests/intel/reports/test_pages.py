"""The report list and page show only what the access rule lets through; the rest is 404."""

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport, ReportStatus
from nonprolif.intel.reports.domain import publish_report, update_report
from tests.conftest import AUDITED_READ_QUERIES
from tests.intel.conftest import ReportFactory, analyst, level

from .conftest import write

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


# --- writing, editing, versions: the pages -----------------------------------------------------


def test_an_analyst_writes_a_report_from_the_form(as_user, analyst_a):
    client = as_user(analyst_a)
    assert client.get(reverse("intel_report_create")).status_code == 200
    response = client.post(
        reverse("intel_report_create"),
        {
            "title_es": "Robo de fuente radiactiva",
            "report_type": "incident",
            "classification": level("C").pk,
            "tlp": "amber",
            "pap": "amber",
            "source_reliability": "B",
            "information_credibility": "2",
            "cbrn_category": "RAD",
            "tags": "fuente, robo",
        },
    )
    assert response.status_code == 302
    report = IntelReport.objects.get()
    assert (report.status, report.cbrn_category.code, report.tags) == (
        ReportStatus.DRAFT,
        "RAD",
        ["fuente", "robo"],
    )
    detail = client.get(response["Location"]).content.decode()
    assert detail.count('class="classification-marking"') == 2
    assert report.reference in detail


def test_a_bad_form_answers_400_naming_the_field(as_user, analyst_a):
    response = as_user(analyst_a).post(
        reverse("intel_report_create"),
        {"title_es": "", "report_type": "incident", "classification": level("C").pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not IntelReport.objects.exists()


def test_the_form_offers_only_levels_up_to_the_clearance(as_user, agency_a):
    low = analyst("low_pages", agency_a, "C")
    form = as_user(low).get(reverse("intel_report_create")).context["form"]
    assert [lv.code for lv in form.fields["classification"].queryset] == ["U", "SBU", "C"]


def test_who_may_not_write_gets_403_and_the_form_is_not_shown(as_user, coordinator, analyst_a):
    assert as_user(coordinator).get(reverse("intel_report_create")).status_code == 403


def test_edit_publish_withdraw_and_compare_from_the_pages(as_user, analyst_a):
    report = write(analyst_a)
    client = as_user(analyst_a)
    edit = reverse("intel_report_edit", args=[report.pk])
    page = client.get(edit)
    assert page.status_code == 200
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if value is not None and name != "note"
    }
    data.update(title_en="Second look", note="More detail", classification=level("C").pk)
    assert client.post(edit, data).status_code == 302
    report.refresh_from_db()
    assert (report.title_en, report.version) == ("Second look", 2)
    versions = client.get(reverse("intel_report_versions", args=[report.pk])).content.decode()
    assert "More detail" in versions
    compare = client.get(reverse("intel_report_compare", args=[report.pk]), {"a": 1, "b": 2})
    assert compare.status_code == 200
    changed = [row.field for row in compare.context["rows"] if row.changed]
    assert changed == ["title_en"]
    bad = client.get(reverse("intel_report_compare", args=[report.pk]), {"a": "x"})
    assert bad.status_code == 400
    publish = reverse("intel_report_publish", args=[report.pk])
    assert client.get(publish).status_code == 200  # the question; nothing published
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert client.post(publish, {"confirm": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    withdraw = reverse("intel_report_withdraw", args=[report.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 400
    assert client.post(withdraw, {"reason": "Retracted"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.WITHDRAWN


def test_a_reader_of_another_agency_cannot_edit_and_nothing_changes(as_user, analyst_a, analyst_b):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    client = as_user(analyst_b)
    edit = reverse("intel_report_edit", args=[report.pk])
    assert client.get(edit).status_code == 403
    response = client.post(
        edit,
        {
            "title_es": "Cambiado",
            "report_type": "incident",
            "classification": level("U").pk,
            "tlp": "amber",
            "pap": "amber",
            "source_reliability": "F",
            "information_credibility": "6",
        },
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert (report.title_es, report.classification.code, report.version) == (
        "Compra sospechosa de válvulas",
        "C",
        1,
    )
    assert AuditEntry.objects.filter(
        action="intel.report.classification", outcome=Outcome.DENIED
    ).exists()
    for name in ("intel_report_publish", "intel_report_withdraw"):
        assert client.post(reverse(name, args=[report.pk]), {"confirm": "1"}).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "intel_report_edit",
        "intel_report_publish",
        "intel_report_withdraw",
        "intel_report_versions",
        "intel_report_compare",
    ],
)
def test_every_page_of_a_hidden_report_is_404_like_a_missing_one(
    as_user, analyst_a, analyst_b, name
):
    report = write(analyst_a)
    client = as_user(analyst_b)
    hidden = client.get(reverse(name, args=[report.pk]), {"a": 1, "b": 1})
    missing = client.get(reverse(name, args=[report.pk + 99]), {"a": 1, "b": 1})
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    upload = client.post(reverse("intel_attachment_upload", args=[report.pk]))
    assert upload.status_code == 404


def test_the_compare_page_does_not_show_a_version_above_the_clearance(
    as_user, analyst_a, analyst_b
):
    report = write(analyst_a, classification="S", title_en="Secret wording")
    update_report(actor=analyst_a, report=report, classification="C", title_en="Sanitised")
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    analyst_b.clearance = level("C")
    analyst_b.save()
    client = as_user(analyst_b)
    url = reverse("intel_report_compare", args=[report.pk])
    assert client.get(url, {"a": 1, "b": 2}).status_code == 404
    versions = client.get(reverse("intel_report_versions", args=[report.pk])).content.decode()
    assert "Secret wording" not in versions


def test_list_filters_by_type_status_and_originator(as_user, agency_a, agency_b, analyst_b):
    ReportFactory(reference="TYPE-SEIZ", originator=agency_b, report_type="seizure")
    ReportFactory(reference="TYPE-PROC", originator=agency_b, status="draft")
    ReportFactory(reference="FROM-A", originator=agency_a, released_to=[agency_b])
    client = as_user(analyst_b)
    url = reverse("intel_report_list")
    body = client.get(url, {"type": "seizure"}).content.decode()
    assert "TYPE-SEIZ" in body
    assert "TYPE-PROC" not in body
    body = client.get(url, {"status": "draft"}).content.decode()
    assert "TYPE-PROC" in body
    assert "TYPE-SEIZ" not in body
    body = client.get(url, {"originator": agency_a.pk}).content.decode()
    assert "FROM-A" in body
    assert "TYPE-SEIZ" not in body
    bad = client.get(url, {"type": "nonsense"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["type"]


def test_the_list_costs_the_same_queries_for_more_rows(as_user, agency_a, analyst_a, count_queries):
    client = as_user(analyst_a)
    url = reverse("intel_report_list")
    ReportFactory(originator=agency_a)
    client.get(url)
    few, _ = count_queries(lambda: client.get(url))
    for _n in range(8):
        ReportFactory(originator=agency_a)
    many, _ = count_queries(lambda: client.get(url))
    assert few == many
    assert few >= AUDITED_READ_QUERIES


def test_home_and_menu_show_intelligence_with_the_agency_drafts(
    as_user, agency_a, analyst_a, coordinator
):
    write(analyst_a)
    write(analyst_a)
    ReportFactory(originator=agency_a, status="published")
    body = as_user(analyst_a).get(reverse("home")).content.decode()
    assert reverse("intel_report_list") in body
    assert response_figure(body) == "2"
    other = as_user(coordinator).get(reverse("home")).content.decode()  # no clearance
    assert reverse("intel_report_list") not in other


def response_figure(body: str) -> str:
    marker = body.index("?status=draft")
    start = body.index('<span class="figure">', marker) + len('<span class="figure">')
    return body[start : body.index("</span>", start)]


def test_the_page_links_the_comparison_with_the_previous_version(as_user, analyst_a):
    report = write(analyst_a)
    client = as_user(analyst_a)
    url = reverse("intel_report_detail", args=[report.pk])
    compare = reverse("intel_report_compare", args=[report.pk])
    assert compare not in client.get(url).content.decode()
    update_report(actor=analyst_a, report=report, quantity="3 kg")
    assert f"{compare}?a=1&amp;b=2" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("intel_report_list", {"originator": "9" * 30}),
        ("intel_report_list", {"originator": "x", "type": "\u00e9"}),
        ("intel_report_compare", {"a": "9" * 30, "b": "1"}),
    ],
)
def test_bad_query_values_are_errors_not_500(as_user, analyst_a, name, query):
    report = write(analyst_a)
    args = [report.pk] if name == "intel_report_compare" else []
    response = as_user(analyst_a).get(reverse(name, args=args), query)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors
