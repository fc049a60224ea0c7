"""The matrix's services: an entry's status and legal basis, evidence, action plan items."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nonprolif.core.models import AuditEntry
from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items
from nonprolif.events.models import ActionItem, ActionItemChange, Meeting
from nonprolif.preparedness.matrix import domain
from nonprolif.preparedness.matrix.domain import (
    add_evidence,
    add_plan_item,
    entry_for,
    remove_evidence,
    update_entry,
)
from nonprolif.preparedness.models import ActionPlan, MatrixEntry, MatrixEvidence, MatrixStatus
from tests.factories import AgencyFactory
from tests.preparedness.matrix.conftest import denied, row

PDF = b"%PDF-1.4\n% a decree\n"


def pdf(name="decreto.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_coordinator_sets_a_rows_status_reference_and_agency(coordinator, program, agency_b):
    entry = update_entry(
        actor=coordinator,
        program=program,
        row=row("2.3.CW"),
        status="X",
        legal_reference="Código Penal Federal, art. 139",
        citation="Se impondrá pena…",
        agency=agency_b,
    )
    entry.refresh_from_db()
    assert (entry.status, entry.agency, entry.updated_by) == ("X", agency_b, coordinator)
    audit = AuditEntry.objects.get(action="matrix.entry.update")
    assert audit.changes["status"] == ["", "X"]
    assert audit.changes["agency"] == [None, "BBB"]
    assert audit.changes["row"] == "2.3.CW"


def test_the_agency_may_be_given_by_its_code(coordinator, program):
    entry = update_entry(
        actor=coordinator, program=program, row=row("1.1.NW"), status="?", agency="AAA"
    )
    assert entry.agency.code == "AAA"


def test_nothing_is_written_when_nothing_changes(coordinator, program, filled):
    entry = filled[1]
    update_entry(actor=coordinator, program=program, row=entry.row, status="?", agency=entry.agency)
    assert not AuditEntry.objects.filter(action="matrix.entry.update").exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"status": "Y"}, "status"),
        ({"status": "X", "agency": "PTR"}, "agency"),
        ({"status": "X", "agency": "NOPE"}, "agency"),
        ({"status": "X", "legal_reference": "l" * 301}, "legal_reference"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(coordinator, program, fields, field):
    with pytest.raises(ValidationError) as error:
        update_entry(actor=coordinator, program=program, row=row("2.1.NW"), **fields)
    assert field in error.value.message_dict
    assert not MatrixEntry.objects.exists()


def test_an_agency_outside_the_program_is_refused(coordinator, program):
    AgencyFactory(code="CCC")
    with pytest.raises(ValidationError) as error:
        update_entry(
            actor=coordinator, program=program, row=row("2.1.NW"), status="X", agency="CCC"
        )
    assert "agency" in error.value.message_dict


def test_liaison_of_the_responsible_agency_updates_its_entry(liaison_b, program, filled):
    entry = filled[1]
    update_entry(
        actor=liaison_b,
        program=program,
        row=entry.row,
        status="X",
        legal_reference="Ley Federal de Armas de Fuego",
        agency=entry.agency,
    )
    entry.refresh_from_db()
    assert entry.status == "X"


def test_liaison_of_another_agency_is_refused_audited_and_the_row_unchanged(
    liaison_a, program, filled
):
    entry = filled[1]
    with pytest.raises(PermissionDenied):
        update_entry(actor=liaison_a, program=program, row=entry.row, status="X", agency="BBB")
    entry.refresh_from_db()
    assert entry.status == "?"
    assert denied("matrix.entry.update").filter(actor=liaison_a).count() == 1


def test_liaison_may_not_reassign_his_entry(liaison_b, program, filled):
    entry = filled[1]
    with pytest.raises(PermissionDenied):
        update_entry(actor=liaison_b, program=program, row=entry.row, status="?", agency="AAA")
    entry.refresh_from_db()
    assert entry.agency.code == "BBB"
    assert denied("matrix.entry.update").count() == 1


@pytest.mark.parametrize("who", ["auditor", "partner", "outsider"])
def test_readers_and_strangers_write_nothing(request, who, program, filled):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        update_entry(actor=user, program=program, row=filled[0].row, status="NA")
    filled[0].refresh_from_db()
    assert filled[0].status == "X"
    assert denied("matrix.entry.update").count() == 1


def test_evidence_is_stored_by_hash_with_its_type(coordinator, program, filled):
    evidence = add_evidence(actor=coordinator, entry=filled[0], title="Decreto", file=pdf())
    assert evidence.content_type == "application/pdf"
    assert evidence.file_name == "decreto.pdf"
    assert len(evidence.sha256) == 64
    assert evidence.sha256 in evidence.file.name
    assert evidence.file.read() == PDF
    assert AuditEntry.objects.filter(action="matrix.evidence.add").count() == 1


def test_evidence_for_a_row_not_yet_written_writes_its_entry(coordinator, program):
    entry = entry_for(program, row("3.6.CW"))
    assert entry.pk is None
    add_evidence(actor=coordinator, entry=entry, title="Ley", file=pdf())
    assert MatrixEntry.objects.get(program=program, row=row("3.6.CW")).evidence.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00\x03"), "allowed type"),
        (SimpleUploadedFile("nota.pdf", b"plain text, not a PDF"), "allowed type"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
        (None, "Choose a file"),
    ],
)
def test_evidence_type_is_judged_by_content(coordinator, program, filled, upload, message, english):
    with pytest.raises(ValidationError) as error:
        add_evidence(actor=coordinator, entry=filled[0], title="Ley", file=upload)
    assert message in " ".join(error.value.message_dict["file"])
    assert not MatrixEvidence.objects.exists()


def test_evidence_needs_a_title(coordinator, filled):
    with pytest.raises(ValidationError) as error:
        add_evidence(actor=coordinator, entry=filled[0], title="  ", file=pdf())
    assert "title" in error.value.message_dict


def test_liaison_of_another_agency_adds_no_evidence(liaison_b, filled):
    with pytest.raises(PermissionDenied):
        add_evidence(actor=liaison_b, entry=filled[0], title="Ley", file=pdf())
    assert not MatrixEvidence.objects.exists()
    assert denied("matrix.evidence.add").count() == 1


def test_removing_evidence_deletes_the_row_and_the_file(
    coordinator, filled, media, django_capture_on_commit_callbacks
):
    evidence = add_evidence(actor=coordinator, entry=filled[0], title="Ley", file=pdf())
    path = media / evidence.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence(actor=coordinator, evidence=evidence)
    assert not MatrixEvidence.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.filter(action="matrix.evidence.remove").count() == 1


def test_liaison_of_another_agency_removes_no_evidence(coordinator, liaison_b, filled):
    evidence = add_evidence(actor=coordinator, entry=filled[0], title="Ley", file=pdf())
    with pytest.raises(PermissionDenied):
        remove_evidence(actor=liaison_b, evidence=evidence)
    assert MatrixEvidence.objects.filter(pk=evidence.pk).exists()
    assert denied("matrix.evidence.remove").count() == 1


def _item(coordinator, entry, **fields):
    values = {
        "title_es": "Reformar el Código Penal",
        "title_en": "Amend the Criminal Code",
        "owner_agency": entry.program.lead_agency,
        "due_date": datetime.date(2010, 6, 30),
    }
    values.update(fields)
    return add_plan_item(actor=coordinator, entry=entry, **values)


def test_plan_item_is_an_action_item_of_the_programs_action_plan(
    coordinator, program, filled, agency_a, agency_b
):
    item = _item(coordinator, filled[1], owner_agency=agency_b)
    plan = ActionPlan.objects.get(program=program)
    assert item.meeting == plan.meeting
    assert plan.meeting.title_es == "Plan nacional de acción 1540"
    assert plan.meeting.title_en == "National 1540 action plan"
    assert set(plan.meeting.agencies.values_list("code", flat=True)) == {"AAA", "BBB"}
    assert list(filled[1].action_items.all()) == [item]
    assert ActionItemChange.objects.filter(action_item=item).count() == 1
    assert AuditEntry.objects.filter(action="action_item.create").count() == 1
    assert AuditEntry.objects.filter(action="matrix.plan_item.add").count() == 1
    second = _item(coordinator, filled[0])
    assert second.meeting == plan.meeting
    assert Meeting.objects.count() == 1


def test_an_overdue_plan_item_is_reminded_like_any_action_item(
    coordinator, liaison_b, program, filled, mailoutbox
):
    liaison_b.email = "enlace.b@example.gob.mx"
    liaison_b.save()
    item = _item(
        coordinator, filled[1], owner_agency=filled[1].agency, due_date=datetime.date(2009, 1, 5)
    )
    sent = remind_overdue_action_items(base_url="http://office.example.mx/")
    assert [r.action_item_id for r in sent] == [item.pk]
    assert mailoutbox[0].to == ["enlace.b@example.gob.mx"]


def test_plan_items_are_added_by_coordinators_only(liaison_a, filled):
    with pytest.raises(PermissionDenied):
        _item(liaison_a, filled[0])
    assert not ActionItem.objects.exists()
    assert not ActionPlan.objects.exists()
    assert denied("matrix.plan_item.add").count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"owner_agency": None}, "owner_agency"),
        ({"title_es": ""}, "title_es"),
        ({"due_date": None}, "due_date"),
    ],
)
def test_a_bad_plan_item_names_the_field_and_writes_nothing(coordinator, filled, fields, field):
    with pytest.raises(ValidationError) as error:
        _item(coordinator, filled[0], **fields)
    assert field in error.value.message_dict
    assert not ActionItem.objects.exists()
    assert not ActionPlan.objects.exists()
    assert not Meeting.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_plan_item_is_all_or_nothing(coordinator, program, monkeypatch):
    entry = entry_for(program, row("3.7.NW"))
    real = domain.record

    def failing(**kwargs):
        if kwargs["action"] == "matrix.plan_item.add":
            raise RuntimeError("the audit trail is unavailable")
        return real(**kwargs)

    monkeypatch.setattr(domain, "record", failing)
    with pytest.raises(RuntimeError):
        _item(coordinator, entry)
    assert not MatrixEntry.objects.exists()
    assert not ActionPlan.objects.exists()
    assert not Meeting.objects.exists()
    assert not ActionItem.objects.exists()


def test_status_choices_are_the_committees():
    assert set(MatrixStatus.values) == {"X", "?", "NA", ""}
