"""Registering and changing stakeholders and their contacts: who may, what is written, what
is refused (audited, nothing changed)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import CbrnCategory
from nonprolif.outreach.models import Contact, Stakeholder
from nonprolif.outreach.stakeholders.domain import (
    add_contact,
    create_stakeholder,
    remove_contact,
    update_contact,
    update_stakeholder,
)
from tests.outreach.stakeholders.conftest import denied

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Hospital General de Monterrey",
    "kind": "hospital",
    "sector": "healthcare",
    "state": "Nuevo León",
    "city": "Monterrey",
    "materials": "Fuente de Cs-137 (teleterapia)",
}


def test_a_liaison_registers_for_his_own_agency_by_default(liaison_a, program, agency_a):
    rad = CbrnCategory.objects.get(code="RAD")
    stakeholder = create_stakeholder(
        actor=liaison_a, program=program, cbrn_categories=[rad], **FIELDS
    )
    assert stakeholder.responsible_agency == agency_a
    assert stakeholder.created_by == liaison_a
    assert list(stakeholder.cbrn_categories.values_list("code", flat=True)) == ["RAD"]
    entry = AuditEntry.objects.get(action="outreach.stakeholder.create")
    assert entry.object_repr == f"STK-{stakeholder.pk}"
    assert entry.changes["cbrn_categories"] == [None, ["RAD"]]


def test_a_liaison_may_not_register_for_another_agency(liaison_a, program, agency_b):
    with pytest.raises(PermissionDenied):
        create_stakeholder(actor=liaison_a, program=program, responsible_agency=agency_b, **FIELDS)
    assert not Stakeholder.objects.exists()
    assert denied("outreach.stakeholder.create") == 1


def test_a_coordinator_registers_for_any_national_agency(coordinator, program, agency_b):
    stakeholder = create_stakeholder(
        actor=coordinator, program=program, responsible_agency=agency_b, **FIELDS
    )
    assert stakeholder.responsible_agency == agency_b


def test_a_partner_agency_is_never_responsible(coordinator, program, partner_agency):
    with pytest.raises(ValidationError) as error:
        create_stakeholder(
            actor=coordinator, program=program, responsible_agency=partner_agency, **FIELDS
        )
    assert "responsible_agency" in error.value.message_dict
    assert not Stakeholder.objects.exists()


def test_a_coordinator_must_name_the_responsible_agency(coordinator, program):
    with pytest.raises(ValidationError) as error:
        create_stakeholder(actor=coordinator, program=program, **FIELDS)
    assert "responsible_agency" in error.value.message_dict


def test_bad_input_names_the_field(liaison_a, program):
    with pytest.raises(ValidationError) as error:
        create_stakeholder(actor=liaison_a, program=program, **{**FIELDS, "kind": "castle"})
    assert set(error.value.message_dict) == {"kind"}
    with pytest.raises(ValidationError) as error:
        create_stakeholder(actor=liaison_a, program=program, **{**FIELDS, "name": "   "})
    assert "name" in error.value.message_dict
    assert not Stakeholder.objects.exists()


@pytest.mark.parametrize("who", ["analyst_a", "auditor", "partner", "outsider"])
def test_readers_and_strangers_register_nothing(request, who, program):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        create_stakeholder(actor=user, program=program, **FIELDS)
    assert not Stakeholder.objects.exists()
    assert denied("outreach.stakeholder.create") == 1


def test_the_responsible_liaison_changes_a_stakeholder(liaison_a, stakeholder_a):
    update_stakeholder(actor=liaison_a, stakeholder=stakeholder_a, city="Tampico")
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.city == "Tampico"
    entry = AuditEntry.objects.get(action="outreach.stakeholder.update")
    assert entry.changes == {"city": ["Monterrey", "Tampico"]}


def test_nothing_changed_writes_nothing(liaison_a, stakeholder_a):
    update_stakeholder(actor=liaison_a, stakeholder=stakeholder_a, city=stakeholder_a.city)
    assert not AuditEntry.objects.filter(action="outreach.stakeholder.update").exists()


def test_a_liaison_may_not_hand_his_stakeholder_to_another_agency(
    liaison_a, stakeholder_a, agency_a, agency_b
):
    with pytest.raises(PermissionDenied):
        update_stakeholder(actor=liaison_a, stakeholder=stakeholder_a, responsible_agency=agency_b)
    assert stakeholder_a.responsible_agency_id == agency_a.pk
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.responsible_agency_id == agency_a.pk
    assert denied("outreach.stakeholder.update") == 1


@pytest.mark.parametrize("who", ["liaison_b", "analyst_a", "auditor"])
def test_a_refused_change_leaves_the_row_unchanged(request, who, stakeholder_a):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        update_stakeholder(actor=user, stakeholder=stakeholder_a, name="Otro nombre")
    stakeholder_a.refresh_from_db()
    assert stakeholder_a.name == "Química Peñoles del Golfo"
    assert denied("outreach.stakeholder.update") == 1


def test_a_bad_change_keeps_the_stored_values(coordinator, stakeholder_a):
    with pytest.raises(ValidationError) as error:
        update_stakeholder(actor=coordinator, stakeholder=stakeholder_a, sector="nowhere")
    assert "sector" in error.value.message_dict
    assert stakeholder_a.sector == "chemical_distribution"


def test_contacts_are_added_changed_and_removed(liaison_a, stakeholder_a):
    contact = add_contact(
        actor=liaison_a, stakeholder=stakeholder_a, name="Lic. Ana Ruiz", email="ana@ejemplo.mx"
    )
    update_contact(actor=liaison_a, contact=contact, position="Directora de cumplimiento")
    contact.refresh_from_db()
    assert contact.position == "Directora de cumplimiento"
    remove_contact(actor=liaison_a, contact=contact)
    assert not Contact.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="outreach.contact.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "outreach.contact.create",
        "outreach.contact.update",
        "outreach.contact.delete",
    ]


def test_a_bad_e_mail_names_the_field(liaison_a, stakeholder_a):
    with pytest.raises(ValidationError) as error:
        add_contact(actor=liaison_a, stakeholder=stakeholder_a, name="Ana", email="not an address")
    assert set(error.value.message_dict) == {"email"}
    assert not Contact.objects.exists()


def test_another_agency_may_not_touch_the_contacts(liaison_b, contact_a):
    with pytest.raises(PermissionDenied):
        update_contact(actor=liaison_b, contact=contact_a, name="Otro")
    with pytest.raises(PermissionDenied):
        remove_contact(actor=liaison_b, contact=contact_a)
    contact_a.refresh_from_db()
    assert contact_a.name == "Ing. Laura Méndez"
    assert denied("outreach.contact.update") == 1
    assert denied("outreach.contact.delete") == 1
