"""The entity services: who may register, edit, link and unlink; bad input names the field;
refusals are audited as denied and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from nonprolif.intel.entities.domain import (
    create_entity,
    link_entity,
    unlink_entity,
    update_entity,
)
from nonprolif.intel.models import Entity, ReportEntity, ReportStatus
from tests.intel.conftest import EntityFactory, ReportFactory, analyst, level

pytestmark = pytest.mark.django_db


def last_entry(action):
    return AuditEntry.objects.filter(action=action).order_by("-pk").first()


def test_analyst_registers_an_entity_with_aliases(analyst_a):
    entity = create_entity(
        actor=analyst_a,
        kind="organisation",
        name="  Químicos   del Norte ",
        country="mx",
        aliases=["QDN", "QDN", "", "Químicos del Norte"],
    )
    assert (entity.name, entity.country, entity.owner_id) == (
        "Químicos del Norte",
        "MX",
        analyst_a.agency_id,
    )
    assert list(entity.aliases.values_list("name", flat=True)) == ["QDN"]
    entry = last_entry("intel.entity.create")
    assert entry.object_id == str(entity.pk)
    assert "Químicos" not in entry.object_repr  # audited by number, not by name


def test_bad_entity_input_names_the_field_and_writes_nothing(analyst_a):
    with pytest.raises(ValidationError) as error:
        create_entity(actor=analyst_a, kind="dragon", name="", aliases=["x" * 301])
    assert {"kind", "name", "aliases"} <= set(error.value.message_dict)
    assert not Entity.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "uncleared", "liaison"])
def test_only_cleared_analysts_register_entities(request, agency_a, who):
    user = {
        "coordinator": lambda: analyst("coord", agency_a, "S", roles=[Role.COORDINATOR]),
        "uncleared": lambda: analyst("nocl", agency_a, None),
        "liaison": lambda: request.getfixturevalue("liaison_a"),
    }[who]()
    with pytest.raises(PermissionDenied):
        create_entity(actor=user, kind="person", name="Juan Pérez")
    assert not Entity.objects.exists()
    assert last_entry("intel.entity.create").outcome == Outcome.DENIED


def test_owner_agency_edits_entity_and_aliases(agency_a, analyst_a):
    entity = EntityFactory(owner=agency_a, name="Naviera")
    updated = update_entity(
        actor=analyst_a, entity=entity, name="Naviera Golfo", aliases=["NG", "Golfo"]
    )
    assert updated.name == "Naviera Golfo"
    assert sorted(updated.aliases.values_list("name", flat=True)) == ["Golfo", "NG"]
    update_entity(actor=analyst_a, entity=entity, aliases=["NG"])
    assert list(entity.aliases.values_list("name", flat=True)) == ["NG"]
    entry = last_entry("intel.entity.update")
    assert entry.changes["fields"] == ["aliases"]
    assert "Naviera" not in str(entry.changes)


def test_other_agency_cannot_edit_an_entity(agency_a, analyst_b):
    entity = EntityFactory(owner=agency_a, name="Naviera")
    with pytest.raises(PermissionDenied):
        update_entity(actor=analyst_b, entity=entity, name="Otra")
    entity.refresh_from_db()
    assert entity.name == "Naviera"
    assert last_entry("intel.entity.update").outcome == Outcome.DENIED


def test_unknown_field_is_refused(agency_a, analyst_a):
    entity = EntityFactory(owner=agency_a)
    with pytest.raises(ValidationError) as error:
        update_entity(actor=analyst_a, entity=entity, owner=None)
    assert "owner" in error.value.message_dict


def test_writer_links_and_unlinks(agency_a, analyst_a):
    report = ReportFactory(originator=agency_a)
    entity = EntityFactory(owner=agency_a)
    made = link_entity(actor=analyst_a, report=report, entity=entity, role="supplier")
    assert ReportEntity.objects.filter(pk=made.pk, role="supplier").exists()
    with pytest.raises(ValidationError) as error:
        link_entity(actor=analyst_a, report=report, entity=entity, role="supplier")
    assert "role" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        link_entity(actor=analyst_a, report=report, entity=entity, role="friend")
    assert "role" in error.value.message_dict
    unlink_entity(actor=analyst_a, link=made)
    assert not ReportEntity.objects.exists()
    assert last_entry("intel.entity.unlink").outcome == Outcome.ALLOWED


def test_readers_and_uncleared_writers_cannot_link(agency_a, agency_b, analyst_b):
    report = ReportFactory(originator=agency_a, released_to=[agency_b])
    entity = EntityFactory(owner=agency_b)
    with pytest.raises(PermissionDenied):
        link_entity(actor=analyst_b, report=report, entity=entity, role="subject")
    low = analyst("a_low", agency_a, "SBU")
    with pytest.raises(PermissionDenied):
        link_entity(actor=low, report=report, entity=entity, role="subject")
    assert not ReportEntity.objects.exists()
    assert last_entry("intel.entity.link").outcome == Outcome.DENIED


def test_withdrawn_report_keeps_its_links(agency_a, analyst_a):
    report = ReportFactory(originator=agency_a, status=ReportStatus.WITHDRAWN)
    entity = EntityFactory(owner=agency_a)
    made = ReportEntity.objects.create(report=report, entity=entity, role="subject")
    with pytest.raises(PermissionDenied):
        link_entity(actor=analyst_a, report=report, entity=entity, role="carrier")
    with pytest.raises(PermissionDenied):
        unlink_entity(actor=analyst_a, link=made)
    assert ReportEntity.objects.filter(pk=made.pk).exists()


def test_clearance_covers_the_classification_to_link(agency_a):
    report = ReportFactory(originator=agency_a, classification=level("S"))
    entity = EntityFactory(owner=agency_a)
    confidential = analyst("a_conf", agency_a, "C")
    with pytest.raises(PermissionDenied):
        link_entity(actor=confidential, report=report, entity=entity, role="subject")
