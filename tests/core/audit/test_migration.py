"""Migration core 0005 chains the entries written before the chain existed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nonprolif.core.domain.audit import chain_head, verify_chain
from nonprolif.core.models import AuditEntry

BEFORE = [("core", "0003_accounts_grants_tokens")]


@pytest.mark.django_db(transaction=True)
def test_existing_entries_are_numbered_in_time_order_snapshotted_and_chained():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    agency = apps.get_model("core", "Agency").objects.create(
        code="AAA", name_es="A", name_en="A", kind="national"
    )
    user = apps.get_model("core", "User").objects.create(username="ana", agency=agency)
    user.groups.add(apps.get_model("auth", "Group").objects.create(name="liaison"))
    old = apps.get_model("core", "AuditEntry")
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for minutes, action in ((5, "b"), (1, "a"), (9, "c")):
        old.objects.create(
            at=moment + datetime.timedelta(minutes=minutes),
            actor=user,
            action=action,
            object_type="core.agency",
            object_id="1",
            object_repr="A",
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    entries = list(AuditEntry.objects.order_by("seq"))
    assert [(e.seq, e.action) for e in entries] == [(1, "a"), (2, "b"), (3, "c")]
    assert {(e.actor_name, e.role, e.agency) for e in entries} == {("ana", "liaison", "AAA")}
    report = verify_chain()
    assert report.ok, report.problem
    assert chain_head() == (3, entries[-1].entry_hash)
