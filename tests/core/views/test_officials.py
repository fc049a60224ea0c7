from django.urls import reverse

from nonprolif.core.models import AuditEntry, Official
from tests.factories import OfficialFactory


def form_data(home, **overrides):
    data = {
        "agency": home.pk,
        "given_names": "Carla",
        "family_names": "Cruz",
        "position": "Director",
        "seniority": "working",
        "email": "carla@example.gob.mx",
        "phone": "",
        "language": "es-mx",
        "active": "on",
    }
    return data | overrides


# List and search -------------------------------------------------------------------------


def test_liaison_list_shows_only_own_agency_officials(as_user, liaison_a, official_a, official_b):
    response = as_user(liaison_a).get(reverse("official_list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [official_a]
    assert "Barrera" not in response.content.decode()


def test_liaison_search_and_count_never_include_other_agency(
    as_user, liaison_a, official_a, official_b
):
    client = as_user(liaison_a)
    response = client.get(reverse("official_list"), {"q": "Analyst"})
    assert response.context["page"].paginator.count == 1
    response = client.get(reverse("official_list"), {"q": "Barrera", "agency": "BBB"})
    assert response.context["page"].paginator.count == 0
    assert reverse("official_detail", args=[official_b.pk]) not in response.content.decode()


def test_coordinator_filters_officials(as_user, coordinator, official_a, official_b):
    client = as_user(coordinator)
    response = client.get(reverse("official_list"), {"agency": "BBB"})
    assert list(response.context["page"]) == [official_b]
    response = client.get(reverse("official_list"), {"q": "ana alvarez"})
    assert list(response.context["page"]) == [official_a]


def test_list_has_25_officials_a_page(as_user, coordinator, agency_a):
    OfficialFactory.create_batch(26, agency=agency_a)
    client = as_user(coordinator)
    first = client.get(reverse("official_list"))
    assert len(first.context["page"]) == 25
    second = client.get(reverse("official_list"), {"page": 2})
    assert len(second.context["page"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_htmx_live_search_gets_only_the_results_region(as_user, coordinator, official_a):
    response = as_user(coordinator).get(
        reverse("official_list"),
        {"q": "Alvarez"},
        headers={"HX-Request": "true", "HX-Target": "official-results"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="official-results">')
    assert "Alvarez" in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(as_user, coordinator):
    response = as_user(coordinator).get(
        reverse("official_list"),
        headers={
            "HX-Request": "true",
            "HX-Target": "official-results",
            "HX-History-Restore-Request": "true",
        },
    )
    assert "<html" in response.content.decode()


def test_list_page_without_js_renders_the_search_form(as_user, coordinator):
    body = as_user(coordinator).get(reverse("official_list")).content.decode()
    assert '<form method="get" action="/officials/"' in body
    assert '<label for="id_q">' in body


def test_add_button_only_for_those_who_may_add(as_user, coordinator, auditor):
    url = reverse("official_create")
    assert url in as_user(coordinator).get(reverse("official_list")).content.decode()
    assert url not in as_user(auditor).get(reverse("official_list")).content.decode()


def test_official_list_query_count_does_not_grow_with_rows(
    as_user, coordinator, agency_a, agency_b, count_queries
):
    client = as_user(coordinator)
    url = reverse("official_list")
    OfficialFactory(agency=agency_a)
    client.get(url)
    with_one, response = count_queries(lambda: client.get(url))
    assert response.context["page"].paginator.count == 1
    OfficialFactory(agency=agency_b)
    OfficialFactory(agency=agency_a)
    with_three, response = count_queries(lambda: client.get(url))
    assert response.context["page"].paginator.count == 3
    assert with_one == with_three


# Detail ---------------------------------------------------------------------------------


def test_liaison_sees_own_official_detail_with_edit_button(as_user, liaison_a, official_a):
    response = as_user(liaison_a).get(reverse("official_detail", args=[official_a.pk]))
    assert response.status_code == 200
    assert reverse("official_edit", args=[official_a.pk]) in response.content.decode()


def test_auditor_sees_detail_without_edit_button(as_user, auditor, official_b):
    response = as_user(auditor).get(reverse("official_detail", args=[official_b.pk]))
    assert response.status_code == 200
    assert reverse("official_edit", args=[official_b.pk]) not in response.content.decode()


def test_other_agency_liaison_outsider_and_administrator_get_404_on_detail(
    as_user, liaison_b, outsider, administrator, official_a
):
    url = reverse("official_detail", args=[official_a.pk])
    for user in (liaison_b, outsider, administrator):
        assert as_user(user).get(url).status_code == 404


def test_missing_official_is_404(as_user, coordinator):
    assert as_user(coordinator).get(reverse("official_detail", args=[987654])).status_code == 404


# Create ---------------------------------------------------------------------------------


def test_coordinator_creates_official_in_another_agency(as_user, coordinator, agency_b):
    response = as_user(coordinator).post(reverse("official_create"), form_data(agency_b))
    official = Official.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("official_detail", args=[official.pk])
    assert official.agency == agency_b


def test_liaison_form_offers_only_own_agency(as_user, liaison_a, agency_b):
    response = as_user(liaison_a).get(reverse("official_create"))
    choices = list(response.context["form"].fields["agency"].queryset)
    assert choices == [liaison_a.agency]


def test_liaison_posting_another_agency_gets_an_agency_error_and_nothing_is_written(
    as_user, liaison_a, agency_b
):
    response = as_user(liaison_a).post(reverse("official_create"), form_data(agency_b))
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not Official.objects.exists()


def test_official_without_agency_gets_an_error_naming_agency(as_user, coordinator, agency_a):
    response = as_user(coordinator).post(reverse("official_create"), form_data(agency_a, agency=""))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["agency"]
    assert 'role="alert"' in response.content.decode()
    assert not Official.objects.exists()
    assert not AuditEntry.objects.exists()


def test_roles_that_may_not_add_get_403(as_user, auditor, partner, outsider, agency_a):
    for user in (auditor, partner, outsider):
        client = as_user(user)
        assert client.get(reverse("official_create")).status_code == 403
        assert client.post(reverse("official_create"), form_data(agency_a)).status_code == 403
    assert not Official.objects.exists()


# Edit -----------------------------------------------------------------------------------


def test_liaison_edits_own_official(as_user, liaison_a, official_a):
    response = as_user(liaison_a).post(
        reverse("official_edit", args=[official_a.pk]),
        form_data(official_a.agency, given_names="Ana María"),
    )
    assert response.status_code == 302
    official_a.refresh_from_db()
    assert official_a.given_names == "Ana María"
    assert AuditEntry.objects.get(action="official.update").actor == liaison_a


def test_other_agency_liaison_and_outsider_get_404_on_edit_and_row_is_unchanged(
    as_user, liaison_b, outsider, official_a
):
    url = reverse("official_edit", args=[official_a.pk])
    for user in (liaison_b, outsider):
        client = as_user(user)
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(official_a.agency, position="X")).status_code == 404
    official_a.refresh_from_db()
    assert official_a.position == "Analyst"


def test_auditor_and_partner_cannot_edit_visible_official(
    as_user, auditor, partner, partner_agency
):
    official = OfficialFactory(agency=partner_agency, position="Agent")
    url = reverse("official_edit", args=[official.pk])
    for user in (auditor, partner):
        response = as_user(user).post(url, form_data(partner_agency, position="X"))
        assert response.status_code == 403
    official.refresh_from_db()
    assert official.position == "Agent"


def test_invalid_edit_shows_field_errors_and_keeps_the_row(as_user, coordinator, official_a):
    response = as_user(coordinator).post(
        reverse("official_edit", args=[official_a.pk]),
        form_data(official_a.agency, family_names="", email="nope"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"family_names", "email"}
    official_a.refresh_from_db()
    assert official_a.family_names == "Alvarez"
