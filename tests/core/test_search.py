"""Name search: every word in some field, whatever the case and Spanish accents, on the
folded search column the database keeps (bulk inserts and updates included)."""

import pytest
from django.db import connection

from nonprolif.core import queries
from nonprolif.core.models import Official
from nonprolif.core.search import fold
from tests.factories import OfficialFactory


def test_fold_lowers_ascii_and_takes_spanish_accents_off():
    assert fold("María JOSÉ Núñez Güémez") == "maria jose nunez guemez"
    assert fold("Ørsted") == "Ørsted"  # other letters as typed


@pytest.mark.parametrize("word", ["maria", "MARÍA", "María", "nunez", "NÚÑEZ", "analisis"])
def test_accents_and_case_do_not_matter(coordinator, agency_a, word):
    wanted = OfficialFactory(
        agency=agency_a, given_names="María", family_names="Núñez", position="Análisis"
    )
    OfficialFactory(agency=agency_a, given_names="Marco", family_names="Soto", position="Chofer")

    assert list(queries.search_officials(coordinator, q=word)) == [wanted]


def test_a_word_never_spans_two_fields(coordinator, agency_a):
    OfficialFactory(agency=agency_a, given_names="Ana", family_names="Luisa", position="X")

    assert list(queries.search_officials(coordinator, q="analuisa")) == []
    assert list(queries.search_officials(coordinator, q="ana luisa")) != []


def test_bulk_inserted_and_updated_officials_are_found(coordinator, agency_a):
    Official.objects.bulk_create(
        [Official(agency=agency_a, given_names="Íñigo", family_names="Bulk", email="")]
    )
    assert [o.family_names for o in queries.search_officials(coordinator, q="inigo")] == ["Bulk"]

    Official.objects.filter(family_names="Bulk").update(family_names="Ibáñez")
    assert [o.family_names for o in queries.search_officials(coordinator, q="ibanez")] == ["Ibáñez"]


def test_the_search_column_is_not_in_the_audit_snapshot(agency_a):
    from nonprolif.core.domain.audit import snapshot

    assert "search" not in snapshot(OfficialFactory(agency=agency_a))


def test_postgresql_serves_the_search_with_a_trigram_index(postgresql, db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'core_official_search_trgm'"
        )
        (definition,) = cursor.fetchone()

    assert "gin" in definition
    assert "gin_trgm_ops" in definition
