import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry
from nonprolif.program.models import Program
from tests.factories import ProgramFactory, ProposalItemFactory

# Home


def test_home_lists_the_programs_the_user_can_see_with_counts(
    as_user, liaison_a, program, item_all, other_program
):
    response = as_user(liaison_a).get(reverse("home"))
    assert response.status_code == 200
    assert [s.program for s in response.context["summaries"]] == [program]
    body = response.content.decode()
    assert reverse("program_detail", args=[program.code]) in body
    assert "prog-other" not in body


def test_home_explains_when_the_user_sees_no_program(as_user, outsider, program):
    user = outsider
    user.language = "en"
    user.save()
    response = as_user(user).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["summaries"] == []
    assert "prog-test" not in response.content.decode()
    assert "do not take part in any program" in response.content.decode()


def test_home_gives_the_administrator_account_management_not_an_empty_program_list(
    as_user, administrator, program
):
    administrator.language = "en"
    administrator.save()
    body = as_user(administrator).get(reverse("home")).content.decode()
    assert "Account management" in body
    assert "do not take part in any program" not in body


def test_home_requires_a_login(client, program):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_shows_new_program_button_only_to_coordinators(as_user, coordinator, liaison_a):
    assert reverse("program_create") in as_user(coordinator).get("/").content.decode()
    assert reverse("program_create") not in as_user(liaison_a).get("/").content.decode()


def test_home_query_count_does_not_grow_with_programs(
    as_user, liaison_a, agency_a, agency_b, count_queries
):
    client = as_user(liaison_a)

    def make(code):
        program = ProgramFactory(code=code, lead_agency=agency_a)
        program.member_agencies.set([agency_a, agency_b])
        ProposalItemFactory(proposal__program=program)

    make("p1")
    one, response = count_queries(lambda: client.get("/"))
    assert len(response.context["summaries"]) == 1
    make("p2")
    make("p3")
    three, response = count_queries(lambda: client.get("/"))
    assert len(response.context["summaries"]) == 3
    assert one == three


# Program detail


def test_coordinator_sees_the_program_dashboard(as_user, coordinator, program, item_all):
    response = as_user(coordinator).get(reverse("program_detail", args=[program.code]))
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Agencia A", "Agencia B", "Socio", "Curso general"):
        assert name in body
    assert response.context["dashboard"].agency_count == 3
    assert reverse("program_edit", args=[program.code]) in body


def test_liaison_does_not_see_items_for_another_agency(
    as_user, liaison_b, program, item_all, item_for_a, accept
):
    accept(item_all, item_for_a)
    response = as_user(liaison_b).get(reverse("program_detail", args=[program.code]))
    body = response.content.decode()
    assert "Curso general" in body
    assert "Sesión para A" not in body
    assert reverse("program_edit", args=[program.code]) not in body
    assert reverse("proposal_create", args=[program.code]) not in body


def test_partner_sees_the_new_proposal_button(as_user, partner, program):
    body = as_user(partner).get(reverse("program_detail", args=[program.code])).content.decode()
    assert reverse("proposal_create", args=[program.code]) in body


@pytest.mark.parametrize("user", ["outsider", "administrator", "liaison_a"])
def test_program_outside_the_users_scope_is_404(as_user, request, user, other_program):
    response = as_user(request.getfixturevalue(user)).get(
        reverse("program_detail", args=[other_program.code])
    )
    assert response.status_code == 404


def test_unknown_program_is_404(as_user, coordinator):
    assert as_user(coordinator).get(reverse("program_detail", args=["nope"])).status_code == 404


def test_program_detail_query_count_does_not_grow_with_items(
    as_user, liaison_a, program, proposal, agency_a, count_queries, accept
):
    client = as_user(liaison_a)
    url = reverse("program_detail", args=[program.code])
    first = ProposalItemFactory(proposal=proposal)
    first.target_agencies.set([agency_a])
    accept(first)
    one, response = count_queries(lambda: client.get(url))
    assert response.context["dashboard"].item_count == 1
    second = ProposalItemFactory(proposal=proposal)
    second.target_agencies.set([agency_a])
    accept(second, ProposalItemFactory(proposal=proposal))
    three, response = count_queries(lambda: client.get(url))
    assert response.context["dashboard"].item_count == 3
    assert one == three


# Create and edit


def program_post(**changes):
    data = {
        "code": "mx-2010",
        "name_es": "Programa 2010",
        "name_en": "2010 program",
        "description_es": "",
        "description_en": "",
        "country": "MX",
        "time_zone": "America/Mexico_City",
        "target_trainees": "",
    }
    data.update(changes)
    return data


def test_coordinator_creates_a_program(as_user, coordinator, agency_a, agency_b, partner_agency):
    response = as_user(coordinator).post(
        reverse("program_create"),
        program_post(
            lead_agency=agency_a.pk,
            member_agencies=[agency_a.pk, agency_b.pk],
            partner_agencies=[partner_agency.pk],
        ),
    )
    assert response.status_code == 302
    program = Program.objects.get(code="mx-2010")
    assert response.url == reverse("program_detail", args=["mx-2010"])
    assert program.member_agencies.count() == 2
    assert AuditEntry.objects.filter(action="program.create", actor=coordinator).exists()


def test_program_form_reports_bad_time_zone_on_its_field(as_user, coordinator, agency_a):
    response = as_user(coordinator).post(
        reverse("program_create"), program_post(lead_agency=agency_a.pk, time_zone="Nowhere")
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    assert not Program.objects.filter(code="mx-2010").exists()


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor", "outsider"])
def test_only_coordinators_may_open_or_post_the_program_form(as_user, request, user, agency_a):
    client = as_user(request.getfixturevalue(user))
    assert client.get(reverse("program_create")).status_code == 403
    response = client.post(reverse("program_create"), program_post(lead_agency=agency_a.pk))
    assert response.status_code == 403
    assert not Program.objects.filter(code="mx-2010").exists()


def test_coordinator_edits_a_program(as_user, coordinator, program, agency_a, partner_agency):
    response = as_user(coordinator).post(
        reverse("program_edit", args=[program.code]),
        program_post(
            code=program.code,
            name_en="Renamed",
            lead_agency=agency_a.pk,
            member_agencies=[agency_a.pk],
            partner_agencies=[partner_agency.pk],
        ),
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.name_en == "Renamed"
    assert program.member_agencies.count() == 1


@pytest.mark.parametrize(("user", "status"), [("liaison_a", 403), ("partner", 403)])
def test_program_edit_is_refused_and_leaves_it_unchanged(
    as_user, request, user, status, program, agency_a
):
    client = as_user(request.getfixturevalue(user))
    url = reverse("program_edit", args=[program.code])
    assert client.get(url).status_code == status
    response = client.post(url, program_post(code=program.code, lead_agency=agency_a.pk))
    assert response.status_code == status
    program.refresh_from_db()
    assert program.name_en == "Program prog-test"


def test_outsider_gets_404_on_program_edit(as_user, outsider, program, agency_a):
    client = as_user(outsider)
    url = reverse("program_edit", args=[program.code])
    assert client.get(url).status_code == 404
    assert client.post(url, program_post(lead_agency=agency_a.pk)).status_code == 404
    program.refresh_from_db()
    assert program.code == "prog-test"
