from django.urls import reverse

from tests.factories import AgencyFactory, OfficialFactory


def test_directory_lists_national_agencies_and_partners_with_visible_counts(
    as_user, liaison_a, agency_a, agency_b, partner_agency
):
    OfficialFactory.create_batch(2, agency=agency_a)
    OfficialFactory.create_batch(3, agency=agency_b)
    response = as_user(liaison_a).get(reverse("agency_list"))
    assert response.status_code == 200
    groups = {kind: agencies for kind, _label, agencies in response.context["groups"]}
    assert [a.code for a in groups["national"]] == ["AAA", "BBB"]
    assert [a.code for a in groups["partner"]] == ["PTR"]
    counts = {a.code: a.official_count for a in groups["national"]}
    assert counts == {"AAA": 2, "BBB": 0}


def test_directory_shows_parent_agency(as_user, coordinator, agency_a):
    AgencyFactory(code="SUB", name_es="Subagencia", parent=agency_a)
    body = as_user(coordinator).get(reverse("agency_list")).content.decode()
    assert 'href="/agencies/AAA/">Agencia A</a></td>' in body


def test_agency_list_query_count_does_not_grow_with_rows(
    as_user, coordinator, agency_a, count_queries
):
    client = as_user(coordinator)
    url = reverse("agency_list")
    OfficialFactory(agency=agency_a)
    client.get(url)
    with_one, response = count_queries(lambda: client.get(url))
    assert sum(len(group[2]) for group in response.context["groups"]) == 1
    AgencyFactory(code="BBB", parent=agency_a)
    AgencyFactory(code="CCC", parent=agency_a)
    with_three, response = count_queries(lambda: client.get(url))
    assert sum(len(group[2]) for group in response.context["groups"]) == 3
    assert with_one == with_three


def test_agency_detail_shows_only_officials_the_user_may_see(
    as_user, liaison_a, coordinator, official_a, official_b
):
    response = as_user(liaison_a).get(reverse("agency_detail", args=["BBB"]))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "Barrera" not in response.content.decode()
    response = as_user(coordinator).get(reverse("agency_detail", args=["BBB"]))
    assert list(response.context["page"]) == [official_b]


def test_unknown_agency_is_404(as_user, coordinator):
    assert as_user(coordinator).get(reverse("agency_detail", args=["NOPE"])).status_code == 404


def test_coordinator_edits_agency(as_user, coordinator, agency_b):
    url = reverse("agency_edit", args=["BBB"])
    assert as_user(coordinator).get(url).status_code == 200
    response = as_user(coordinator).post(
        url,
        {
            "name_es": "Agencia Be",
            "name_en": "Agency B",
            "acronym": "AB",
            "country": "MX",
            "kind": "national",
            "parent": "",
            "description_es": "",
            "description_en": "",
        },
    )
    assert response.status_code == 302
    agency_b.refresh_from_db()
    assert (agency_b.name_es, agency_b.acronym) == ("Agencia Be", "AB")


def test_edit_button_only_for_coordinator(as_user, coordinator, liaison_a, agency_a):
    url = reverse("agency_edit", args=["AAA"])
    assert url in as_user(coordinator).get(reverse("agency_detail", args=["AAA"])).content.decode()
    assert (
        url not in as_user(liaison_a).get(reverse("agency_detail", args=["AAA"])).content.decode()
    )


def test_others_cannot_edit_an_agency_and_it_is_unchanged(
    as_user, liaison_a, auditor, partner, outsider, agency_a
):
    url = reverse("agency_edit", args=["AAA"])
    for user in (liaison_a, auditor, partner, outsider):
        response = as_user(user).post(
            url, {"name_es": "X", "name_en": "X", "country": "MX", "kind": "national"}
        )
        assert response.status_code == 403
    agency_a.refresh_from_db()
    assert agency_a.name_es == "Agencia A"


def test_editing_an_unknown_agency_is_404(as_user, coordinator):
    assert as_user(coordinator).get(reverse("agency_edit", args=["NOPE"])).status_code == 404


def test_invalid_agency_edit_names_the_field(as_user, coordinator, agency_a):
    response = as_user(coordinator).post(
        reverse("agency_edit", args=["AAA"]),
        {"name_es": "", "name_en": "Agency A", "country": "MX", "kind": "national"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name_es"]
    agency_a.refresh_from_db()
    assert agency_a.name_es == "Agencia A"
