"""The releasability pages: the report page's panel (a partner sees only his own agency),
setting the list, the decision page, the queue of releases awaiting my approval and the
distribution list pages. Invisible and missing answer 404 alike; refused writes change
nothing."""

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import DistributionList, ReleaseState, ReportRelease
from nonprolif.intel.releases.domain import create_distribution_list, set_releasability
from nonprolif.intel.releases.queries import releases_awaiting_count
from tests.intel.conftest import ReportFactory, analyst, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(as_user):
    """A client of the user, who reads the pages in English."""

    def client(user):
        user.language = "en"
        user.save(update_fields=["language"])
        return as_user(user)

    return client


def rows(report) -> dict[str, str]:
    return dict(ReportRelease.objects.filter(report=report).values_list("agency__code", "state"))


def panel(client, report) -> str:
    body = client.get(reverse("intel_report_detail", args=[report.pk])).content.decode()
    start = body.index('id="releases-heading"')
    return body[start : body.index("</section>", start)]


@pytest.fixture
def released(report, analyst_a, analyst_a2, agency_b):
    """Released to B (effective), to the partner (approved) and the second partner asked."""
    from tests.factories import AgencyFactory

    AgencyFactory(code="PT2", name_es="Otro socio", name_en="Other partner", kind="partner")
    set_releasability(actor=analyst_a, report=report, agencies=["BBB", "PTR", "PT2"])
    release = ReportRelease.objects.get(report=report, agency__code="PTR")
    from nonprolif.intel.releases.domain import approve_release

    approve_release(actor=analyst_a2, release=release, reason="Ok.")
    return report


def test_the_originator_sees_every_row_of_the_list(as_user, released, analyst_a):
    html = panel(as_user(analyst_a), released)
    for code in ("BBB", "PTR", "PT2"):
        assert f"({code})" in html
    assert "Awaiting a second approval" in html
    assert reverse("intel_report_releasability", args=[released.pk]) in html


def test_a_partner_sees_only_his_own_agency_on_the_list(as_user, released, partner_analyst):
    html = panel(as_user(partner_analyst), released)
    assert "(PTR)" in html
    assert "(BBB)" not in html
    assert "Agencia B" not in html
    assert "Agency B" not in html
    assert "(PT2)" not in html
    assert "Change releasability" not in html
    url = f"/api/v1/intel/reports/{released.pk}/releases"
    api = as_user(partner_analyst).get(url).json()["items"]
    assert [row["agency"] for row in api] == ["PTR"]


def test_another_national_agency_sees_the_effective_distribution(as_user, released, analyst_b):
    html = panel(as_user(analyst_b), released)
    assert "(BBB)" in html
    assert "(PTR)" in html
    assert "(PT2)" not in html  # still pending: the originator's deliberation
    assert "Change releasability" not in html


def test_the_second_person_sees_a_decide_link_the_requester_does_not(
    as_user, report, analyst_a, analyst_a2
):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    decide = reverse("intel_release_decide", args=[release.pk])
    assert decide not in panel(as_user(analyst_a), report)
    assert decide in panel(as_user(analyst_a2), report)


def test_setting_the_list_from_the_page(as_user, report, analyst_a, agency_b, partner_agency):
    client = as_user(analyst_a)
    url = reverse("intel_report_releasability", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Agency B" in page.content.decode()
    response = client.post(url, {"agencies": [agency_b.pk, partner_agency.pk]})
    assert response.status_code == 302
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE, "PTR": ReleaseState.PENDING}
    bad = client.post(url, {"agencies": ["999999"]})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE, "PTR": ReleaseState.PENDING}


def test_a_recipient_cannot_change_the_list_and_an_outsider_gets_404(
    as_user, report, analyst_a, analyst_b, agency_a, agency_b, partner_agency
):
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b])
    url = reverse("intel_report_releasability", args=[report.pk])
    client = as_user(analyst_b)
    assert client.get(url).status_code == 403
    assert client.post(url, {"agencies": [partner_agency.pk]}).status_code == 403
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}
    entry = AuditEntry.objects.filter(action="intel.report.release").order_by("-seq").first()
    assert (entry.outcome, entry.actor) == (Outcome.DENIED, analyst_b)
    # The partner cannot read the report: 404, like a missing one.
    outsider = as_user(analyst("ptr_x", partner_agency, "S"))
    missing = reverse("intel_report_releasability", args=[report.pk + 1000])
    for method in ("get", "post"):
        hidden = getattr(outsider, method)(url)
        gone = getattr(outsider, method)(missing)
        assert hidden.status_code == gone.status_code == 404
    apply_url = reverse("intel_report_apply_distlist", args=[report.pk])
    assert outsider.post(apply_url, {"distribution_list": "1"}).status_code == 404
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}


def test_applying_a_distribution_list_from_the_page(as_user, report, analyst_a, agency_b):
    distribution_list = create_distribution_list(
        actor=analyst_a, name_es="Nacional", agencies=[agency_b]
    )
    client = as_user(analyst_a)
    page = client.get(reverse("intel_report_releasability", args=[report.pk])).content.decode()
    assert "Nacional" in page
    url = reverse("intel_report_apply_distlist", args=[report.pk])
    assert client.post(url, {"distribution_list": distribution_list.pk}).status_code == 302
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}
    assert client.post(url, {"distribution_list": "x"}).status_code == 400


def test_deciding_from_the_page(as_user, report, analyst_a, analyst_a2, partner_analyst):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    url = reverse("intel_release_decide", args=[release.pk])
    # The requester: no form, and a POST is refused and changes nothing.
    requester = as_user(analyst_a)
    assert "Record the decision" not in requester.get(url).content.decode()
    assert requester.post(url, {"decision": "approve", "reason": "Me."}).status_code == 403
    release.refresh_from_db()
    assert release.state == ReleaseState.PENDING
    # The partner cannot see the release at all.
    assert as_user(partner_analyst).get(url).status_code == 404
    second = as_user(analyst_a2)
    page = second.get(url)
    assert page.status_code == 200
    assert "Record the decision" in page.content.decode()
    bad = second.post(url, {"decision": "approve", "reason": ""})
    assert bad.status_code == 400
    assert second.post(url, {"decision": "approve", "reason": "LEGAT needs it."}).status_code == 302
    release.refresh_from_db()
    assert (release.state, release.decided_by) == (ReleaseState.EFFECTIVE, analyst_a2)
    detail = as_user(partner_analyst).get(reverse("intel_report_detail", args=[report.pk]))
    assert detail.status_code == 200


def test_the_queue_lists_what_awaits_me_only(
    as_user, report, agency_a, analyst_a, analyst_a2, analyst_b, count_queries
):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    secret = ReportFactory(
        reference="AAA-2009-0002", originator=agency_a, classification=level("S")
    )
    set_releasability(actor=analyst_a, report=secret, agencies=["PTR"])
    low_a = analyst("low_a", agency_a, "C")
    url = reverse("intel_release_queue")
    assert releases_awaiting_count(analyst_a) == 0
    assert releases_awaiting_count(analyst_a2) == 2
    assert releases_awaiting_count(low_a) == 1  # not cleared for the SECRET one
    assert releases_awaiting_count(analyst_b) == 0
    body = as_user(analyst_a2).get(url).content.decode()
    assert "AAA-2009-0001" in body
    assert "AAA-2009-0002" in body
    low_body = as_user(low_a).get(url).content.decode()
    assert "AAA-2009-0001" in low_body
    assert "AAA-2009-0002" not in low_body
    for user in (analyst_a, analyst_b):
        assert "AAA-2009-0001" not in as_user(user).get(url).content.decode()

    client = as_user(analyst_a2)
    few, _ = count_queries(lambda: client.get(url))
    for n in range(3, 8):
        more = ReportFactory(reference=f"AAA-2009-{n:04d}", originator=agency_a)
        set_releasability(actor=analyst_a, report=more, agencies=["PTR"])
    many, response = count_queries(lambda: client.get(url))
    assert few == many
    assert "AAA-2009-0007" in response.content.decode()


def test_distribution_list_pages(as_user, analyst_a, analyst_b, agency_b, partner_agency):
    client = as_user(analyst_a)
    assert client.get(reverse("intel_distlist_create")).status_code == 200
    response = client.post(
        reverse("intel_distlist_create"),
        {"name_es": "Nacional", "name_en": "Domestic", "agencies": [agency_b.pk]},
    )
    assert response.status_code == 302
    distribution_list = DistributionList.objects.get()
    listing = client.get(reverse("intel_distlist_list")).content.decode()
    assert "Domestic" in listing
    assert "BBB" in listing
    bad = client.post(reverse("intel_distlist_create"), {"name_es": "", "agencies": []})
    assert bad.status_code == 400
    edit = reverse("intel_distlist_edit", args=[distribution_list.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"name_es": "Socios", "agencies": [partner_agency.pk]})
    distribution_list.refresh_from_db()
    assert distribution_list.name_es == "Socios"
    # Another agency's list does not exist for B: 404, like a missing one; nothing changes.
    other = as_user(analyst_b)
    assert "Socios" not in other.get(reverse("intel_distlist_list")).content.decode()
    delete = reverse("intel_distlist_delete", args=[distribution_list.pk])
    for url in (edit, delete):
        assert other.get(url).status_code == 404
        assert (
            other.post(url, {"name_es": "X", "agencies": [agency_b.pk], "confirm": "1"}).status_code
            == 404
        )
    distribution_list.refresh_from_db()
    assert distribution_list.name_es == "Socios"
    assert client.get(delete).status_code == 200
    assert client.post(delete, {"confirm": "1"}).status_code == 302
    assert not DistributionList.objects.exists()


def test_distribution_list_page_queries_do_not_grow(as_user, analyst_a, agency_b, count_queries):
    client = as_user(analyst_a)
    url = reverse("intel_distlist_list")
    create_distribution_list(actor=analyst_a, name_es="L0", agencies=[agency_b])
    few, _ = count_queries(lambda: client.get(url))
    for n in range(1, 6):
        create_distribution_list(actor=analyst_a, name_es=f"L{n}", agencies=[agency_b])
    many, _ = count_queries(lambda: client.get(url))
    assert few == many


def test_a_user_without_agency_sees_no_list_and_cannot_create(as_user, auditor):
    client = as_user(auditor)
    assert client.get(reverse("intel_distlist_list")).status_code == 200
    assert client.get(reverse("intel_distlist_create")).status_code == 403
    assert client.post(reverse("intel_distlist_create"), {"name_es": "X"}).status_code == 403
    assert not DistributionList.objects.exists()


def test_the_report_page_reads_are_audited(as_user, released, partner_analyst):
    client = as_user(partner_analyst)
    before = AuditEntry.objects.count()
    client.get(reverse("intel_report_detail", args=[released.pk]))
    # One entry for the page: the panel adds none of its own.
    assert AuditEntry.objects.count() == before + 1


def test_the_panel_queries_do_not_grow_with_the_list(as_user, report, analyst_a, count_queries):
    from tests.factories import AgencyFactory

    client = as_user(analyst_a)
    url = reverse("intel_report_detail", args=[report.pk])
    set_releasability(actor=analyst_a, report=report, agencies=["BBB"])
    few, _ = count_queries(lambda: client.get(url))
    codes = ["BBB", "PTR"] + [AgencyFactory(code=f"N{n}").code for n in range(5)]
    set_releasability(actor=analyst_a, report=report, agencies=codes)
    many, response = count_queries(lambda: client.get(url))
    assert few == many
    assert "(N4)" in response.content.decode()


def test_a_bad_post_by_a_recipient_is_still_refused(as_user, report, analyst_a, analyst_b):
    set_releasability(actor=analyst_a, report=report, agencies=["BBB"])
    client = as_user(analyst_b)
    url = reverse("intel_report_releasability", args=[report.pk])
    assert client.post(url, {"agencies": ["x"]}).status_code == 403
    apply_url = reverse("intel_report_apply_distlist", args=[report.pk])
    assert client.post(apply_url, {"distribution_list": "x"}).status_code == 403
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}


BIG = "99999999999999999999999"


def test_ids_past_64_bits_are_invalid_choices_not_errors(as_user, analyst_a, agency_a):
    report = ReportFactory(originator=agency_a, status="draft")
    client = as_user(analyst_a)
    response = client.post(
        reverse("intel_report_releasability", args=[report.pk]), {"agencies": BIG}
    )
    assert response.status_code == 400
    assert not report.releases.exists()
    response = client.post(reverse("intel_distlist_create"), {"name_es": "Lista", "agencies": BIG})
    assert response.status_code == 400
    assert not DistributionList.objects.exists()
