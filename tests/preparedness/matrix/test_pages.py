"""The matrix pages: who opens them, what they show, the writes through them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import MatrixEntry, MatrixEvidence
from tests.factories import ProgramFactory
from tests.preparedness.matrix.conftest import denied, row


def program_url(program):
    return reverse("preparedness_matrix_program", args=[program.code])


def entry_url(program, code):
    return reverse("preparedness_matrix_entry", args=[program.code, code])


def test_the_only_program_opens_straight_away(as_user, liaison_a, program):
    response = as_user(liaison_a).get(reverse("preparedness_matrix"))
    assert response.status_code == 302
    assert response.url == program_url(program)


def test_coordinator_chooses_among_the_programs(as_user, coordinator, program):
    other = ProgramFactory(code="prog-other")
    response = as_user(coordinator).get(reverse("preparedness_matrix"))
    assert response.status_code == 200
    assert program_url(program) in response.content.decode()
    assert program_url(other) in response.content.decode()


def test_the_matrix_shows_every_measure_and_status(as_user, liaison_b, program, filled, english):
    response = as_user(liaison_b).get(program_url(program))
    assert response.status_code == 200
    html = response.content.decode()
    for measure in ("1.1", "1.2", "2.12", "3.14"):
        assert f'<th scope="row">{measure}</th>' in html
    assert html.count("preparedness/matrix/prog-test/") >= 84
    assert 'class="status-X"' in html
    assert 'class="status-?"' in html
    assert 'class="status-NA"' in html
    assert "<svg" in html
    assert reverse("preparedness_matrix_export_pdf", args=[program.code]) in html
    assert AuditEntry.objects.filter(action="matrix.view", actor=liaison_b).exists()


def test_the_matrix_page_costs_the_same_queries_whatever_it_holds(
    as_user, coordinator, program, filled, count_queries
):
    client = as_user(coordinator)
    client.get(program_url(program))
    few, _ = count_queries(lambda: client.get(program_url(program)))
    for code in ("2.1.NW", "2.1.CW", "2.2.BW", "3.1.NW", "3.2.CW"):
        MatrixEntry.objects.create(program=program, row=row(code), status="X")
    many, _ = count_queries(lambda: client.get(program_url(program)))
    assert many == few


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_strangers_find_no_matrix(as_user, request, who, program, filled):
    client = as_user(request.getfixturevalue(who))
    assert client.get(program_url(program)).status_code in (403, 404)
    assert client.get(entry_url(program, "1.1.NW")).status_code in (403, 404)
    assert client.get(
        reverse("preparedness_matrix_export_xlsx", args=[program.code])
    ).status_code in (403, 404)


def test_a_national_agency_outside_the_program_gets_404(as_user, program, filled):
    from nonprolif.core.roles import Role
    from tests.factories import AgencyFactory, UserFactory

    stranger = UserFactory(
        username="liaison_c", agency=AgencyFactory(code="CCC"), roles=[Role.LIAISON]
    )
    client = as_user(stranger)
    assert client.get(program_url(program)).status_code == 404
    assert client.get(entry_url(program, "1.1.NW")).status_code == 404
    response = client.post(entry_url(program, "1.1.NW"), {"status": "NA"})
    assert response.status_code == 404
    filled[0].refresh_from_db()
    assert filled[0].status == "X"


def test_an_unknown_row_is_404(as_user, coordinator, program):
    assert as_user(coordinator).get(entry_url(program, "9.9.XX")).status_code == 404


def test_liaison_sets_the_status_of_his_agencys_row(as_user, liaison_b, program, filled):
    response = as_user(liaison_b).post(
        entry_url(program, "2.3.CW"),
        {"status": "X", "legal_reference": "Ley Federal", "citation": "", "agency": "AAA"},
    )
    assert response.status_code == 302
    entry = filled[1]
    entry.refresh_from_db()
    assert entry.status == "X"
    assert entry.agency.code == "BBB"  # his form cannot reassign it


def test_liaison_of_another_agency_is_refused_and_the_row_unchanged(
    as_user, liaison_a, program, filled
):
    response = as_user(liaison_a).post(
        entry_url(program, "2.3.CW"), {"status": "X", "agency": "BBB"}
    )
    assert response.status_code == 403
    filled[1].refresh_from_db()
    assert filled[1].status == "?"
    assert denied("matrix.entry.update").count() == 1


def test_auditor_reads_and_writes_nothing(as_user, auditor, program, filled):
    client = as_user(auditor)
    page = client.get(entry_url(program, "1.1.NW"))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert client.post(entry_url(program, "1.1.NW"), {"status": "NA"}).status_code == 403
    filled[0].refresh_from_db()
    assert filled[0].status == "X"


def test_bad_status_shows_the_form_again(as_user, coordinator, program):
    response = as_user(coordinator).post(entry_url(program, "1.1.NW"), {"status": "maybe"})
    assert response.status_code == 400
    assert not MatrixEntry.objects.exists()


def test_evidence_upload_and_download(as_user, coordinator, liaison_b, program, filled):
    client = as_user(coordinator)
    upload = SimpleUploadedFile("ley.pdf", b"%PDF-1.4\nley\n", content_type="application/pdf")
    response = client.post(
        reverse("preparedness_matrix_evidence_add", args=[program.code, "1.1.NW"]),
        {"title": "Ley de Seguridad Nacional", "file": upload},
    )
    assert response.status_code == 302
    evidence = MatrixEvidence.objects.get()
    page = client.get(entry_url(program, "1.1.NW")).content.decode()
    assert "Ley de Seguridad Nacional" in page
    download = as_user(liaison_b).get(
        reverse("preparedness_matrix_evidence_download", args=[evidence.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\nley\n"
    assert AuditEntry.objects.filter(
        action="matrix.evidence.download", actor=liaison_b, object_id=str(evidence.pk)
    ).exists()


def test_a_refused_upload_is_audited_and_stores_nothing(as_user, liaison_b, program, filled):
    upload = SimpleUploadedFile("ley.pdf", b"%PDF-1.4\nley\n")
    response = as_user(liaison_b).post(
        reverse("preparedness_matrix_evidence_add", args=[program.code, "1.1.NW"]),
        {"title": "Ley", "file": upload},
    )
    assert response.status_code == 403
    assert not MatrixEvidence.objects.exists()
    assert denied("matrix.evidence.add").count() == 1


def test_a_wrong_file_type_is_shown_on_the_form(as_user, coordinator, program, filled):
    upload = SimpleUploadedFile("ley.pdf", b"MZ\x90\x00")
    response = as_user(coordinator).post(
        reverse("preparedness_matrix_evidence_add", args=[program.code, "1.1.NW"]),
        {"title": "Ley", "file": upload},
    )
    assert response.status_code == 400
    assert not MatrixEvidence.objects.exists()


def test_outsider_downloads_no_evidence(as_user, coordinator, outsider, partner, filled):
    from nonprolif.preparedness.matrix.domain import add_evidence

    evidence = add_evidence(
        actor=coordinator,
        entry=filled[0],
        title="Ley",
        file=SimpleUploadedFile("ley.pdf", b"%PDF-1.4\n"),
    )
    url = reverse("preparedness_matrix_evidence_download", args=[evidence.pk])
    assert as_user(partner).get(url).status_code in (403, 404)
    assert as_user(outsider).get(url).status_code in (403, 404)
    remove = reverse("preparedness_matrix_evidence_remove", args=[evidence.pk])
    assert as_user(outsider).post(remove).status_code in (403, 404)
    assert MatrixEvidence.objects.filter(pk=evidence.pk).exists()


def test_coordinator_adds_a_plan_item_shown_with_its_owner_and_due_date(
    as_user, coordinator, program, filled
):
    client = as_user(coordinator)
    response = client.post(
        reverse("preparedness_matrix_plan_item_add", args=[program.code, "2.3.CW"]),
        {
            "title_es": "Tipificar la posesión",
            "title_en": "Criminalise possession",
            "owner_agency": "BBB",
            "due_date": "2009-03-01",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.owner_agency.code == "BBB"
    assert item.due_date == datetime.date(2009, 3, 1)
    page = client.get(entry_url(program, "2.3.CW")).content.decode()
    assert "Tipificar la posesión" in page
    assert "badge overdue" in page
    assert reverse("action_item_detail", args=[item.pk]) in page


def test_liaison_adds_no_plan_item(as_user, liaison_b, program, filled):
    response = as_user(liaison_b).post(
        reverse("preparedness_matrix_plan_item_add", args=[program.code, "2.3.CW"]),
        {"title_es": "A", "title_en": "A", "owner_agency": "BBB", "due_date": "2010-03-01"},
    )
    assert response.status_code == 403
    assert not ActionItem.objects.exists()
    assert denied("matrix.plan_item.add").count() == 1


def test_a_user_whose_role_was_revoked_reads_no_matrix_nor_materials(
    agency_a, program, filled, as_user
):
    """He keeps his agency, not its reading (an administrator with an agency neither)."""
    from nonprolif.core.roles import Role
    from nonprolif.outreach.models import AwarenessMaterial
    from nonprolif.preparedness.models import MatrixEntry
    from tests.factories import UserFactory
    from tests.outreach.factories import MaterialFactory

    MaterialFactory(agency=agency_a)
    for username, roles in (("revoked-a", []), ("admin-a", [Role.ADMINISTRATOR])):
        user = UserFactory(username=username, agency=agency_a, roles=roles)
        assert not MatrixEntry.objects.visible_to(user).exists()
        assert not AwarenessMaterial.objects.visible_to(user).exists()
        assert as_user(user).get(reverse("preparedness_matrix")).status_code in (403, 404)
    liaison = UserFactory(username="liaison-a-m", agency=agency_a, roles=[Role.LIAISON])
    assert MatrixEntry.objects.visible_to(liaison).count() == len(filled)
    assert AwarenessMaterial.objects.visible_to(liaison).exists()
