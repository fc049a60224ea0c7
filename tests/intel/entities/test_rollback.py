"""The entity services write whole or not at all (transactional tests: only the service's
own transaction can undo what it wrote)."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.intel.entities.domain import create_entity, link_entity, update_entity
from nonprolif.intel.models import Entity, EntityAlias, ReportEntity
from tests.faults import InjectedError, audited, fail_save, table_rows
from tests.intel.conftest import EntityFactory, ReportFactory

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = (Entity, EntityAlias, ReportEntity, AuditEntry)


def test_a_registration_that_fails_midway_writes_nothing(analyst_a):
    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry, when=audited("intel.entity.create"), look=EntityAlias.objects.count
        ) as fault,
        pytest.raises(InjectedError),
    ):
        create_entity(actor=analyst_a, kind="person", name="Juan Pérez", aliases=["JP"])
    assert fault.seen == 1  # the alias was written before the audit entry failed
    assert table_rows(*TABLES) == before


def test_an_edit_that_fails_midway_changes_nothing(agency_a, analyst_a):
    entity = EntityFactory(owner=agency_a, name="Antes")
    before = table_rows(*TABLES)
    with (
        fail_save(AuditEntry, when=audited("intel.entity.update")),
        pytest.raises(InjectedError),
    ):
        update_entity(actor=analyst_a, entity=entity, name="Después", aliases=["D"])
    assert table_rows(*TABLES) == before
    entity.refresh_from_db()
    assert entity.name == "Antes"


def test_a_link_that_fails_midway_writes_nothing(agency_a, analyst_a):
    report = ReportFactory(originator=agency_a)
    entity = EntityFactory(owner=agency_a)
    before = table_rows(*TABLES)
    with (
        fail_save(AuditEntry, when=audited("intel.entity.link")),
        pytest.raises(InjectedError),
    ):
        link_entity(actor=analyst_a, report=report, entity=entity, role="subject")
    assert table_rows(*TABLES) == before
