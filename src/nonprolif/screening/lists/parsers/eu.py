"""The EU's consolidated financial sanctions list (XML: ``export`` in the FSD namespace).

Each ``sanctionEntity`` is known by its ``logicalId``; ``subjectType@code`` is ``person`` or
``enterprise``. Every ``nameAlias`` is a name (``wholeName``, else ``firstName middleName
lastName``), weak when ``strong="false"``, in whatever script its ``nameLanguage`` has.
``birthdate`` gives ``birthdate="YYYY-MM-DD"`` or its parts (``year``, ``monthOfYear``,
``dayOfMonth``); ``citizenship``,
``address`` and ``birthdate`` a ``countryIso2Code``; ``identification`` a ``number`` of an
``identificationTypeCode``. The programmes are the ``regulation`` s' ``programme``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from nonprolif.matching.names.model import BirthDate, Identifier, Kind, Name, Quality

from .countries import country_code
from .model import ListFormatError, ParsedEntry, ParsedList, birth_date, unique, where
from .xml import children, iso_date, local, records, text

SOURCE = "eu"
KINDS = {"person": Kind.PERSON, "enterprise": Kind.ENTITY, "vessel": Kind.VESSEL}
ID_KINDS = {"passport": "passport", "id": "national_id", "tin": "tax_id", "imo": "imo"}


def _name(alias: ET.Element) -> str:
    whole = alias.get("wholeName", "").strip()
    if whole:
        return whole
    parts = (alias.get(p, "").strip() for p in ("firstName", "middleName", "lastName"))
    return " ".join(p for p in parts if p)


def _birth_dates(element: ET.Element, location: str) -> list[BirthDate]:
    found = []
    for item in children(element, "birthdate"):
        value = item.get("birthdate", "").strip()
        year = item.get("year", "").strip()
        if not value and year:  # only its parts: the year, perhaps the month and the day
            month = item.get("monthOfYear", "").strip()
            day = item.get("dayOfMonth", "").strip() if month else ""
            value = "-".join(p.zfill(2) for p in (year, month, day) if p)
        if value:
            found.append(birth_date(value, location=location, what="birthdate"))
    return found


def _entry(element: ET.Element, position: int) -> ParsedEntry:
    logical_id = element.get("logicalId", "").strip()
    location = where(position, logical_id)
    if not logical_id:
        raise ListFormatError("logicalId missing", location=location)
    subject = next(children(element, "subjectType"), None)
    code = subject.get("code", "").strip().lower() if subject is not None else ""
    if code not in KINDS:
        raise ListFormatError(f"subjectType code {code!r} unknown", location=location)
    names = [
        Name(_name(a), Quality.WEAK if a.get("strong", "").lower() == "false" else Quality.STRONG)
        for a in children(element, "nameAlias")
    ]
    if not any(name.text for name in names):
        raise ListFormatError("nameAlias missing: the entry has no name", location=location)
    names.sort(key=lambda n: n.quality is not Quality.STRONG)  # a strong name first
    countries = [
        item.get("countryIso2Code", "")
        for tag in ("citizenship", "address")
        for item in children(element, tag)
    ]
    identifiers = []
    for item in children(element, "identification"):
        number = item.get("number", "").strip() or item.get("latinNumber", "").strip()
        if number:
            kind = ID_KINDS.get(item.get("identificationTypeCode", "").strip().lower(), "other")
            identifiers.append(Identifier(kind, number, country_code(item.get("countryIso2Code"))))
    regulations = list(children(element, "regulation"))
    designated = element.get("designationDate", "").strip() or min(
        (r.get("publicationDate", "").strip() for r in regulations if r.get("publicationDate")),
        default="",
    )
    return ParsedEntry(
        external_id=logical_id,
        kind=KINDS[code],
        names=tuple(names),
        birth_dates=tuple(_birth_dates(element, location)),
        countries=tuple(c for c in map(country_code, countries) if c),
        identifiers=tuple(identifiers),
        programmes=tuple(r.get("programme", "") for r in regulations),
        listed_on=iso_date(designated, location=location, what="designation date")
        if designated
        else None,
        remarks=" ".join(text(r) for r in children(element, "remark") if text(r)),
    )


def parse_eu(data: bytes) -> ParsedList:
    """The EU consolidated list in ``data``."""
    entries: list[ParsedEntry] = []
    published = None
    for root, element in records(data, ("export",), 1):
        if element is root:
            generated = root.get("generationDate", "").strip()
            if generated:
                published = iso_date(generated, location="export", what="generationDate")
        elif local(element.tag) == "sanctionEntity":
            entries.append(_entry(element, len(entries) + 1))
    return ParsedList(SOURCE, published, unique(entries))
