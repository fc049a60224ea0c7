"""How reports travel as STIX 2.1, both ways: the vocabulary shared by the export
(``bundle.py``) and the import (``domain.py``). No custom properties and no custom objects: what
STIX has no property for travels in ``labels`` ("<name>:<value>") and ``external_references``.

=====================  ==========================================================================
ours                   STIX 2.1
=====================  ==========================================================================
report                 ``report`` (report_types ``threat-report``); the title and text in the
                       first language that has them (``lang``), the other in a
                       ``language-content`` object; labels ``report-type:``, ``source-reliability:``
                       (Admiralty A to F), ``credibility:`` (1 to 6, also as ``confidence`` by the
                       specification's Admiralty scale), ``itdb-group:``, ``pap:``,
                       ``cbrn-category:<code>``, ``material:<code>``, ``quantity:``, ``tag:``
place of the event     ``location`` labelled ``event-place`` (country, administrative_area = the
                       state, city = the municipality, latitude, longitude)
originator agency      ``identity`` (organization, sector government-national): every object's
                       ``created_by_ref``
person                 ``identity`` identity_class ``individual``
organisation           ``identity`` identity_class ``organization``
vessel                 ``infrastructure`` (infrastructure_types ``unknown``) labelled ``vessel``,
                       aliases
material or agent      ``infrastructure`` (infrastructure_types ``unknown``) labelled
                       ``material``, aliases: a physical resource a trafficking or procurement
                       relies on, the nearest STIX has without a custom object
address                ``location`` labelled ``address`` (street_address, country)
an entity's country    ``location`` labelled ``country`` and a ``located-at`` relationship
identifier             ``external_references`` [{source_name ``identifier``, external_id}]
link with a role       ``relationship`` related-to, report → entity, labelled ``role:<role>``
TLP                    the TLP 2.0 marking definitions (their official ids)
classification and     a statement marking: ``CLASSIFICATION: <code> (<name>) // ORIGINATOR:
releasability          <agency> // RELEASABLE TO: <agencies>``
=====================  ==========================================================================
"""

import re
import uuid

from stix2.v21 import TLP_AMBER, TLP_GREEN, TLP_RED, TLP_WHITE

from nonprolif.intel.models import EntityKind, Tlp

STIX_NAMESPACE = uuid.UUID("8a1f3c52-6f0e-5b8e-9c39-1e4c9e2b7a10")

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
#: The official TLP 2.0 marking definitions (OASIS cti-stix-common-objects).
TLP2_IDS = {
    Tlp.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Tlp.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Tlp.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Tlp.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Tlp.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
#: TLP 1.0 (STIX 2.1's own definitions), understood on import.
TLP1_IDS = {
    TLP_WHITE.id: Tlp.CLEAR,
    TLP_GREEN.id: Tlp.GREEN,
    TLP_AMBER.id: Tlp.AMBER,
    TLP_RED.id: Tlp.RED,
}
TLP_BY_ID = {**{value: key for key, value in TLP2_IDS.items()}, **TLP1_IDS}

STATEMENT_RE = re.compile(r"^CLASSIFICATION: (?P<code>[A-Za-z0-9][A-Za-z0-9_.-]*)\b")
#: The originator a statement marking names (an agency's code).
ORIGINATOR_RE = re.compile(r"\bORIGINATOR:\s*(?P<code>[A-Za-z0-9][A-Za-z0-9_.-]*)")

#: Labels an entity object carries (on infrastructure and location, which STIX does not tell
#: apart by a class property).
VESSEL, MATERIAL, ADDRESS, COUNTRY, EVENT_PLACE = (
    "vessel",
    "material",
    "address",
    "country",
    "event-place",
)

#: The Admiralty credibility as STIX confidence (STIX 2.1, appendix A).
CONFIDENCE = {"1": 90, "2": 70, "3": 50, "4": 30, "5": 10}


def stix_id(kind: str, key: object) -> str:
    """A deterministic id: the same row exports under the same id every time. The name-based
    hash is given the version bits of a UUIDv4, the form STIX 2.1 asks of domain objects."""
    digest = uuid.uuid5(STIX_NAMESPACE, f"{kind}:{key}").bytes
    return f"{kind}--{uuid.UUID(bytes=digest, version=4)}"


def entity_type(kind: str) -> str:
    return {
        EntityKind.PERSON: "identity",
        EntityKind.ORGANISATION: "identity",
        EntityKind.VESSEL: "infrastructure",
        EntityKind.MATERIAL: "infrastructure",
        EntityKind.ADDRESS: "location",
    }[EntityKind(kind)]


def label(name: str, value: object) -> str:
    return f"{name}:{value}"


def labels_of(obj) -> dict[str, list[str]]:
    """{name: [values]} of an object's "<name>:<value>" labels; plain labels under ""."""
    found: dict[str, list[str]] = {}
    for text in obj.get("labels", []) or []:
        name, sep, value = str(text).partition(":")
        if sep:
            found.setdefault(name, []).append(value)
        else:
            found.setdefault("", []).append(name)
    return found
