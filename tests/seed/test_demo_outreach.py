"""The outreach demo: twenty stakeholders spread over several agencies, the awareness
materials with their files, the visits of 2009 with their follow-ups, and the tip of Química
Industrial del Bajío that became the Health report on the thiodiglycol order."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError

from nonprolif.core.models import AuditEntry, User
from nonprolif.events.models import ActionItem, ActionItemChange
from nonprolif.intel.models import ReportType
from nonprolif.outreach.models import (
    AwarenessMaterial,
    MaterialVersion,
    Stakeholder,
    StakeholderKind,
    Tip,
    Visit,
)
from nonprolif.seed.demo import load_demo_document

BAJIO = "Química Industrial del Bajío S.A. de C.V."
TODAY = datetime.date(2009, 10, 19)  # the demo clock's date


def visible(username, model=Stakeholder):
    return model.objects.visible_to(User.objects.get(username=username))


def test_twenty_stakeholders_companies_universities_laboratories_and_a_hospital(demo):
    stakeholders = Stakeholder.objects.filter(program__code="mx-2009")
    assert stakeholders.count() == 20
    assert set(stakeholders.values_list("kind", flat=True)) >= {
        StakeholderKind.COMPANY,
        StakeholderKind.UNIVERSITY,
        StakeholderKind.LABORATORY,
        StakeholderKind.HOSPITAL,
    }
    states = set(stakeholders.values_list("state", flat=True))
    assert {"Guanajuato", "Nuevo León", "Jalisco", "Estado de México"} <= states
    hospital = stakeholders.get(kind=StakeholderKind.HOSPITAL)
    assert hospital.city == "Monterrey"
    assert "cobalto-60" in hospital.materials
    assert {c.code for c in hospital.cbrn_categories.all()} == {"RAD"}
    for stakeholder in stakeholders.prefetch_related("contacts", "cbrn_categories"):
        assert stakeholder.state
        assert stakeholder.city
        assert stakeholder.materials
        assert stakeholder.cbrn_categories.exists(), stakeholder
        contacts = list(stakeholder.contacts.all())
        assert contacts, stakeholder
        assert all(c.email.endswith(".example") for c in contacts)


def test_the_responsible_agencies_are_spread_and_each_liaison_sees_only_his_own(demo):
    agencies = set(
        Stakeholder.objects.values_list("responsible_agency__code", flat=True).distinct()
    )
    assert {"SS", "SEDENA", "SEMAR", "ADUANAS", "PGR"} <= agencies
    for username, code in (
        ("enlace-ss", "SS"),
        ("enlace-sedena", "SEDENA"),
        ("enlace-semar", "SEMAR"),
        ("enlace-aduanas", "ADUANAS"),
    ):
        seen = visible(username)
        assert seen.count() >= 3, username
        assert set(seen.values_list("responsible_agency__code", flat=True)) == {code}
    assert visible("coordinador").count() == 20
    assert not visible("legat").exists()
    chemical = Stakeholder.objects.filter(sector="chemical_distribution")
    assert set(chemical.values_list("responsible_agency__code", flat=True)) == {"SS"}


def test_about_ten_visits_of_2009_by_the_responsible_agency_each_with_its_meeting(demo):
    visits = list(Visit.objects.select_related("stakeholder", "agency", "meeting"))
    assert 8 <= len(visits) <= 12
    for visit in visits:
        assert visit.date.year == 2009
        assert visit.date <= TODAY
        assert visit.agency == visit.stakeholder.responsible_agency
        assert visit.topics_es
        assert visit.topics_en
        assert visit.topics_es != visit.topics_en
        assert len(visit.attendees.splitlines()) >= 2
        assert visit.materials.exists()
        assert list(visit.meeting.agencies.all()) == [visit.agency]
        assert visit.meeting.date == visit.date
        assert visit.created_by.agency == visit.agency
    assert visible("enlace-semar", Visit).exists()
    assert not visible("legat", Visit).exists()


def test_visit_follow_ups_are_action_items_with_history_and_none_overdue_on_the_demo_clock(demo):
    items = list(ActionItem.objects.filter(meeting__outreach_visit__isnull=False))
    assert len(items) >= 5
    assert len({item.meeting_id for item in items}) >= 4
    for item in items:
        assert item.owner_agency == item.meeting.outreach_visit.agency
        assert item.title_es != item.title_en
        assert not item.is_overdue_on(TODAY)
        assert ActionItemChange.objects.filter(action_item=item).exists()


def test_three_awareness_materials_each_with_a_stored_pdf(demo):
    materials = list(AwarenessMaterial.objects.all())
    assert len(materials) == 3
    assert len({m.audience for m in materials}) == 3
    for material in materials:
        assert material.title_es != material.title_en
        version = MaterialVersion.objects.get(material=material)
        assert version.number == 1
        with version.file.open("rb") as stored:
            data = stored.read()
        assert data.startswith(b"%PDF-")
        assert version.size == len(data)
        assert version.sha256 == hashlib.sha256(data).hexdigest()
        assert version.content_type == "application/pdf"


def test_the_tip_became_the_health_report_with_the_stakeholder_linked(demo):
    tip = Tip.objects.select_related("stakeholder", "report__originator", "received_by").get()
    assert tip.reference == "TIP-SS-2009-0001"
    assert tip.stakeholder.name == BAJIO
    assert tip.stakeholder.city == "Celaya"
    assert tip.stakeholder.responsible_agency.code == "SS"
    assert "tiodiglicol" in tip.what
    assert tip.received_by.username == "enlace-ss"
    assert tip.received_by.has_role("liaison")
    assert tip.received_by.agency == tip.stakeholder.responsible_agency
    assert tip.acknowledged_at is not None
    assert tip.acknowledged_at > tip.received_at
    report = tip.report
    assert report.title_es == "Un proveedor reporta un pedido inusual de tiodiglicol"
    assert report.report_type == ReportType.OUTREACH_TIP
    assert report.originator.code == "SS"
    assert report.links.filter(entity__name=tip.stakeholder.name).exists()  # the entity
    assert list(visible("enlace-ss", Tip)) == [tip]
    assert not visible("enlace-sedena", Tip).exists()


def test_loading_the_outreach_demo_again_changes_nothing(demo, demo_doc):
    before = (AuditEntry.objects.count(), MaterialVersion.objects.count(), Visit.objects.count())
    result = load_demo_document(demo_doc)
    assert not result.changed
    after = (AuditEntry.objects.count(), MaterialVersion.objects.count(), Visit.objects.count())
    assert after == before


@pytest.mark.parametrize(
    ("field", "value", "place"),
    [
        ("tip_taken_by", "enlace-sedena", "outreach.tip_taken_by"),  # not a liaison of SS
        ("tip_taken_by", "analista-ss", "outreach.tip_taken_by"),  # of SS, not a liaison
        ("program", "xx-0000", "outreach.program"),
        ("coordinator", "nadie", "outreach.coordinator"),
    ],
)
def test_a_bad_outreach_section_is_refused_naming_it(demo, demo_doc, field, value, place):
    demo_doc["outreach"][field] = value
    Tip.objects.all().delete()
    before = (Tip.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        load_demo_document(demo_doc)
    assert list(error.value.message_dict) == [place]
    assert (Tip.objects.count(), AuditEntry.objects.count()) == before


def test_a_material_file_already_stored_is_reused_not_copied_again(demo, demo_doc):
    names = set(MaterialVersion.objects.values_list("file", flat=True))
    MaterialVersion.objects.all().delete()
    load_demo_document(demo_doc)
    assert set(MaterialVersion.objects.values_list("file", flat=True)) == names
    assert all(name.startswith("outreach/materials/") for name in names)
