"""Every GET URL of the resolver, asked by a signed-in coordinator, writes exactly one audit
entry, except the unscoped URLs (settings.AUDIT_UNSCOPED_URL_NAMES), which write none.

The walk is tests/test_login_required.py's: every pattern with sample path arguments (most
then name nothing, and the answer is a 404: a denied entry, still exactly one).
"""

import pytest
from django.conf import settings
from django.test import Client

from nonprolif.core.domain.audit import verify_chain
from nonprolif.core.models import AuditEntry
from tests.test_login_required import ROUTES, sample_path


def test_the_unscoped_list_names_existing_urls():
    names = {name for _, name, _ in ROUTES}
    assert set(settings.AUDIT_UNSCOPED_URL_NAMES) <= names


@pytest.mark.parametrize(("route", "name", "callback"), ROUTES, ids=[r[0] or "/" for r in ROUTES])
def test_a_get_writes_one_entry_unless_unscoped(route, name, callback, coordinator):
    client = Client()
    client.force_login(coordinator)
    before = AuditEntry.objects.count()
    response = client.get(sample_path(route))
    written = list(AuditEntry.objects.order_by("seq")[before:])
    if name in settings.AUDIT_UNSCOPED_URL_NAMES:
        assert written == [], (route, response.status_code)
        return
    assert len(written) == 1, (route, response.status_code, [e.action for e in written])
    [entry] = written
    assert entry.actor == coordinator
    assert entry.request_id == response["X-Request-ID"]
    if response.status_code in (403, 404):
        assert entry.outcome == "denied"
    assert verify_chain().ok
