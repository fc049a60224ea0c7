"""An entry is written whatever text the request carried: NUL and lone surrogates (which
PostgreSQL's text and jsonb refuse) are stored as their escapes, and the chain still holds."""

import pytest

from nonprolif.core.domain.audit import record, verify_chain
from nonprolif.core.models import AuditEntry
from tests.factories import AgencyFactory


@pytest.mark.django_db
def test_nul_and_lone_surrogates_are_stored_as_escapes():
    agency = AgencyFactory()
    entry = record(
        actor=None,
        action="agency.list",
        obj=agency,
        changes={"query": {"q\x00": ["a\x00b", "c\ud800"]}},
        object_ids=["x\x00"],
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.changes == {"query": {"q\\x00": ["a\\x00b", "c\\ud800"]}}
    assert stored.object_ids == ["x\\x00"]
    assert verify_chain().ok
