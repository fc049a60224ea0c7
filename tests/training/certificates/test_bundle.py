"""A session's certificates at once: issued in one write with one audit entry, and
downloaded as one PDF (a page each) holding exactly the certificates the user may download
one by one, from the attendance sheet and through the API."""

import re

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.training.certificates.domain import issue_certificates
from nonprolif.training.models import Certificate
from tests.factories import OfficialFactory, UserFactory

API = "/api/v1"


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def bundle_url(session) -> str:
    return reverse("session_certificates_download", args=[session.pk])


def api_url(session) -> str:
    return f"{API}/sessions/{session.pk}/certificates/pdf"


@pytest.fixture
def certified(trained, coordinator, enrolled, attend, agency_a, official_b):
    """Three certificates of the first cohort: Ana and Carlos (agency A), Beto (agency B)."""
    carlos = OfficialFactory(agency=agency_a, given_names="Carlos", family_names="Castro")
    enrolled(trained, carlos)
    attend(trained, carlos, 5)
    attend(trained, official_b, 5)
    report = issue_certificates(actor=coordinator, session=trained)
    assert len(report.issued) == 3
    return trained


def ids_of(*names) -> list[int]:
    rows = Certificate.objects.filter(official_name__in=names).order_by("official_name", "pk")
    return list(rows.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("coordinator", ("Ana Alvarez", "Beto Barrera", "Carlos Castro")),
        ("auditor", ("Ana Alvarez", "Beto Barrera", "Carlos Castro")),
        ("liaison_a", ("Ana Alvarez", "Carlos Castro")),
        ("liaison_b", ("Beto Barrera",)),
    ],
)
def test_the_bundle_holds_exactly_the_certificates_the_user_may_download(
    request, as_user, certified, who, names
):
    user = request.getfixturevalue(who)
    response = as_user(user).get(bundle_url(certified))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pages(response.content) == len(names)
    entry = AuditEntry.objects.filter(action="certificate.download_session").latest("seq")
    assert entry.object_ids == ids_of(*names)
    assert entry.object_type == "training.certificate"
    assert entry.actor == user
    assert entry.changes["session"] == certified.pk


def test_the_official_gets_his_own_certificate_only(as_user, certified, official_a):
    official_a.user = UserFactory(username="ana")
    official_a.save()

    response = as_user(official_a.user).get(bundle_url(certified))

    assert response.status_code == 200
    assert pages(response.content) == 1


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_who_may_download_none_of_them_gets_404(request, as_user, certified, who):
    response = as_user(request.getfixturevalue(who)).get(bundle_url(certified))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(
        action="certificate.download_session", outcome="allowed"
    ).exists()


def test_a_session_without_certificates_is_404(as_user, coordinator, trained):
    assert as_user(coordinator).get(bundle_url(trained)).status_code == 404


def test_the_sheet_links_to_the_bundle_once_there_are_certificates(
    as_user, liaison_a, liaison_b, coordinator, trained, certified
):
    sheet = reverse("session_attendance", args=[certified.pk])
    page = as_user(liaison_a).get(sheet).content.decode()

    assert f'href="{bundle_url(certified)}"' in page
    assert "las 2 constancias de la sesión" in page  # Spanish, the default


def test_the_sheet_has_no_bundle_link_before_any_certificate(as_user, coordinator, trained):
    sheet = reverse("session_attendance", args=[trained.pk])

    assert bundle_url(trained) not in as_user(coordinator).get(sheet).content.decode()


def test_the_bundle_costs_the_same_queries_for_1_and_3_certificates(
    as_user, coordinator, trained, enrolled, attend, agency_a, count_queries
):
    client = as_user(coordinator)
    issue_certificates(actor=coordinator, session=trained)
    client.get(bundle_url(trained))
    one, response = count_queries(lambda: client.get(bundle_url(trained)))
    assert pages(response.content) == 1

    others = [OfficialFactory(agency=agency_a) for _ in range(2)]
    enrolled(trained, *others)
    for official in others:
        attend(trained, official, 5)
    issue_certificates(actor=coordinator, session=trained)
    three, response = count_queries(lambda: client.get(bundle_url(trained)))

    assert pages(response.content) == 3
    assert three == one


# The API -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("coordinator", ("Ana Alvarez", "Beto Barrera", "Carlos Castro")),
        ("liaison_a", ("Ana Alvarez", "Carlos Castro")),
    ],
)
def test_the_api_bundle_is_scoped_like_the_page(request, as_user, certified, who, names):
    response = as_user(request.getfixturevalue(who)).get(api_url(certified))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pages(response.content) == len(names)
    entry = AuditEntry.objects.filter(action="certificate.download_session").latest("seq")
    assert entry.object_ids == ids_of(*names)


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_the_api_bundle_is_404_for_who_may_download_none(request, as_user, certified, who):
    assert as_user(request.getfixturevalue(who)).get(api_url(certified)).status_code == 404


# Issuing ---------------------------------------------------------------------------


def test_issuing_a_session_is_one_audit_entry_listing_the_certificates(coordinator, certified):
    entries = AuditEntry.objects.filter(action="certificate.issue_session")

    assert entries.count() == 1
    entry = entries.get()
    assert (entry.object_type, entry.object_id) == ("training.session", str(certified.pk))
    assert sorted(entry.object_ids) == sorted(Certificate.objects.values_list("pk", flat=True))
    assert entry.changes["issued"] == [None, 3]


def test_issuing_nothing_new_writes_no_entry(coordinator, certified):
    report = issue_certificates(actor=coordinator, session=certified)

    assert (report.issued, len(report.already)) == ([], 3)
    assert AuditEntry.objects.filter(action="certificate.issue_session").count() == 1


def test_issuing_costs_the_same_queries_for_1_and_3_certificates(
    coordinator, first_cohort, enrolled, attend, agency_a, count_queries, calendar
):
    def session_of(n):
        session = calendar.get(item_key=first_cohort.item_key, cohort=1 if n == 1 else 2)
        officials = [OfficialFactory(agency=agency_a) for _ in range(n)]
        enrolled(session, *officials)
        for official in officials:
            attend(session, official, len(session.day_list))
        return session

    coordinator.role_names  # noqa: B018 (read once, as the request's middleware does)
    small = session_of(1)
    large = session_of(3)
    one, first = count_queries(lambda: issue_certificates(actor=coordinator, session=small))
    three, second = count_queries(lambda: issue_certificates(actor=coordinator, session=large))

    assert (len(first.issued), len(second.issued)) == (1, 3)
    assert three == one
