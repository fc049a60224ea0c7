"""Malformed lists: each refused with a ListFormatError that says where."""

import pytest

from nonprolif.screening.lists.parsers import ListFormatError, parse

from .conftest import SAMPLES, sample


def mutated(name: str, old: str, new: str, count: int = 1) -> bytes:
    text = sample(name).decode("utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


def refused(source: str, data: bytes) -> ListFormatError:
    with pytest.raises(ListFormatError) as error:
        parse(source, data)
    assert error.value.location, error.value
    return error.value


@pytest.mark.parametrize("source", ["un", "ofac", "eu", "uk"])
def test_truncated_xml_names_line_and_column(source):
    data = sample(SAMPLES[source])
    error = refused(source, data[: len(data) // 2])
    assert error.location.startswith("line ")


@pytest.mark.parametrize(
    ("source", "other"),
    [("un", "ofac.xml"), ("ofac", "eu.xml"), ("eu", "uk.xml"), ("uk", "un.xml")],
)
def test_a_file_of_another_list_is_refused(source, other):
    error = refused(source, sample(other))
    assert "another list" in str(error)


@pytest.mark.parametrize(
    ("source", "data", "location", "words"),
    [
        ("un", lambda: mutated("un.xml", "<REFERENCE_NUMBER>KPi.902</REFERENCE_NUMBER>", ""),
         "entry 2", "REFERENCE_NUMBER"),
        ("un", lambda: mutated("un.xml", "<DATE>1962-04-15</DATE>", "<DATE>1962-13-15</DATE>"),
         "entry 1 (KPi.901)", "DATE_OF_BIRTH"),
        ("un", lambda: mutated("un.xml", "<FIRST_NAME>KAVEH SAZAN INDUSTRIAL GROUP</FIRST_NAME>",
         "<FIRST_NAME/>"), "entry 18 (IRe.902)", "no name"),
        ("un", lambda: mutated("un.xml", "KPi.902", "KPi.901"), "entry 2 (KPi.901)", "twice"),
        ("ofac", lambda: mutated("ofac.xml", "<sdnType>Entity</sdnType>", ""),
         "entry 2 (40002)", "sdnType"),
        ("ofac", lambda: mutated("ofac.xml", "12 Mar 1969", "12 Mrz 1969"),
         "entry 1 (40001)", "dateOfBirth"),
        ("ofac", lambda: mutated("ofac.xml", "<uid>40002</uid>", "<uid>40001</uid>"),
         "entry 2 (40001)", "twice"),
        ("ofac", lambda: mutated("ofac.xml", "09/04/2009", "2009-09-04"), "publshInformation",
         "Publish_Date"),
        ("eu", lambda: mutated("eu.xml", 'logicalId="130902"', 'logicalId=""'), "entry 2",
         "logicalId"),
        ("eu", lambda: mutated("eu.xml", 'birthdate="1966-02-11"', 'birthdate="1966-02-30"'),
         "entry 1 (130901)", "birthdate"),
        ("eu", lambda: mutated("eu.xml", 'code="enterprise"', 'code="ship"'), "entry 3 (130903)",
         "subjectType"),
        ("eu", lambda: mutated("eu.xml", 'logicalId="130902"', 'logicalId="130901"'),
         "entry 2 (130901)", "twice"),
        ("uk", lambda: mutated("uk.xml", "<UniqueID>DPR0902</UniqueID>", ""), "entry 2",
         "UniqueID"),
        ("uk", lambda: mutated("uk.xml", "<DOB>14/03/1964</DOB>", "<DOB>1964-03-14</DOB>"),
         "entry 1 (DPR0901)", "DOB"),
        ("uk", lambda: mutated("uk.xml", "<IndividualEntityShip>Entity</IndividualEntityShip>",
         ""), "entry 2 (DPR0902)", "IndividualEntityShip"),
        ("uk", lambda: mutated("uk.xml", "<UniqueID>DPR0902</UniqueID>",
         "<UniqueID>DPR0901</UniqueID>"), "entry 2 (DPR0901)", "twice"),
    ],
)  # fmt: skip
def test_a_bad_entry_names_the_entry(source, data, location, words):
    error = refused(source, data())
    assert error.location == location
    assert words in str(error)


def test_xml_entity_declarations_are_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY e "KIM">]>'
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X</REFERENCE_NUMBER>"
        b"<FIRST_NAME>&e;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    assert "EntitiesForbidden" in str(refused("un", data))


CSL_HEADER = "_id,source,type,programs,name,alt_names,addresses"
GENERIC = "id,kind,name,aliases,birth_dates,countries,identifiers"


@pytest.mark.parametrize(
    ("source", "text", "location", "words"),
    [
        ("csl", "_id,source,type,programs,name,addresses\n", "line 1", "alt_names"),
        ("csl", f"{CSL_HEADER},dates_of_birth\na,EL,Individual,,Ann,,,1970-02-31\n", "line 2",
         "not a date"),
        ("csl", f"{CSL_HEADER}\na,EL,Entity,,Acme,,\na,EL,Entity,,Acme Two,,\n",
         "line 3, column '_id'", "twice"),
        ("csl", '{"results": [{"_id": "a", "name": "X"}, {"_id": "a", "name": "Y"}]}', "result 2",
         "twice"),
        ("csl", f"{CSL_HEADER}\na,EL,Robot,,Acme,,\n", "line 2", "type"),
        ("csl", f"{CSL_HEADER}\na,EL,Entity,,,,\n", "line 2", "no name"),
        ("csl", '{"total": 0}', "JSON", "results"),
        ("csl", '{"results": [3]}', "result 1", "not an object"),
        ("csl", '{"results": [{"_id": "a", "name": ["x"]}]}', "result 1", "name"),
        ("csl", '{"results": [', "JSON", "not JSON"),
        ("csv", "id,kind,name,aliases,birth_dates,countries\n", "line 1", "identifiers"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\nA,robot,X,,,,\n",
         "line 2, column 'kind'", "person"),
        ("csv", f"{GENERIC}\nA,person,X,,1970-02-31,,\n",
         "line 2, column 'birth_dates'", "not a date"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\nA,person,X,,,,passport\n",
         "line 2, column 'identifiers'", "kind:number"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\nA,person,X,,,Mexico,\n",
         "line 2, column 'countries'", "ISO"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\nA,person,,,,,\n",
         "line 2, column 'name'", "empty"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\n\nA,person,X,,,\n",
         "line 3", "6 cells"),
        ("csv", "id,kind,name,aliases,birth_dates,countries,identifiers\nA,person,X,,,,\n"
         "A,entity,Y,,,,\n", "line 3, column 'id'", "twice"),
        ("csv", "", "line 1", "empty"),
    ],
)  # fmt: skip
def test_a_bad_csv_or_json_row_names_its_place(source, text, location, words):
    error = refused(source, text.encode("utf-8"))
    assert error.location == location
    assert words in str(error)


def test_bytes_that_are_not_utf8_are_refused_by_line():
    data = b"id,kind,name,aliases,birth_dates,countries,identifiers\nA,person,Jos\xe9,,,,\n"
    assert refused("csv", data).location == "line 2"
