"""The CSV and JSON lists' parsers on their samples."""

from datetime import date

from nonprolif.matching.names import BirthDate, Identifier, Kind, Name, Quality
from nonprolif.screening.lists.parsers import parse

from .conftest import sample


def test_csl_csv_sample():
    parsed = parse("csl", sample("csl.csv"))
    assert parsed.source == "csl"
    assert len(parsed.entries) == 16
    entries = {e.external_id: e for e in parsed.entries}
    javad = entries["c0f1e2a3b4c5d6e7f8a9b0c1d2e3f409"]
    assert javad.kind is Kind.PERSON
    assert javad.names == (Name("MIRZAEI FARD, Javad"), Name("MIRZAI FARD, Javad"))
    assert javad.birth_dates == (BirthDate(1968, 5, 5),)
    assert javad.identifiers == (Identifier("passport", "B61203388", "IR"),)
    assert javad.countries == ("IR",)
    assert javad.programmes == ("NPWMD",)
    assert javad.listed_on == date(2009, 3, 11)
    dpl = entries["c0f1e2a3b4c5d6e7f8a9b0c1d2e3f404"]
    assert dpl.kind is Kind.PERSON  # the DPL gives no type: no legal form, a person
    assert dpl.countries == ("US",)
    assert entries["c0f1e2a3b4c5d6e7f8a9b0c1d2e3f405"].kind is Kind.ENTITY  # "INC."
    vessel = entries["c0f1e2a3b4c5d6e7f8a9b0c1d2e3f413"]
    assert vessel.kind is Kind.VESSEL
    assert vessel.countries == ("PA",)
    assert vessel.identifiers == (Identifier("imo", "IMO 9155327"),)


def test_csl_json_gives_the_same_entries_as_the_csv():
    from_csv = parse("csl", sample("csl.csv"))
    from_json = parse("csl", sample("csl.json"))
    assert from_json.entries == from_csv.entries


def test_generic_sample():
    parsed = parse("csv", sample("generic.csv"))
    assert parsed.source == "csv"
    assert parsed.published is None
    assert len(parsed.entries) == 15
    entries = {e.external_id: e for e in parsed.entries}
    first = entries["MX-0001"]
    assert first.names == (
        Name("Grupo Ferrocromo Vallarta S.A. de C.V."),
        Name("Ferrocromo Vallarta"),
        Name("GFV", Quality.WEAK),
    )
    assert first.identifiers == (Identifier("tax_id", "GFV0312118K4", "MX"),)
    assert entries["MX-0004"].birth_dates == (BirthDate(1970, 2),)
    assert entries["INT-0006"].countries == ("PA", "SG")
    assert entries["INT-0007"].kind is Kind.VESSEL
    assert entries["INT-0014"].names[1] == Name("Гульнара Рашидовна Исмаилова")


def test_generic_with_a_byte_order_mark_and_crlf():
    data = (
        "\ufeffid,kind,name,aliases,birth_dates,countries,identifiers\r\n"
        "A1,person,Ana Ruiz,,1970,mx,\r\n"
    )
    (entry,) = parse("csv", data.encode("utf-8")).entries
    assert entry.names == (Name("Ana Ruiz"),)
    assert entry.countries == ("MX",)
