"""Full-text search of intelligence reports in Spanish and English, on both databases.

PostgreSQL: two expression GIN indexes (migration ``0002_search_fulltext``), one per language,
on ``to_tsvector('spanish', …)`` of the Spanish title, body and tags and on
``to_tsvector('english', …)`` of the English ones, accents taken off first (so that "senal"
finds "señal" as SQLite does). The condition of a search is the very same expression
(:func:`document_sql`), so the planner can use the index.

SQLite: an FTS5 table ``intel_report_fts`` (rowid = the report's id) that triggers on the
report table keep up to date, tokenized with ``porter unicode61 remove_diacritics 2``.

Either way the text condition is one more condition of the one SQL statement that also holds
the access rule: nothing ever searches all reports and filters them afterwards.

The words searched are the letters-and-digits runs of the query (:func:`search_words`),
all of them required, in any order; punctuation, quotes and operators are not syntax.
"""

import re

from django.db.models import BooleanField, F, Func

from nonprolif.core.search import ACCENTED, PLAIN, fold

#: The FTS5 table of SQLite (not a model: a virtual table the migration makes).
FTS_TABLE = "intel_report_fts"

#: The columns of each language's document on PostgreSQL.
LANGUAGES = (
    ("spanish", "title_es", "body_es"),
    ("english", "title_en", "body_en"),
)

MAX_WORDS = 20
_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    """The words of ``query`` that a search requires (at most MAX_WORDS), folded like the
    index (lower case, Spanish accents off)."""
    return [fold(word.lower()) for word in _WORD.findall(query or "")][:MAX_WORDS]


def document_sql(config: str, title: str, body: str, tags: str) -> str:
    """The PostgreSQL document of one language: ``to_tsvector`` of the title, body and tags
    (given as SQL column references), accents taken off. The migration's index and the
    search condition are both this text, so that they match."""
    return (
        f"to_tsvector('{config}'::regconfig, translate("
        f"{title} || ' ' || {body} || ' ' || ({tags})::text, '{ACCENTED}', '{PLAIN}'))"
    )


def postgresql_index_sql() -> list[str]:
    """CREATE INDEX statements of the GIN indexes, one per language."""
    return [
        f"CREATE INDEX IF NOT EXISTS intel_report_fts_{config[:2]} ON intel_intelreport "
        f"USING gin (({document_sql(config, title, body, 'tags')}))"
        for config, title, body in LANGUAGES
    ]


def postgresql_drop_sql() -> list[str]:
    return [f"DROP INDEX IF EXISTS intel_report_fts_{config[:2]}" for config, _t, _b in LANGUAGES]


def sqlite_create_sql() -> list[str]:
    """The FTS5 table, its triggers on the report table, and the rows of existing reports
    (the table's name is FTS_TABLE's)."""
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS intel_report_fts USING fts5("
        "title_es, title_en, body_es, body_en, tags, "
        "tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER IF NOT EXISTS intel_report_fts_insert AFTER INSERT ON intel_intelreport "
        "BEGIN INSERT INTO intel_report_fts(rowid, title_es, title_en, body_es, body_en, tags) "
        "VALUES (new.id, new.title_es, new.title_en, new.body_es, new.body_en, "
        "(SELECT group_concat(value, ' ') FROM json_each(new.tags))); END",
        "CREATE TRIGGER IF NOT EXISTS intel_report_fts_delete AFTER DELETE ON intel_intelreport "
        "BEGIN DELETE FROM intel_report_fts WHERE rowid = old.id; END",
        "CREATE TRIGGER IF NOT EXISTS intel_report_fts_update AFTER UPDATE OF "
        "id, title_es, title_en, body_es, body_en, tags ON intel_intelreport BEGIN "
        "DELETE FROM intel_report_fts WHERE rowid = old.id; "
        "INSERT INTO intel_report_fts(rowid, title_es, title_en, body_es, body_en, tags) "
        "VALUES (new.id, new.title_es, new.title_en, new.body_es, new.body_en, "
        "(SELECT group_concat(value, ' ') FROM json_each(new.tags))); END",
        "INSERT INTO intel_report_fts(rowid, title_es, title_en, body_es, body_en, tags) "
        "SELECT id, title_es, title_en, body_es, body_en, "
        "(SELECT group_concat(value, ' ') FROM json_each(tags)) FROM intel_intelreport",
    ]


def sqlite_drop_sql() -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}"
            for event in ("insert", "delete", "update")
        ),
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ]


class TextMatch(Func):
    """SQL: the report (its columns compiled with the query's own table alias, so it works in
    subqueries too) holds every word of ``words``."""

    output_field = BooleanField()

    def __init__(self, words: list[str]) -> None:
        self.words = list(words)
        columns = [F(name) for name in ("id", "title_es", "body_es", "title_en", "body_en", "tags")]
        super().__init__(*columns)

    def _columns(self, compiler, connection) -> list[str]:
        compiled = []
        for expression in self.source_expressions:
            sql, params = compiler.compile(expression)
            assert not params
            compiled.append(sql)
        return compiled

    def as_sql(self, compiler, connection, **extra_context):  # SQLite
        pk = self._columns(compiler, connection)[0]
        match = " ".join(f'"{word}"' for word in self.words)
        # The column is compiled by Django, the table a constant; the words go as a parameter.
        sql = f"{pk} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
        return sql, [match]

    def as_postgresql(self, compiler, connection, **extra_context):
        _pk, title_es, body_es, title_en, body_en, tags = self._columns(compiler, connection)
        text = " ".join(self.words)
        spanish = document_sql("spanish", title_es, body_es, tags)
        english = document_sql("english", title_en, body_en, tags)
        sql = (
            f"({spanish} @@ plainto_tsquery('spanish'::regconfig, %s) "
            f"OR {english} @@ plainto_tsquery('english'::regconfig, %s))"
        )
        return sql, [text, text]
