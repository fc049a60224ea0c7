"""Saved searches: the services, and the notification of new matches: a link only, only of
reports the owner may read, once per report; the task and the command."""

import re
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from nonprolif.core.domain import audit
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import ReportStatus, SavedSearch
from nonprolif.intel.search.domain import delete_saved_search, notify_new_matches, save_search
from nonprolif.intel.search.tasks import notify_saved_searches
from tests.intel.conftest import ReportFactory, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(default_levels, analyst_b):
    analyst_b.email = "analyst.b@example.org"
    analyst_b.language = "en"
    analyst_b.save()
    return analyst_b


def test_save_search_records_and_takes_current_matches_as_seen(owner, agency_a, agency_b):
    seen = ReportFactory(originator=agency_a, released_to=[agency_b], body_es="cesio")
    hidden = ReportFactory(originator=agency_a, body_es="cesio")  # not released: not counted
    saved = save_search(actor=owner, name="Cesio", query="cesio", filters={"type": ""})
    assert saved.last_seen_report == seen.pk < hidden.pk
    assert saved.filters == {}
    entry = AuditEntry.objects.get(action="intel.saved_search.create")
    assert entry.actor == owner
    assert entry.changes["query"] == [None, "cesio"]


def test_delete_by_someone_else_is_refused_and_audited(analyst_a, owner):
    saved = save_search(actor=analyst_a, name="Mine", query="x")
    with pytest.raises(PermissionDenied):
        delete_saved_search(actor=owner, saved_search=saved)
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    entry = AuditEntry.objects.get(action="intel.saved_search.delete")
    assert entry.outcome == Outcome.DENIED


def test_a_new_visible_match_sends_a_link_and_nothing_else(
    owner, agency_a, agency_b, mailoutbox, settings
):
    settings.SITE_URL = "https://intel.example.org"
    saved = save_search(actor=owner, name="Mi búsqueda secreta", query="cesio")
    new = ReportFactory(
        reference="AAA-2009-0042",
        originator=agency_a,
        released_to=[agency_b],
        title_es="Robo de cesio",
        title_en="Caesium theft",
        body_es="cesio robado en Hidalgo",
    )
    assert notify_new_matches() == [saved.pk]
    [message] = mailoutbox
    assert message.to == ["analyst.b@example.org"]
    text = message.subject + message.body
    assert f"https://intel.example.org/intel/search/saved/{saved.pk}/" in message.body
    for secret in ("AAA-2009-0042", "cesio", "Caesium", "Robo", "Hidalgo", "búsqueda", "1"):
        assert secret not in text.replace(f"/saved/{saved.pk}/", "/saved/N/")
    assert len(re.findall(r"https?://", message.body)) == 1
    saved.refresh_from_db()
    assert saved.last_seen_report == new.pk
    assert saved.last_notified_at is not None
    assert AuditEntry.objects.filter(action="intel.saved_search.notify").count() == 1
    # Told once: the next run finds nothing new.
    assert notify_new_matches() == []
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("hidden", ["unreleased", "classified", "draft"])
def test_a_new_hidden_match_sends_nothing(owner, agency_a, agency_b, mailoutbox, hidden):
    saved = save_search(actor=owner, name="S", query="cesio")
    options = {
        "unreleased": {},
        "classified": {"released_to": [agency_b], "classification": level("S")},
        "draft": {"released_to": [agency_b], "status": ReportStatus.DRAFT},
    }[hidden]
    owner.clearance = level("C")
    owner.save()
    ReportFactory(originator=agency_a, body_es="cesio", **options)
    assert notify_new_matches() == []
    assert mailoutbox == []
    saved.refresh_from_db()
    assert saved.last_notified_at is None


def test_no_mail_without_notify_an_address_or_an_active_owner(
    owner, agency_a, agency_b, mailoutbox
):
    save_search(actor=owner, name="Quiet", query="cesio", notify=False)
    ReportFactory(originator=agency_a, released_to=[agency_b], body_es="cesio")
    assert notify_new_matches() == []
    save_search(actor=owner, name="Loud", query="uranio")
    ReportFactory(originator=agency_a, released_to=[agency_b], body_es="uranio")
    owner.is_active = False
    owner.save()
    assert notify_new_matches() == []
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_notification_changes_nothing(owner, agency_a, agency_b, mailoutbox, monkeypatch):
    saved = save_search(actor=owner, name="S", query="cesio")
    ReportFactory(originator=agency_a, released_to=[agency_b], body_es="cesio")
    before = AuditEntry.objects.count()

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr("nonprolif.intel.search.domain.record", broken)
    with pytest.raises(RuntimeError):
        notify_new_matches()
    saved.refresh_from_db()
    assert saved.last_notified_at is None
    assert AuditEntry.objects.count() == before
    assert mailoutbox == []
    monkeypatch.setattr("nonprolif.intel.search.domain.record", audit.record)
    assert notify_new_matches() == [saved.pk]


def test_the_task_and_the_command(owner, agency_a, agency_b, mailoutbox):
    save_search(actor=owner, name="S", query="cesio")
    ReportFactory(originator=agency_a, released_to=[agency_b], body_es="cesio")
    result = notify_saved_searches.enqueue()
    assert result.return_value == 1
    assert len(mailoutbox) == 1
    ReportFactory(originator=agency_a, released_to=[agency_b], body_es="cesio")
    out = StringIO()
    call_command("notify_searches", stdout=out)
    assert "1 saved search(es)" in out.getvalue()
    out = StringIO()
    call_command("notify_searches", "--enqueue", stdout=out)
    assert "Queued" in out.getvalue()
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_failed_save_or_delete_changes_nothing(owner, monkeypatch):
    saved = save_search(actor=owner, name="Kept", query="x")

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr("nonprolif.intel.search.domain.record", broken)
    with pytest.raises(RuntimeError):
        save_search(actor=owner, name="Lost", query="y")
    with pytest.raises(RuntimeError):
        delete_saved_search(actor=owner, saved_search=saved)
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ["Kept"]
