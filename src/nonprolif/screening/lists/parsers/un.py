"""The UN Security Council Consolidated List (XML: ``CONSOLIDATED_LIST``).

Individuals (``INDIVIDUALS/INDIVIDUAL``) and entities (``ENTITIES/ENTITY``), each known by its
``REFERENCE_NUMBER`` (``KPi.033``). A person's name is ``FIRST_NAME`` to ``FOURTH_NAME``
joined, an entity's its ``FIRST_NAME``; ``NAME_ORIGINAL_SCRIPT`` is kept as a name too; aliases
of ``Low`` quality are weak. Dates of birth: ``EXACT`` or ``APPROXIMATELY`` a ``DATE`` or a
``YEAR``, ``BETWEEN`` a ``FROM_YEAR`` and a ``TO_YEAR`` (every year of the span); one with
neither is left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from nonprolif.matching.names.model import BirthDate, Identifier, Kind, Name, Quality

from .countries import country_code
from .model import ListFormatError, ParsedEntry, ParsedList, birth_date, unique, where
from .xml import children, iso_date, local, records, text, texts

SOURCE = "un"
MAX_SPAN = 30
DOCUMENT_KINDS = {
    "passport": "passport",
    "national identification number": "national_id",
    "national identity card": "national_id",
    "national id": "national_id",
    "identification number": "national_id",
    "tax identification number": "tax_id",
}


def _birth_dates(element: ET.Element, location: str) -> list[BirthDate]:
    found: list[BirthDate] = []
    for dob in children(element, "INDIVIDUAL_DATE_OF_BIRTH"):
        kind = text(dob, "TYPE_OF_DATE").upper()
        if kind == "BETWEEN":
            start, end = text(dob, "FROM_YEAR"), text(dob, "TO_YEAR")
            if not (start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= MAX_SPAN):
                raise ListFormatError(
                    f"DATE_OF_BIRTH between {start!r} and {end!r} is not a span of years",
                    location=location,
                )
            found.extend(BirthDate(year) for year in range(int(start), int(end) + 1))
            continue
        value = text(dob, "DATE") or text(dob, "YEAR")
        if value:  # a date of birth given only as a NOTE says nothing to compare
            found.append(birth_date(value, location=location, what="DATE_OF_BIRTH"))
    return found


def _entry(element: ET.Element, position: int) -> ParsedEntry:
    reference = text(element, "REFERENCE_NUMBER")
    location = where(position, reference)
    if not reference:
        raise ListFormatError("REFERENCE_NUMBER missing", location=location)
    person = local(element.tag) == "INDIVIDUAL"
    parts = (
        ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME") if person else ("FIRST_NAME",)
    )
    primary = " ".join(t for t in (text(element, part) for part in parts) if t)
    if not primary:
        raise ListFormatError("FIRST_NAME missing: the entry has no name", location=location)
    names = [Name(primary)]
    names += [Name(t) for t in texts(element, "NAME_ORIGINAL_SCRIPT")]
    prefix = "INDIVIDUAL" if person else "ENTITY"
    for alias in children(element, f"{prefix}_ALIAS"):
        alias_name = text(alias, "ALIAS_NAME")
        if alias_name:
            weak = text(alias, "QUALITY").lower() == "low"
            names.append(Name(alias_name, Quality.WEAK if weak else Quality.STRONG))
    countries = [*texts(element, "NATIONALITY", "VALUE")]
    countries += [text(a, "COUNTRY") for a in children(element, f"{prefix}_ADDRESS")]
    identifiers = []
    for document in children(element, "INDIVIDUAL_DOCUMENT"):
        number = text(document, "NUMBER")
        if number:
            kind = DOCUMENT_KINDS.get(text(document, "TYPE_OF_DOCUMENT").lower(), "other")
            issuer = country_code(
                text(document, "ISSUING_COUNTRY") or text(document, "COUNTRY_OF_ISSUE")
            )
            identifiers.append(Identifier(kind, number, issuer))
    listed = text(element, "LISTED_ON")
    return ParsedEntry(
        external_id=reference,
        kind=Kind.PERSON if person else Kind.ENTITY,
        names=tuple(names),
        birth_dates=tuple(_birth_dates(element, location)) if person else (),
        countries=tuple(c for c in map(country_code, countries) if c),
        identifiers=tuple(identifiers),
        programmes=tuple(texts(element, "UN_LIST_TYPE")),
        listed_on=iso_date(listed, location=location, what="LISTED_ON") if listed else None,
        remarks=text(element, "COMMENTS1"),
    )


def parse_un(data: bytes) -> ParsedList:
    """The UN consolidated list in ``data``."""
    entries: list[ParsedEntry] = []
    published = None
    for root, element in records(data, ("CONSOLIDATED_LIST",), 2):
        if element is root:
            generated = root.get("dateGenerated", "")
            if generated:
                published = iso_date(generated, location="CONSOLIDATED_LIST", what="dateGenerated")
        elif local(element.tag) in ("INDIVIDUAL", "ENTITY"):
            entries.append(_entry(element, len(entries) + 1))
    return ParsedList(SOURCE, published, unique(entries))
