"""Full-text matching in Spanish and English, on the database the tests run on (SQLite's FTS5
table kept by triggers, PostgreSQL's GIN expression indexes)."""

import pytest
from django.db import connection

from nonprolif.intel.models import IntelReport
from nonprolif.intel.search import fulltext
from nonprolif.intel.search.fulltext import TextMatch, search_words
from nonprolif.intel.search.queries import matching_reports
from tests.intel.conftest import ReportFactory

pytestmark = pytest.mark.django_db


def found(user, query, **filters):
    return set(matching_reports(user, query, filters).values_list("reference", flat=True))


def test_words_are_folded_and_punctuation_is_not_syntax():
    assert search_words('Señal "OR" -uranio* (NEAR)') == ["senal", "or", "uranio", "near"]
    assert search_words("  ") == []


def test_finds_spanish_and_english_words_of_titles_bodies_and_tags(agency_a, analyst_a):
    ReportFactory(
        reference="ES",
        originator=agency_a,
        title_es="Intento de adquisición de válvulas",
        body_es="Una empresa fachada solicitó centrifugadoras.",
        title_en="",
        body_en="",
    )
    ReportFactory(
        reference="EN",
        originator=agency_a,
        title_es="",
        body_es="",
        title_en="Seizure of rifles",
        body_en="Customs seized ammunition at the border crossing.",
        tags=["tijuana", "contrabando"],
    )
    assert found(analyst_a, "centrifugadoras") == {"ES"}
    assert found(analyst_a, "valvulas") == {"ES"}  # accents off
    assert found(analyst_a, "VÁLVULAS adquisición") == {"ES"}
    assert found(analyst_a, "ammunition") == {"EN"}
    assert found(analyst_a, "rifle") == {"EN"}  # stemmed
    assert found(analyst_a, "Tijuana") == {"EN"}  # a tag
    assert found(analyst_a, "contrabando") == {"EN"}
    assert found(analyst_a, "ammunition centrifugadoras") == set()  # every word is required
    assert found(analyst_a, "xqzvw") == set()
    assert found(analyst_a, "") == {"ES", "EN"}


def test_the_index_follows_edits_and_deletions(agency_a, analyst_a):
    report = ReportFactory(reference="R", originator=agency_a, body_es="cesio robado")
    assert found(analyst_a, "cesio") == {"R"}
    report.body_es = "fuente de iridio"
    report.save()
    assert found(analyst_a, "cesio") == set()
    assert found(analyst_a, "iridio") == {"R"}
    IntelReport.objects.filter(pk=report.pk).update(tags=["señuelo"])
    assert found(analyst_a, "senuelo") == {"R"}
    report.delete()
    assert found(analyst_a, "iridio") == set()


def test_the_match_works_inside_a_subquery(agency_a, analyst_a):
    ReportFactory(reference="S", originator=agency_a, body_en="precursor order")
    ReportFactory(reference="T", originator=agency_a, body_en="nothing here")
    inner = matching_reports(analyst_a, "precursor", {}).values("pk")
    assert set(IntelReport.objects.filter(pk__in=inner).values_list("reference", flat=True)) == {
        "S"
    }


def test_postgresql_search_condition_is_the_gin_indexes_expression(postgresql, agency_a):
    ReportFactory(reference="P", originator=agency_a, body_es="uranio")
    matches = IntelReport.objects.filter(TextMatch(["uranio"])).order_by()
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        # Neither a table scan nor a walk of a b-tree (which a tiny table invites): what is
        # left is the GIN indexes, if the condition is their expression.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "intel_report_fts_sp" in plan
    assert "intel_report_fts_en" in plan


def test_the_migration_sql_undoes_and_redoes_and_takes_existing_reports(agency_a, analyst_a):
    """What the migration runs backwards and forwards, on this database: a report written
    while the full-text objects were gone is found once they are back."""
    drop, create = {
        "sqlite": (fulltext.sqlite_drop_sql, fulltext.sqlite_create_sql),
        "postgresql": (fulltext.postgresql_drop_sql, fulltext.postgresql_index_sql),
    }[connection.vendor]
    with connection.cursor() as cursor:
        for statement in drop():
            cursor.execute(statement)
        ReportFactory(reference="BEFORE", originator=agency_a, body_es="torio")
        if connection.vendor == "postgresql":  # no index is made while checks are pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in create():
            cursor.execute(statement)
    assert found(analyst_a, "torio") == {"BEFORE"}
    ReportFactory(reference="AFTER", originator=agency_a, body_es="torio")
    assert found(analyst_a, "torio") == {"BEFORE", "AFTER"}
