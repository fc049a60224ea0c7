import pytest
from django.http import Http404

from nonprolif.core import queries
from nonprolif.core.models import Seniority
from tests.factories import AgencyFactory, OfficialFactory


def test_search_matches_every_word_across_names_position_and_email(coordinator, agency_a):
    wanted = OfficialFactory(
        agency=agency_a, given_names="María", family_names="Soto", position="Jefa de análisis"
    )
    OfficialFactory(agency=agency_a, given_names="María", family_names="Ruiz", position="Chofer")
    assert list(queries.search_officials(coordinator, q="maría análisis")) == [wanted]
    by_email = OfficialFactory(agency=agency_a, email="unique.person@example.org")
    assert list(queries.search_officials(coordinator, q="UNIQUE.person")) == [by_email]


def test_search_filters_by_agency_seniority_and_status(coordinator, agency_a, agency_b):
    senior = OfficialFactory(agency=agency_a, seniority=Seniority.SENIOR)
    inactive = OfficialFactory(agency=agency_a, active=False)
    other = OfficialFactory(agency=agency_b)
    assert set(queries.search_officials(coordinator, agency="AAA")) == {senior, inactive}
    assert list(queries.search_officials(coordinator, seniority=Seniority.SENIOR)) == [senior]
    assert list(queries.search_officials(coordinator, active=False)) == [inactive]
    assert set(queries.search_officials(coordinator, active=True)) == {senior, other}


def test_liaison_search_never_returns_other_agency_officials(liaison_a, official_a, official_b):
    assert list(queries.search_officials(liaison_a, q="Analyst")) == [official_a]
    assert list(queries.search_officials(liaison_a, q="Barrera")) == []
    assert list(queries.search_officials(liaison_a, agency="BBB")) == []


def test_get_official_for_hides_invisible_and_missing_officials(liaison_a, official_a, official_b):
    assert queries.get_official_for(liaison_a, official_a.pk) == official_a
    for pk in (official_b.pk, 999999, "nonsense"):
        with pytest.raises(Http404):
            queries.get_official_for(liaison_a, pk)


def test_agency_counts_are_of_officials_the_user_may_see(
    coordinator, liaison_a, partner, administrator, agency_a, agency_b, partner_agency
):
    OfficialFactory.create_batch(2, agency=agency_a)
    OfficialFactory.create_batch(3, agency=agency_b)

    def counts(user):
        return {agency.code: agency.official_count for agency in queries.agencies_for(user)}

    assert counts(coordinator) == {"AAA": 2, "BBB": 3, "PTR": 0}
    assert counts(liaison_a) == {"AAA": 2, "BBB": 0, "PTR": 0}
    assert counts(partner) == {"AAA": 0, "BBB": 0, "PTR": 0}
    assert counts(administrator) == {"AAA": 0, "BBB": 0, "PTR": 0}
    assert queries.get_agency_for(liaison_a, "BBB").official_count == 0


def test_get_agency_for_unknown_code_is_404(liaison_a):
    with pytest.raises(Http404):
        queries.get_agency_for(liaison_a, "NOPE")


def test_assignable_agencies_follow_the_change_rule(coordinator, liaison_a, auditor, agency_b):
    AgencyFactory(code="CCC")
    assert set(queries.assignable_agencies(coordinator).values_list("code", flat=True)) == {
        "AAA",
        "BBB",
        "CCC",
    }
    assert list(queries.assignable_agencies(liaison_a).values_list("code", flat=True)) == ["AAA"]
    assert not queries.assignable_agencies(auditor).exists()


def test_official_filter_offers_only_agencies_of_visible_officials(
    liaison_a, coordinator, official_a, official_b
):
    assert [a.code for a in queries.official_filter_agencies(liaison_a)] == ["AAA"]
    assert [a.code for a in queries.official_filter_agencies(coordinator)] == ["AAA", "BBB"]


def test_the_trails_actions_and_types_are_its_distinct_values_in_order(
    coordinator, liaison_a, official_a
):
    from nonprolif.core.domain.audit import record
    from nonprolif.core.models import AuditEntry

    for actor, action, obj in [
        (liaison_a, "official.view", official_a),
        (coordinator, "agency.view", None),
        (liaison_a, "official.view", None),
        (coordinator, "zeta.action", official_a),
    ]:
        record(actor=actor, action=action, obj=obj)
    every = AuditEntry.objects.all()

    assert queries.audit_actions(coordinator) == sorted({e.action for e in every})
    assert queries.audit_object_types(coordinator) == sorted({e.object_type for e in every})
    own = every.filter(actor=liaison_a)
    assert queries.audit_actions(liaison_a) == sorted({e.action for e in own})
