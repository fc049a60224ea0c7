"""The built-in 2009 program, exactly as MISSION.md records it, loaded by a generic loader."""

import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError

from nonprolif.core.models import Agency, AgencyKind, AuditEntry
from nonprolif.events.models import DatePrecision, Meeting
from nonprolif.program.models import ItemKind, Program, Proposal, ProposalItem
from nonprolif.seed.loader import load_program_document

NATIONAL = {"CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS"}
PARTNERS = {"FBI-WMDD", "LEGAT"}


def dump() -> str:
    """Every row the program document touches, serialized (for before/after comparisons)."""
    rows = []
    for model in (Agency, Program, Proposal, ProposalItem, Meeting):
        rows += list(model.objects.order_by("pk"))
    return serializers.serialize("json", rows)


def test_the_program_has_the_eight_national_agencies_and_the_two_partners(mx2009):
    assert Agency.objects.count() == 10
    assert set(Agency.objects.filter(kind=AgencyKind.NATIONAL).values_list("code", flat=True)) == (
        NATIONAL
    )
    assert set(Agency.objects.filter(kind=AgencyKind.PARTNER).values_list("code", flat=True)) == (
        PARTNERS
    )
    assert set(mx2009.member_agencies.values_list("code", flat=True)) == NATIONAL
    assert set(mx2009.partner_agencies.values_list("code", flat=True)) == PARTNERS
    assert mx2009.lead_agency.code == "CISEN"
    assert mx2009.country == "MX"
    assert mx2009.time_zone == "America/Mexico_City"
    assert mx2009.target_trainees == 200


def test_cisen_sits_under_segob_and_legat_under_the_wmd_directorate(mx2009):
    assert Agency.objects.get(code="CISEN").parent.code == "SEGOB"
    assert Agency.objects.get(code="LEGAT").parent.code == "FBI-WMDD"
    assert set(Agency.objects.filter(parent__isnull=False).values_list("code", flat=True)) == {
        "CISEN",
        "LEGAT",
    }
    assert set(Agency.objects.filter(country="US").values_list("code", flat=True)) == PARTNERS


def test_agency_names_are_those_of_the_record_in_spanish_and_english(mx2009):
    cisen = Agency.objects.get(code="CISEN")
    assert cisen.name_es == "Centro de Investigación y Seguridad Nacional"
    assert cisen.name_en == "Center for Research and National Security"
    assert Agency.objects.get(code="ADUANAS").name_es == "Administración General de Aduanas"
    assert Agency.objects.get(code="PGR").name_en == "Attorney General's Office"
    assert Agency.objects.get(code="SS").name_es == "Secretaría de Salud"
    for agency in Agency.objects.all():
        assert agency.name_es
        assert agency.name_en
        assert agency.description_es
        assert agency.description_en


def test_the_partner_proposal_was_submitted_by_the_directorate_on_28_august_2009(mx2009):
    proposal = Proposal.objects.get(program=mx2009)
    assert proposal.submitted_by.code == "FBI-WMDD"
    assert proposal.version == 1
    assert proposal.submitted_on == datetime.date(2009, 8, 28)
    assert proposal.title_es
    assert proposal.title_en
    assert proposal.summary_es
    assert proposal.summary_en
    assert list(proposal.items.values_list("number", flat=True)) == list(range(1, 11))


def test_item_one_is_four_cohorts_of_fifty_from_23_october_2009_every_three_months(mx2009):
    item = ProposalItem.objects.get(proposal__program=mx2009, number=1)
    assert item.kind == ItemKind.TRAINING
    assert item.target_trainees == 200
    assert (item.cohort_count, item.cohort_size, item.total_seats) == (4, 50, 200)
    assert item.start_date == datetime.date(2009, 10, 23)
    assert item.cadence_months == 3
    assert set(item.target_agencies.values_list("code", flat=True)) == NATIONAL
    for topic in (
        "non-proliferation tactics",
        "national coordination and response",
        "outreach and information sharing",
        "countermeasures",
        "preparedness",
        "intelligence analysis",
    ):
        assert topic in item.description_en
    assert "tácticas de no proliferación" in item.description_es
    # One field, typed once (by the program office, in Spanish), never "ES / EN" in one
    assert item.notes.startswith("Supuesto de planeación:")
    assert " / " not in item.notes


def test_there_is_one_senior_official_session_for_each_national_agency(mx2009):
    seniors = ProposalItem.objects.filter(proposal__program=mx2009, kind=ItemKind.SENIOR)
    assert list(seniors.values_list("number", flat=True)) == list(range(2, 10))
    targets = [list(item.target_agencies.values_list("code", flat=True)) for item in seniors]
    assert all(len(codes) == 1 for codes in targets)
    assert {codes[0] for codes in targets} == NATIONAL
    for item in seniors:
        assert item.session_days == 2
        assert item.notes.startswith("Supuesto de planeación:")


def test_item_ten_supports_the_november_2009_cancun_conference_with_guest_speakers(mx2009):
    item = ProposalItem.objects.get(proposal__program=mx2009, number=10)
    assert item.kind == ItemKind.CONFERENCE
    assert "Cancún" in item.title_en
    assert "Cancún" in item.title_es
    assert "November 2009" in item.title_en
    assert "LEGAT identifies the guest speakers" in item.description_en
    assert "CISEN hosts" in item.description_en


def test_the_two_meetings_have_their_recorded_dates_places_and_parties(mx2009):
    washington, mexico = Meeting.objects.filter(program=mx2009).order_by("date")
    assert washington.date.year == 2009
    assert washington.date_precision == DatePrecision.YEAR
    assert washington.date_display == "2009"
    assert washington.place == "Washington, D.C."
    assert set(washington.agencies.values_list("code", flat=True)) == {"CISEN", "FBI-WMDD"}

    assert mexico.date == datetime.date(2009, 8, 28)
    assert mexico.date_precision == DatePrecision.DAY
    assert mexico.place == "Ciudad de México"
    assert set(mexico.agencies.values_list("code", flat=True)) == {"CISEN", "FBI-WMDD", "LEGAT"}
    assert "training proposal" in mexico.title_en
    for meeting in (washington, mexico):
        assert meeting.title_es
        assert meeting.title_en
        assert meeting.summary_es
        assert meeting.summary_en


def test_loading_twice_changes_no_row_and_writes_no_audit_entry(mx2009, program_doc):
    before, audit_count = dump(), AuditEntry.objects.count()
    assert audit_count > 0  # the first load is audited

    result = load_program_document(program_doc)

    assert not result.changed
    assert dump() == before
    assert AuditEntry.objects.count() == audit_count


def test_the_first_load_audits_each_row_it_creates(db, program_doc):
    result = load_program_document(program_doc)
    assert result.created["core.agency"] == 10
    assert result.created["program.proposalitem"] == 10
    assert AuditEntry.objects.filter(action="seed.create").count() == 10 + 1 + 1 + 10 + 2 + 1
    entry = AuditEntry.objects.get(object_type="program.program")
    assert entry.changes["member_agencies"] == [None, sorted(NATIONAL)]


def test_a_changed_document_updates_only_what_changed_and_audits_the_change(mx2009, program_doc):
    program_doc["program"]["target_trainees"] = 250
    program_doc["proposals"][0]["items"][1]["target_agencies"] = ["SSP"]
    audit_count = AuditEntry.objects.count()

    result = load_program_document(program_doc)

    mx2009.refresh_from_db()
    assert mx2009.target_trainees == 250
    item = ProposalItem.objects.get(proposal__program=mx2009, number=2)
    assert list(item.target_agencies.values_list("code", flat=True)) == ["SSP"]
    assert result.created == {}
    assert result.updated == {"program.program": 1, "program.proposalitem": 1}
    entries = AuditEntry.objects.order_by("pk")[audit_count:]
    assert [(e.action, e.object_type) for e in entries] == [
        ("seed.update", "program.program"),
        ("seed.update", "program.proposalitem"),
    ]
    assert entries[0].changes == {"target_trainees": [200, 250]}
    assert entries[1].changes == {"target_agencies": [["CISEN"], ["SSP"]]}


def test_an_unknown_agency_code_is_named_by_its_place_and_nothing_is_written(db, program_doc):
    program_doc["proposals"][0]["items"][3]["target_agencies"] = ["SEDENA", "NOPE"]

    with pytest.raises(ValidationError) as error:
        load_program_document(program_doc)

    assert error.value.message_dict == {
        "proposals[0].items[3].target_agencies[1]": ["unknown agency code “NOPE”"]
    }
    assert Agency.objects.count() == 0
    assert Program.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_an_invalid_value_is_named_by_its_place_and_field(db, program_doc):
    program_doc["proposals"][0]["items"][0]["cohort_size"] = 0
    with pytest.raises(ValidationError) as error:
        load_program_document(program_doc)
    assert list(error.value.message_dict) == ["proposals[0].items[0].cohort_size"]
    assert ProposalItem.objects.count() == 0


def test_an_unknown_field_is_rejected_by_name(db, program_doc):
    program_doc["meetings"][1]["venue"] = "Los Pinos"
    with pytest.raises(ValidationError) as error:
        load_program_document(program_doc)
    assert error.value.message_dict == {"meetings[1].venue": ["unknown field"]}
    assert Meeting.objects.count() == 0


def test_a_parent_loop_is_rejected(db, program_doc):
    program_doc["agencies"][0]["parent"] = "CISEN"  # SEGOB under CISEN under SEGOB
    with pytest.raises(ValidationError) as error:
        load_program_document(program_doc)
    assert "parent" in next(iter(error.value.message_dict))
    assert Agency.objects.count() == 0


def test_another_country_with_other_agencies_dates_and_partner_loads_without_code_changes(db):
    doc = {
        "format": "nonprolif.program/1",
        "agencies": [
            {"code": "MININT", "name_es": "Ministerio del Interior", "name_en": "Interior",
             "country": "cl", "kind": "national"},
            {"code": "ANI", "name_es": "Agencia Nacional de Inteligencia",
             "name_en": "National Intelligence Agency", "country": "CL", "kind": "national",
             "parent": "MININT"},
            {"code": "EU-P2P", "name_es": "Programa P2P de la UE", "name_en": "EU P2P programme",
             "country": "BE", "kind": "partner"},
        ],
        "program": {"code": "cl-2012", "name_es": "Programa", "name_en": "Program",
                    "country": "CL", "lead_agency": "ANI",
                    "member_agencies": ["MININT", "ANI"], "partner_agencies": ["EU-P2P"],
                    "time_zone": "America/Santiago", "target_trainees": 60},
        "proposals": [
            {"submitted_by": "EU-P2P", "version": 2, "submitted_on": "2012-03-01",
             "title_es": "Propuesta", "title_en": "Proposal",
             "items": [{"number": 1, "kind": "training", "title_es": "Curso",
                        "title_en": "Course", "cohort_size": 20, "cohort_count": 3,
                        "start_date": "2012-05-07", "cadence_months": 2,
                        "target_agencies": ["ANI"]}]},
        ],
        "meetings": [
            {"title_es": "Reunión", "title_en": "Meeting", "date": "2012-02-01",
             "date_precision": "month", "place": "Santiago", "agencies": ["ANI", "EU-P2P"]},
        ],
    }  # fmt: skip

    load_program_document(doc)

    program = Program.objects.get(code="cl-2012")
    assert program.time_zone == "America/Santiago"
    assert Agency.objects.get(code="ANI").parent.code == "MININT"
    assert Agency.objects.get(code="MININT").country == "CL"
    item = ProposalItem.objects.get(proposal__program=program)
    assert (item.cohort_count, item.cohort_size, item.cadence_months) == (3, 20, 2)
    assert Meeting.objects.get(program=program).date_precision == DatePrecision.MONTH
