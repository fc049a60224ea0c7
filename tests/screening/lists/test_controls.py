"""Control lists: a file loaded all or nothing (created, updated, unchanged by regime and
code), searched by code, description and CAS number, and corrected one entry at a time in
the admin, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.screening.lists.domain import load_controls, save_control_entry
from nonprolif.screening.lists.queries import search_controls
from nonprolif.screening.models import ControlListEntry
from tests.screening.factories_lists import ControlListEntryFactory
from tests.screening.lists.conftest import FIXTURES, controls

pytestmark = pytest.mark.django_db

THIODIGLYCOL = (
    "AG,1C350.1,Thiodiglycol,Tiodiglicol,111-48-8,293090,29309099,thiodiglycol,tiodiglicol"
)
OXYCHLORIDE = (
    "AG,1C350.2,Phosphorus oxychloride,Oxicloruro de fósforo,10025-87-3,281212,28121299,"
    "phosphoryl chloride,oxicloruro de fosforo"
)


def test_a_control_list_file_is_loaded_then_updated_by_regime_and_code(coordinator):
    counts = load_controls(data=controls(THIODIGLYCOL, OXYCHLORIDE), actor=coordinator)
    assert counts == {"entries": 2, "created": 2, "updated": 0, "unchanged": 0}
    entry = ControlListEntry.objects.get(regime="AG", code="1C350.1")
    assert entry.cas_numbers == ["111-48-8"]
    assert entry.description_es == "Tiodiglicol"
    changed = THIODIGLYCOL.replace("Thiodiglycol,", "Thiodiglycol (TDG),")
    again = load_controls(data=controls(changed, OXYCHLORIDE), actor=coordinator)
    assert again == {"entries": 2, "created": 0, "updated": 1, "unchanged": 1}
    entry.refresh_from_db()
    assert entry.description_en == "Thiodiglycol (TDG)"
    assert ControlListEntry.objects.count() == 2
    audits = AuditEntry.objects.filter(action="screening.controls.load").order_by("seq")
    assert [a.changes["created"] for a in audits] == [2, 0]


def test_the_shipped_australia_group_list_loads(coordinator):
    data = (FIXTURES / "controls" / "australia-group-precursors.csv").read_bytes()
    counts = load_controls(data=data, actor=coordinator)
    assert counts["entries"] >= 40
    assert counts["created"] == counts["entries"] == ControlListEntry.objects.count()
    assert set(ControlListEntry.objects.values_list("regime", flat=True)) == {"AG"}
    assert all(ControlListEntry.objects.values_list("cas_numbers", flat=True))
    assert load_controls(data=data, actor=coordinator)["unchanged"] == counts["entries"]


def test_a_bad_row_loads_nothing_and_names_the_line(coordinator, english):
    ControlListEntryFactory(regime="AG", code="1C350.1", description_en="Before")
    bad = OXYCHLORIDE.replace("10025-87-3", "10025-87-4")
    with pytest.raises(ValidationError) as refused:
        load_controls(data=controls(THIODIGLYCOL, bad), actor=coordinator)
    message = refused.value.message_dict["file"][0]
    assert "cannot be read" in message
    assert "3" in message
    assert ControlListEntry.objects.get(code="1C350.1").description_en == "Before"
    assert ControlListEntry.objects.count() == 1


def test_an_unknown_regime_is_refused(coordinator, english):
    with pytest.raises(ValidationError) as refused:
        load_controls(data=controls(THIODIGLYCOL.replace("AG,", "XX,", 1)), actor=coordinator)
    assert "XX" in refused.value.message_dict["file"][0]
    assert not ControlListEntry.objects.exists()


def test_only_coordinators_load_control_lists(analyst, administrator):
    for user in (analyst, administrator):
        with pytest.raises(PermissionDenied):
            load_controls(data=controls(THIODIGLYCOL), actor=user)
    assert (
        AuditEntry.objects.filter(action="screening.controls.load", outcome=Outcome.DENIED).count()
        == 2
    )
    assert not ControlListEntry.objects.exists()


def test_controls_are_searched_by_code_description_and_cas(coordinator, analyst):
    load_controls(data=controls(THIODIGLYCOL, OXYCHLORIDE), actor=coordinator)
    ControlListEntryFactory(regime="NSG", code="2B350", description_en="Valves")

    def codes(**filters):
        return list(search_controls(analyst, **filters).values_list("code", flat=True))

    assert codes() == ["1C350.1", "1C350.2", "2B350"]
    assert codes(regime="NSG") == ["2B350"]
    assert codes(regime="XX") == []
    assert codes(q="10025-87-3") == ["1C350.2"]
    assert codes(q="FOSFORO") == ["1C350.2"]
    assert codes(q="oxicloruro fósforo") == ["1C350.2"]
    assert codes(q="1c350.1") == ["1C350.1"]
    assert codes(q="valves", regime="AG") == []


def test_an_entry_corrected_in_the_admin_is_audited(administrator, analyst):
    entry = ControlListEntryFactory(regime="AG", code="1C350.9", description_en="Old")
    entry.description_en = "New"
    save_control_entry(actor=administrator, entry=entry)
    audit = AuditEntry.objects.get(action="screening.control_entry.change")
    assert audit.changes == {"description_en": ["Old", "New"]}
    entry.description_en = "Forged"
    with pytest.raises(PermissionDenied):
        save_control_entry(actor=analyst, entry=entry)
    entry.refresh_from_db()
    assert entry.description_en == "New"


def test_the_admin_saves_through_the_service(as_user, administrator):
    administrator.is_staff = True
    administrator.save()
    entry = ControlListEntryFactory(regime="AG", code="1C350.7", description_en="Old")
    response = as_user(administrator).post(
        f"/admin/screening/controllistentry/{entry.pk}/change/",
        {
            "regime": "AG",
            "code": "1C350.7",
            "description_en": "Corrected",
            "description_es": "",
            "cas_numbers": "[]",
            "hs6": "[]",
            "tariff_fractions": "[]",
            "keywords_en": "[]",
            "keywords_es": "[]",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.description_en == "Corrected"
    assert AuditEntry.objects.filter(action="screening.control_entry.change").exists()


def test_the_admin_is_closed_to_coordinators(as_user, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    entry = ControlListEntryFactory(description_en="Kept")
    client = as_user(coordinator)
    page = client.get(f"/admin/screening/controllistentry/{entry.pk}/change/")
    assert page.status_code in (403, 404)
    client.post(
        f"/admin/screening/controllistentry/{entry.pk}/change/",
        {"regime": "AG", "code": entry.code, "description_en": "Forged"},
    )
    entry.refresh_from_db()
    assert entry.description_en == "Kept"
