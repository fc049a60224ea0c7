"""The XML lists' parsers on their samples: counts, and a few entries field by field."""

from datetime import date

from nonprolif.matching.names import BirthDate, Identifier, Kind, Name, Quality
from nonprolif.screening.lists.parsers import ParsedEntry, parse

from .conftest import sample


def by_id(source: str, name: str) -> dict[str, ParsedEntry]:
    return {e.external_id: e for e in parse(source, sample(name)).entries}


def test_un_sample():
    parsed = parse("un", sample("un.xml"))
    assert parsed.source == "un"
    assert parsed.published == date(2009, 9, 1)
    kinds = [e.kind for e in parsed.entries]
    assert (kinds.count(Kind.PERSON), kinds.count(Kind.ENTITY)) == (11, 9)
    entries = {e.external_id: e for e in parsed.entries}
    pak = entries["KPi.901"]
    assert pak.names == (
        Name("PAK CHOL SU"),
        Name("박철수"),
        Name("Pak Chol-Su"),
        Name("Park Chul Soo", Quality.WEAK),
    )
    assert pak.birth_dates == (BirthDate(1962, 4, 15),)
    assert pak.countries == ("KP",)
    assert pak.identifiers == (Identifier("passport", "472310155", "KP"),)
    assert pak.programmes == ("DPRK",)
    assert pak.listed_on == date(2009, 7, 16)
    assert entries["KPi.902"].birth_dates == (BirthDate(1958),)
    assert entries["KPi.903"].birth_dates == tuple(BirthDate(y) for y in (1965, 1966, 1967))
    assert entries["KPi.905"].names[1] == Name("Виктор Сергеевич Ломакин")
    assert entries["KPi.905"].countries == ("RU",)
    assert entries["IRi.901"].names[1] == Name("محمد رضا جعفری نژاد")
    assert entries["IRi.901"].programmes == ("Iran",)
    assert entries["KPe.902"].names[1] == Name("丹东海鑫贸易有限公司")
    assert entries["KPe.902"].countries == ("CN",)
    assert entries["KPe.904"].names[:2] == (
        Name("OOO TEKHNOPROM-IMPORT"),
        Name("ООО «Технопром-Импорт»"),
    )


def test_un_next_version_differs_in_exactly_the_planned_entries():
    before = by_id("un", "un.xml")
    after = by_id("un", "un-2.xml")
    assert parse("un", sample("un-2.xml")).published == date(2009, 10, 15)
    assert set(after) - set(before) == {"IRi.906"}
    assert set(before) - set(after) == {"KPi.906"}
    changed = {k for k in set(before) & set(after) if before[k].version != after[k].version}
    assert changed == {"IRi.903", "IRe.903"}
    assert Name("ALI AKBAR TABATABA'I") not in before["IRi.903"].names
    assert Name("ALI AKBAR TABATABA'I") in after["IRi.903"].names  # a new spelling
    assert after["IRi.903"].birth_dates == before["IRi.903"].birth_dates == ()
    assert Name("Noor Afrooz Chemical Co.") in after["IRe.903"].names


def test_ofac_sample():
    parsed = parse("ofac", sample("ofac.xml"))
    assert parsed.published == date(2009, 9, 4)
    assert len(parsed.entries) == 16
    entries = {e.external_id: e for e in parsed.entries}
    liu = entries["40001"]
    assert liu.kind is Kind.PERSON
    assert liu.names == (Name("Hongbo LIU"), Name("Hong Bo LIU", Quality.WEAK))
    assert liu.birth_dates == (BirthDate(1969, 3, 12),)
    assert liu.identifiers == (Identifier("passport", "G38112406", "CN"),)
    assert liu.programmes == ("NPWMD",)
    vessels = [e for e in parsed.entries if e.kind is Kind.VESSEL]
    assert {v.identifiers[0] for v in vessels} == {
        Identifier("imo", "IMO 9174452"),
        Identifier("imo", "IMO 9321108"),
    }
    assert entries["40007"].countries == ("KP",)
    assert entries["40004"].birth_dates == (BirthDate(1966),)
    assert entries["40005"].birth_dates == tuple(BirthDate(y) for y in (1960, 1961, 1962))
    assert entries["40012"].identifiers == (Identifier("tax_id", "7802114453", "RU"),)


def test_eu_sample():
    parsed = parse("eu", sample("eu.xml"))
    assert parsed.published == date(2009, 9, 2)
    assert len(parsed.entries) == 15
    entries = {e.external_id: e for e in parsed.entries}
    borisov = entries["130901"]
    assert borisov.names == (Name("Геннадий Аркадьевич Борисов"),)
    assert borisov.birth_dates == (BirthDate(1966, 2, 11),)
    assert borisov.countries == ("RU",)
    assert borisov.programmes == ("RUS",)
    assert borisov.listed_on == date(2009, 3, 17)
    assert entries["130903"].names[1] == Name("Sobaeksu Machine Tools", Quality.WEAK)
    assert entries["130903"].kind is Kind.ENTITY
    assert entries["130903"].countries == ("KP",)
    assert entries["130902"].identifiers == (Identifier("passport", "745220013", "KP"),)
    assert entries["130904"].birth_dates == (BirthDate(1963),)
    assert entries["130906"].identifiers == (Identifier("tax_id", "7733019284", "RU"),)


def test_uk_sample():
    parsed = parse("uk", sample("uk.xml"))
    assert parsed.published == date(2009, 9, 3)
    assert len(parsed.entries) == 15
    entries = {e.external_id: e for e in parsed.entries}
    ko = entries["DPR0901"]
    assert ko.names == (Name("Chol Min KO"), Name("Ko Chol-Min", Quality.WEAK), Name("고철민"))
    assert ko.birth_dates == (BirthDate(1964, 3, 14),)
    assert ko.countries == ("KP",)
    assert ko.identifiers == (Identifier("passport", "563310288"),)
    assert ko.listed_on == date(2009, 7, 16)
    assert entries["IRN0901"].birth_dates == (BirthDate(1962),)
    assert entries["IRN0901"].identifiers == (Identifier("national_id", "0072219451"),)
    assert entries["RUS1904"].birth_dates == (BirthDate(1978),)
    ship = entries["RUS1903"]
    assert ship.kind is Kind.VESSEL
    assert ship.identifiers == (Identifier("imo", "9261449"),)
    assert ship.countries == ("RU",)
    assert Name("Ural Precision Machinery") in entries["RUS1902"].names


def test_un_date_of_birth_given_only_as_a_note_is_left_out():
    data = (
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>"
        "<FIRST_NAME>ANA</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>"
        "<NOTE>unknown</NOTE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS>"
        "</CONSOLIDATED_LIST>"
    )
    (entry,) = parse("un", data.encode()).entries
    assert entry.birth_dates == ()


def test_ofac_span_written_with_a_dash():
    data = (
        '<sdnList xmlns="urn:x"><sdnEntry><uid>1</uid><lastName>ANA</lastName>'
        "<sdnType>Individual</sdnType><dateOfBirthList><dateOfBirthItem>"
        "<dateOfBirth>1960 - 1961</dateOfBirth></dateOfBirthItem></dateOfBirthList>"
        "</sdnEntry></sdnList>"
    )
    (entry,) = parse("ofac", data.encode()).entries
    assert entry.birth_dates == (BirthDate(1960), BirthDate(1961))


def test_eu_birthdate_from_its_parts():
    data = (
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="7">'
        '<subjectType code="person"/><nameAlias wholeName="Ana" strong="true"/>'
        '<birthdate year="1954" monthOfYear="9" dayOfMonth="8"/><birthdate year="1956"/>'
        '<birthdate year="1957" monthOfYear="3"/></sanctionEntity></export>'
    )
    (entry,) = parse("eu", data.encode()).entries
    assert entry.birth_dates == (BirthDate(1954, 9, 8), BirthDate(1956), BirthDate(1957, 3))
