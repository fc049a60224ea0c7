import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.program.domain import (
    create_item,
    create_program,
    create_proposal,
    update_item,
    update_program,
    update_proposal,
)
from nonprolif.program.models import Program, Proposal, ProposalItem
from tests.program.payloads import ITEM_JSON

ITEM = {**ITEM_JSON, "start_date": datetime.date(2009, 10, 23)}


def program_fields(lead):
    return {
        "code": "mx-2010",
        "name_es": "Programa 2010",
        "name_en": "2010 program",
        "country": "mx",
        "lead_agency": lead,
    }


# Programs


def test_coordinator_creates_program_with_members_partners_and_audit(
    coordinator, agency_a, agency_b, partner_agency
):
    program = create_program(
        actor=coordinator,
        member_agencies=[agency_a, agency_b],
        partner_agencies=[partner_agency],
        **program_fields(agency_a),
    )
    assert program.country == "MX"
    assert set(program.member_agencies.all()) == {agency_a, agency_b}
    assert list(program.partner_agencies.all()) == [partner_agency]
    entry = AuditEntry.objects.get(action="program.create")
    assert entry.actor == coordinator
    assert entry.changes["partner_agencies"] == [None, ["PTR"]]


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor", "administrator", "outsider"])
def test_only_coordinators_create_programs(request, user, agency_a):
    with pytest.raises(PermissionDenied):
        create_program(actor=request.getfixturevalue(user), **program_fields(agency_a))
    assert not Program.objects.filter(code="mx-2010").exists()


def test_program_with_unknown_time_zone_is_rejected_naming_the_field(coordinator, agency_a):
    with pytest.raises(ValidationError) as error:
        create_program(actor=coordinator, time_zone="Mars/Olympus", **program_fields(agency_a))
    assert "time_zone" in error.value.message_dict
    assert not Program.objects.filter(code="mx-2010").exists()


def test_agency_cannot_be_member_and_partner(coordinator, agency_a, agency_b):
    with pytest.raises(ValidationError) as error:
        create_program(
            actor=coordinator,
            member_agencies=[agency_b],
            partner_agencies=[agency_b],
            **program_fields(agency_a),
        )
    assert "BBB" in error.value.message_dict["partner_agencies"][0]
    assert not Program.objects.filter(code="mx-2010").exists()


def test_update_program_changes_fields_and_agencies(coordinator, program, agency_b):
    update_program(actor=coordinator, program=program, name_en="Renamed", member_agencies=[])
    program.refresh_from_db()
    assert program.name_en == "Renamed"
    assert program.member_agencies.count() == 0
    entry = AuditEntry.objects.get(action="program.update")
    assert entry.changes["name_en"][1] == "Renamed"
    assert entry.changes["member_agencies"] == [["AAA", "BBB"], []]


def test_refused_program_update_leaves_it_unchanged(liaison_a, coordinator, program):
    with pytest.raises(PermissionDenied):
        update_program(actor=liaison_a, program=program, name_en="Hijacked")
    with pytest.raises(ValidationError) as error:
        update_program(actor=coordinator, program=program, country="", name_en="Hijacked")
    assert "country" in error.value.message_dict
    program.refresh_from_db()
    assert program.name_en != "Hijacked"
    assert not AuditEntry.objects.filter(action="program.update").exists()


# Proposals


def test_partner_proposes_for_own_agency_with_next_version(partner, program, partner_agency):
    first = create_proposal(
        actor=partner,
        program=program,
        title_es="Propuesta",
        title_en="Proposal",
        submitted_on=datetime.date(2009, 8, 28),
    )
    second = create_proposal(
        actor=partner,
        program="prog-test",
        title_es="Propuesta",
        title_en="Proposal",
        submitted_on=datetime.date(2009, 9, 28),
    )
    assert (first.submitted_by, first.version, second.version) == (partner_agency, 1, 2)
    assert AuditEntry.objects.filter(action="proposal.create").count() == 2


@pytest.mark.parametrize("program_ref", ["no-such-program", "prog-other", ""])
def test_proposal_for_unknown_or_invisible_program_is_a_validation_error_on_program(
    partner, program, other_program, program_ref
):
    with pytest.raises(ValidationError) as error:
        create_proposal(
            actor=partner,
            program=program_ref,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert list(error.value.message_dict) == ["program"]
    assert not Proposal.objects.exists()


def test_proposal_for_invisible_program_instance_is_a_validation_error(
    partner, program, other_program
):
    with pytest.raises(ValidationError) as error:
        create_proposal(
            actor=partner,
            program=other_program,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert "program" in error.value.message_dict


@pytest.mark.parametrize("user", ["liaison_a", "auditor"])
def test_liaisons_and_auditors_cannot_propose(request, user, program):
    with pytest.raises(PermissionDenied):
        create_proposal(
            actor=request.getfixturevalue(user),
            program=program,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert not Proposal.objects.exists()


def test_partner_cannot_submit_for_another_agency(partner, program, second_partner_agency):
    with pytest.raises(ValidationError) as error:
        create_proposal(
            actor=partner,
            program=program,
            submitted_by=second_partner_agency,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert "submitted_by" in error.value.message_dict


def test_coordinator_proposal_must_come_from_a_partner_of_the_program(coordinator, program):
    with pytest.raises(ValidationError) as error:
        create_proposal(
            actor=coordinator,
            program=program,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert "submitted_by" in error.value.message_dict
    assert not Proposal.objects.exists()


def test_duplicate_version_is_an_error_on_version(partner, proposal):
    with pytest.raises(ValidationError) as error:
        create_proposal(
            actor=partner,
            program=proposal.program,
            version=proposal.version,
            title_es="x",
            title_en="x",
            submitted_on=datetime.date(2009, 8, 28),
        )
    assert "version" in error.value.message_dict


def test_update_proposal_by_other_partner_agency_is_refused(second_partner, proposal):
    with pytest.raises(PermissionDenied):
        update_proposal(actor=second_partner, proposal=proposal, title_en="Hijacked")
    proposal.refresh_from_db()
    assert proposal.title_en == "Training proposal"


def test_update_proposal_records_the_change(partner, proposal):
    update_proposal(actor=partner, proposal=proposal, title_en="Revised", version=2)
    proposal.refresh_from_db()
    assert (proposal.title_en, proposal.version) == ("Revised", 2)
    assert AuditEntry.objects.get(action="proposal.update").changes["version"] == [1, 2]


# Items


def test_partner_adds_item_with_next_number_and_targets(partner, proposal, item_all, agency_b):
    item = create_item(actor=partner, proposal=proposal, target_agencies=[agency_b], **ITEM)
    assert item.number == 2
    assert list(item.target_agencies.all()) == [agency_b]
    assert item.total_seats == 200
    entry = AuditEntry.objects.get(action="proposalitem.create")
    assert entry.changes["target_agencies"] == [None, ["BBB"]]


@pytest.mark.parametrize(
    ("field", "value"),
    [("cohort_size", 0), ("cadence_months", -3), ("cohort_count", 0), ("session_days", 0)],
)
def test_bad_item_numbers_are_rejected_naming_the_field(coordinator, proposal, field, value):
    with pytest.raises(ValidationError) as error:
        create_item(actor=coordinator, proposal=proposal, **{**ITEM, field: value})
    assert field in error.value.message_dict
    assert not ProposalItem.objects.exists()
    assert not AuditEntry.objects.exists()


def test_item_targets_must_be_agencies_of_the_program(coordinator, proposal, partner_agency):
    with pytest.raises(ValidationError) as error:
        create_item(actor=coordinator, proposal=proposal, target_agencies=[partner_agency], **ITEM)
    assert "PTR" in error.value.message_dict["target_agencies"][0]
    assert not ProposalItem.objects.exists()


def test_duplicate_item_number_is_an_error_on_number(coordinator, proposal, item_all):
    with pytest.raises(ValidationError) as error:
        create_item(actor=coordinator, proposal=proposal, **{**ITEM, "number": 1})
    assert "number" in error.value.message_dict


@pytest.mark.parametrize("user", ["liaison_a", "auditor", "second_partner"])
def test_only_coordinator_and_submitting_partner_add_items(request, user, proposal):
    with pytest.raises(PermissionDenied):
        create_item(actor=request.getfixturevalue(user), proposal=proposal, **ITEM)
    assert not ProposalItem.objects.exists()


def test_refused_item_update_leaves_row_unchanged(coordinator, liaison_a, item_all):
    with pytest.raises(ValidationError) as error:
        update_item(actor=coordinator, item=item_all, cohort_size=0, title_en="Changed")
    assert "cohort_size" in error.value.message_dict
    assert item_all.cohort_size == 50  # the caller's object is restored too
    with pytest.raises(PermissionDenied):
        update_item(actor=liaison_a, item=item_all, title_en="Changed")
    item_all.refresh_from_db()
    assert (item_all.cohort_size, item_all.title_en) == (50, "General course")


def test_update_item_replaces_targets(partner, item_for_a, agency_b):
    update_item(actor=partner, item=item_for_a, target_agencies=[agency_b], cohort_size=12)
    item_for_a.refresh_from_db()
    assert list(item_for_a.target_agencies.all()) == [agency_b]
    changes = AuditEntry.objects.get(action="proposalitem.update").changes
    assert changes["target_agencies"] == [["AAA"], ["BBB"]]
    assert changes["cohort_size"] == [10, 12]
