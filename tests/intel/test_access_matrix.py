"""The access matrix: every role x agency x clearance against every classification x
releasability x originator x status, on every surface that shows reports or what derives from
them, compared with the independent oracle of ``matrix.py``: zero differences. Per-object
surfaces are checked on hypothesis-drawn (user, report) pairs as well."""

import hashlib
import re
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.intel.models import IntelReport, ReportAttachment, SavedSearch
from nonprolif.intel.search.domain import notify_new_matches

from .matrix import COMMON_WORD, build_world, may_read, may_see_own_entities, readable

settings_ = settings

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"\bM-\d{3}\b")


@pytest.fixture
def world():
    return build_world()


def differences(world, surface):
    """[(user, missing, extra)] where ``surface(user)`` (a set of references) differs from the
    oracle."""
    found = []
    for user in world.users:
        expected = readable(world, user)
        got = surface(user)
        if got != expected:
            found.append((user.username, sorted(expected - got), sorted(got - expected)))
    return found


def test_the_selector(world):
    def selector(user):
        return set(IntelReport.objects.visible_to(user).values_list("reference", flat=True))

    assert differences(world, selector) == []


def pages(client, url, **params):
    """The references on every page of a paginated list."""
    seen, page = set(), 1
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        found = set(REFERENCE.findall(response.content.decode()))
        seen |= found
        if not response.context["page"].has_next():
            return seen
        page += 1


def test_the_list_page(world, client):
    def listed(user):
        client.force_login(user)
        return pages(client, reverse("intel_report_list"))

    assert differences(world, listed) == []


def test_the_report_page(world, client):
    @settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(user=st.sampled_from(world.users), report=st.sampled_from(world.reports))
    def check(user, report):
        client.force_login(user)
        status = client.get(reverse("intel_report_detail", args=[report.pk])).status_code
        assert status == (200 if may_read(user, report) else 404), (user.username, report.reference)

    check()


API = "/api/v1/intel"


def api_pages(client, url, **params):
    """The references of every item of a paginated API list (``items``, ``count``); none when
    the list's owner (an entity) does not exist for the caller."""
    seen, offset = set(), 0
    while True:
        response = client.get(url, {**params, "limit": 100, "offset": offset})
        if response.status_code == 404:
            return seen
        body = response.json()
        items = body["items"] if isinstance(body, dict) else body
        seen |= {item["reference"] for item in items}
        offset += 100
        if offset >= (body["count"] if isinstance(body, dict) else len(items)):
            return seen


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_api_list(world, client):
    assert differences(world, lambda u: api_pages(signed_in(client, u), f"{API}/reports")) == []


def test_the_search_page_and_api_results(world, client):
    def page_results(user):
        return pages(signed_in(client, user), reverse("intel_search"), q=COMMON_WORD)

    def api_results(user):
        return api_pages(signed_in(client, user), f"{API}/search", q=COMMON_WORD)

    assert differences(world, page_results) == []
    assert differences(world, api_results) == []


def test_the_facets_and_counts(world, client):
    """Every facet counts exactly the readable matching reports, by its value."""
    found = []
    for user in world.users:
        expected = [r for r in world.reports if may_read(user, r)]
        body = signed_in(client, user).get(f"{API}/search", {"q": COMMON_WORD, "limit": 1}).json()
        by_originator = Counter(r.originator.code for r in expected)
        by_level = Counter(r.classification.code for r in expected)
        by_year = Counter(str(r.event_date.year) for r in expected)
        got = {
            name: {
                value["value"]: value["count"] for value in body["facets"][name] if value["count"]
            }
            for name in ("originator", "classification", "year")
        }
        want = {"originator": by_originator, "classification": by_level, "year": by_year}
        if body["count"] != len(expected) or got != {k: dict(v) for k, v in want.items()}:
            found.append(user.username)
    assert found == []


def test_the_entity_pages_timeline_and_link_chart(world, client):
    """An entity named only in one report exists for exactly its readers (and the agency that
    registered it); the entity every report names lists exactly the readable ones on its
    timeline; a chart holds no other."""

    def timeline(user):
        shared = world.shared_entity.pk
        return api_pages(signed_in(client, user), f"{API}/entities/{shared}/timeline")

    assert differences(world, timeline) == []

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(user=st.sampled_from(world.users), report=st.sampled_from(world.reports))
    def check(user, report):
        signed_in(client, user)
        entity = world.own_entity[report.pk]
        page = client.get(reverse("intel_entity_detail", args=[entity.pk]))
        graph = client.get(f"{API}/entities/{entity.pk}/graph")
        if not may_read(user, report):
            # The agency that registered it sees it, never the report he may not read.
            if may_see_own_entities(user) and user.agency_id == entity.owner_id:
                assert page.status_code == graph.status_code == 200, user.username
                labels = {node["label"] for node in graph.json()["nodes"]}
                assert report.reference not in labels
                assert report.reference not in page.content.decode()
            else:
                assert page.status_code == graph.status_code == 404, user.username
            return
        assert page.status_code == graph.status_code == 200, user.username
        shown = {node["label"] for node in graph.json()["nodes"] if node["type"] == "report"}
        assert all(REFERENCE.search(label) for label in shown)
        readable_refs = readable(world, user)
        assert {REFERENCE.search(label).group() for label in shown} <= readable_refs
        assert report.reference in {REFERENCE.search(label).group() for label in shown}

    check()


def test_related_reports_on_the_report_page(world, client):
    """The report page's related reports (sharing an entity) are readable ones only."""
    found = []
    for user in world.users[::3]:
        expected = readable(world, user)
        mine = [r for r in world.reports if r.reference in expected]
        if not mine:
            continue
        body = signed_in(client, user).get(reverse("intel_report_detail", args=[mine[0].pk]))
        shown = set(REFERENCE.findall(body.content.decode())) - {mine[0].reference}
        if not shown <= expected or (len(expected) > 1 and not shown):
            found.append(user.username)
    assert found == []


def test_the_saved_search_notices(world, mailoutbox):
    """Each user's saved search of the common word tells him only when a report he may read
    matches, and the notice carries no reference."""
    for user in world.users:
        SavedSearch.objects.create(owner=user, name="todo", query=COMMON_WORD)
    notify_new_matches()
    told = {message.to[0] for message in mailoutbox}
    expected = {user.email for user in world.users if readable(world, user)}
    assert told == expected
    assert not any(REFERENCE.search(message.body) for message in mailoutbox)


def test_the_stix_exports(world, client):
    def exported(user):
        response = signed_in(client, user).get(f"{API}/stix/search", {"q": COMMON_WORD})
        if response.status_code != 200:
            return set()
        objects = response.json()["objects"]
        return {
            ref["external_id"]
            for obj in objects
            if obj["type"] == "report"
            for ref in obj.get("external_references", [])
            if ref.get("source_name") == "nonprolif"
        }

    assert differences(world, exported) == []


def test_the_attachments_and_the_api_detail(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachments = {}
    for report in world.reports:
        digest = hashlib.sha256(report.reference.encode()).hexdigest()
        attachment = ReportAttachment(
            report=report,
            classification=report.classification,
            name="nota.txt",
            content_type="text/plain",
            size=len(report.reference),
            sha256=digest,
            uploaded_by=report.author,
        )
        attachment.file.save("nota.txt", ContentFile(report.reference.encode()), save=False)
        attachment.save()
        attachments[report.pk] = attachment

    @settings_(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(user=st.sampled_from(world.users), report=st.sampled_from(world.reports))
    def check(user, report):
        signed_in(client, user)
        attachment = attachments[report.pk]
        download = client.get(reverse("intel_attachment_download", args=[attachment.pk]))
        api_download = client.get(f"{API}/attachments/{attachment.pk}/download")
        detail = client.get(f"{API}/reports/{report.pk}")
        stix = client.get(f"{API}/reports/{report.pk}/stix")
        expected = 200 if may_read(user, report) else 404
        got = (download.status_code, api_download.status_code, detail.status_code, stix.status_code)
        assert got == (expected,) * 4, (user.username, report.reference)

    check()


def test_the_admin_shows_no_report(world, client):
    """The Django admin has no page of reports, entities or links, for anybody."""
    admins = [u for u in world.users if u.is_superuser or u.has_role("administrator")]
    for user in admins[:4]:
        user.is_staff = True
        user.save()
        signed_in(client, user)
        for model in ("intelreport", "entity", "reportentity", "reportrelease", "reportversion"):
            assert client.get(f"/admin/intel/{model}/").status_code == 404, (user, model)
