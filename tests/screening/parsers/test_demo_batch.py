"""The demo batch against the sample lists, with the engines: the planted hits are found, the
near misses are not, nothing else matches at the default threshold."""

import csv
import importlib.util
import io

import pytest

from nonprolif.matching.goods import DeclarationLine, GoodsIndex, match_line
from nonprolif.matching.names import (
    DEFAULT_THRESHOLDS,
    BirthDate,
    Identifier,
    Kind,
    NameIndex,
    Party,
    score_entry,
    screen,
)
from nonprolif.screening.lists.parsers import parse, parse_controls

from .conftest import FIXTURES, SAMPLES, sample

BATCH = FIXTURES / "demo" / "customs-2009.csv"
THRESHOLD = DEFAULT_THRESHOLDS.default

#: declaration, party name → (list, entry) it must match at or above the threshold.
HITS = {
    ("09 16 3054 9000120", "Gennadiy Arkadyevich Borisov"): ("eu", "130901"),
    ("09 07 3054 9000407", "Park Chol Su"): ("un", "KPi.901"),
    ("09 24 3054 9000988", "Ali Akbar Tabatabai"): ("un", "IRi.903"),
}
#: declaration, party name → the entry it resembles, and must stay below the threshold on.
NEAR_MISSES = {
    ("09 07 3054 9000232", "Carlos Tabatabai"): ("un", "IRi.903"),
    ("09 16 3054 9000540", "Nikolai Borisov"): ("eu", "130901"),
    ("09 47 3054 9000841", "Kim Song Ho"): ("un", "KPi.902"),
    ("09 24 3054 9001163", "Roberto Lomakin"): ("un", "KPi.905"),
}
PRECURSOR_LINE = ("09 07 3054 9000722", "1C350.1")


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(BATCH.read_text(encoding="utf-8"))))


def party_of(row: dict[str, str]) -> Party:
    identifiers = []
    for item in filter(None, (i.strip() for i in row["identifiers"].split(";"))):
        kind, number, *country = item.split(":")
        identifiers.append(Identifier(kind, number, country[0] if country else None))
    return Party(
        names=(row["name"],),
        kind=Kind(row["kind"]) if row["kind"] else None,
        birth_dates=(BirthDate.parse(row["birth_date"]),) if row["birth_date"] else (),
        countries=(row["country"],) if row["country"] else (),
        identifiers=tuple(identifiers),
    )


@pytest.fixture(scope="module")
def entries():
    found = {}
    for source, name in SAMPLES.items():
        for entry in parse(source, sample(name)).entries:
            found[(source, entry.external_id)] = entry.to_entry(source)
    return found


@pytest.fixture(scope="module")
def index(entries):
    return NameIndex(entries.values())


def test_the_batch_is_what_its_script_writes():
    spec = importlib.util.spec_from_file_location("make_batch", FIXTURES / "demo" / "make_batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == BATCH.read_text(encoding="utf-8")


def test_the_batch_shape():
    found = rows()
    assert list(found[0]) == [
        "declaration",
        "record",
        "role",
        "name",
        "kind",
        "country",
        "birth_date",
        "identifiers",
        "description",
        "tariff_code",
        "cas_numbers",
    ]
    declarations: dict[str, list[dict[str, str]]] = {}
    for row in found:
        declarations.setdefault(row["declaration"], []).append(row)
    assert len(declarations) == 200
    for lines in declarations.values():
        parties = [r for r in lines if r["record"] == "party"]
        goods = [r for r in lines if r["record"] == "goods"]
        assert 2 <= len(parties) <= 4
        assert 1 <= len(goods) <= 3
        assert {r["role"] for r in parties} <= {
            "importer", "exporter", "consignee", "end_user", "carrier"
        }  # fmt: skip


def test_every_party_hits_only_where_planted(index):
    hits = {}
    for row in rows():
        if row["record"] != "party":
            continue
        found = screen(party_of(row), index)
        if found:
            hits[(row["declaration"], row["name"])] = {(m.source, m.entry_id) for m in found}
    assert set(hits) == set(HITS)
    for key, entry in HITS.items():
        assert entry in hits[key]


def test_the_near_misses_stay_below_the_threshold(entries, index):
    by_key = {(r["declaration"], r["name"]): r for r in rows() if r["record"] == "party"}
    for key, entry in NEAR_MISSES.items():
        party = party_of(by_key[key])
        assert score_entry(party, entries[entry]).score < THRESHOLD
        assert not screen(party, index)


def test_the_demo_near_miss_still_matches_the_entry_the_lists_next_version_changes():
    """The entry gains a spelling in un-2.xml: a party cleared against it alerts again."""
    (row,) = [r for r in rows() if r["name"] == "Ali Akbar Tabatabai"]
    before = {e.external_id: e for e in parse("un", sample("un.xml")).entries}["IRi.903"]
    after = {e.external_id: e for e in parse("un", sample("un-2.xml")).entries}["IRi.903"]
    assert score_entry(party_of(row), before.to_entry("un")).score >= THRESHOLD
    assert score_entry(party_of(row), after.to_entry("un")).score >= THRESHOLD
    assert before.version != after.version


def test_goods_match_only_the_planted_precursor():
    index = GoodsIndex(
        parse_controls((FIXTURES / "controls" / "australia-group-precursors.csv").read_bytes())
    )
    found = {}
    for row in rows():
        if row["record"] != "goods":
            continue
        numbers = tuple(n.strip() for n in row["cas_numbers"].split(";") if n.strip())
        line = DeclarationLine(row["description"], row["tariff_code"], numbers)
        result = match_line(line, index, threshold=THRESHOLD)
        assert not result.invalid_cas
        if result.matches:
            found[row["declaration"]] = [m.code for m in result.matches]
    assert found == {PRECURSOR_LINE[0]: [PRECURSOR_LINE[1]]}
