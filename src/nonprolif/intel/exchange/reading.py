"""The reading of a STIX 2.1 bundle for the import (``domain.import_bundle``): each object
parsed and checked, and what it becomes here (``mapping.py`` says how). Nothing here writes;
what cannot be taken is noted on the plan, by object id."""

import datetime
import decimal
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stix2 import parse
from stix2.exceptions import STIXError

from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.intel.models import (
    CbrnCategory,
    Entity,
    EntityKind,
    LinkRole,
    Material,
    ReportType,
    Tlp,
)

from .bundle import agency_identity_id
from .mapping import EVENT_PLACE, MATERIAL, ORIGINATOR_RE, STATEMENT_RE, TLP_BY_ID, labels_of

#: Object types that become entities (when a report's relationship points at them).
ENTITY_TYPES = {"identity", "infrastructure", "location", "threat-actor"}
#: Object types an import takes; any other is refused, by its id.
TAKEN_TYPES = {
    "report",
    "identity",
    "infrastructure",
    "location",
    "threat-actor",
    "relationship",
    "marking-definition",
    "language-content",
}


def max_import_bytes() -> int:
    return int(getattr(settings, "INTEL_STIX_IMPORT_MAX_BYTES", 2 * 1024 * 1024))


def load_bundle(data: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The bundle as a dict; ValidationError (on ``bundle``) when it is too large, not JSON or
    not a bundle."""
    if isinstance(data, dict):
        loaded: Any = data
    else:
        if len(data) > max_import_bytes():
            raise ValidationError(
                {
                    "bundle": _("The bundle is larger than %(size)s bytes.")
                    % {"size": max_import_bytes()}
                }
            )
        try:
            loaded = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError(
                {"bundle": _("The file is not JSON: %(error)s") % {"error": error}}
            ) from None
    if (
        not isinstance(loaded, dict)
        or loaded.get("type") != "bundle"
        or not isinstance(loaded.get("objects"), list)
    ):
        raise ValidationError(
            {"bundle": _('The file is not a STIX 2.1 bundle (type "bundle" with objects).')}
        )
    return loaded


@dataclass
class Plan:
    """The bundle read: its objects by id, and what could not be taken."""

    actor: User
    objects: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    creators: set[str] = field(default_factory=set)
    linked: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict[str, Any]
    )  # report → links
    countries: dict[str, str] = field(default_factory=dict)  # entity object → country
    used: set[str] = field(default_factory=set)
    own: set[str] = field(default_factory=set)  # reports marked as the importer's agency's

    def refuse(self, object_id: str, message: str) -> None:
        self.problems.append(f"{object_id}: {message}")

    def of_type(self, kind: str) -> list[Any]:
        return [obj for obj in self.objects.values() if obj["type"] == kind]


def read_objects(plan: Plan, loaded: dict[str, Any]) -> None:
    for index, raw in enumerate(loaded["objects"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            plan.problems.append(
                _("object %(n)s: not a STIX object with an id.") % {"n": index + 1}
            )
            continue
        object_id = raw["id"]
        if not isinstance(raw.get("type"), str) or raw["type"] not in TAKEN_TYPES:
            plan.refuse(
                object_id,
                _("objects of type %(type)s are not taken.") % {"type": raw.get("type")},
            )
            continue
        try:
            obj = parse(raw, allow_custom=True, version="2.1")
        except (STIXError, ValueError, TypeError, KeyError) as error:
            plan.refuse(object_id, _("not valid STIX 2.1: %(error)s") % {"error": error})
            continue
        if object_id in plan.objects:
            plan.refuse(object_id, _("the bundle holds this object twice."))
            continue
        plan.objects[object_id] = obj


def _markings(plan: Plan, obj: Any) -> tuple[str, list[str], set[str]]:
    """(TLP, classification codes, originator codes) of a report's markings."""
    tlp = Tlp.AMBER.value
    codes: list[str] = []
    originators: set[str] = set()
    for ref in obj.get("object_marking_refs", []):
        if ref in TLP_BY_ID:
            tlp = TLP_BY_ID[ref]
            plan.used.add(ref)
            continue
        marking = plan.objects.get(ref)
        statement = ""
        if marking is not None and marking.get("definition_type") == "statement":
            statement = marking["definition"]["statement"]
        match = STATEMENT_RE.match(statement)
        if match is None:
            plan.refuse(obj["id"], _("its marking %(ref)s is not understood.") % {"ref": ref})
            continue
        plan.used.add(ref)
        codes.append(match["code"])
        originators.update(found["code"] for found in ORIGINATOR_RE.finditer(statement))
    return tlp, codes, originators


@dataclass(frozen=True)
class Agencies:
    """The agencies of this deployment, by code and by the identity their exports carry
    (``bundle.agency_identity``)."""

    by_code: dict[str, Agency]
    by_identity: dict[str, Agency]

    @classmethod
    def load(cls) -> "Agencies":
        agencies = list(Agency.objects.all())
        return cls(
            by_code={agency.code: agency for agency in agencies},
            by_identity={agency_identity_id(agency): agency for agency in agencies},
        )


def _check_origin(plan: Plan, obj: Any, originators: set[str], agencies: Agencies) -> None:
    """A report written here stays its originator's: an agency of this deployment named as
    the originator by a statement marking, or as the creator identity, other than the
    importer's refuses the report; the importer's own is noted on ``plan.own`` (a copy of one
    of its own reports is refused by the caller)."""
    named = {agencies.by_code[code] for code in originators if code in agencies.by_code}
    creator = agencies.by_identity.get(str(obj.get("created_by_ref", "")))
    if creator is not None:
        named.add(creator)
    others = sorted(agency.code for agency in named if agency.pk != plan.actor.agency_id)
    if others:
        plan.refuse(
            obj["id"],
            _("it was written by %(agency)s: it stays theirs; ask them for a release.")
            % {"agency": ", ".join(others)},
        )
    elif named:
        plan.own.add(obj["id"])


def read_links(plan: Plan) -> None:
    """Links (report → entity, role) and entities' countries, from the relationships."""
    reports = {obj["id"] for obj in plan.of_type("report")}
    for rel in plan.of_type("relationship"):
        source, target = rel["source_ref"], rel["target_ref"]
        if target in reports and source not in reports:
            source, target = target, source
        other = plan.objects.get(target)
        if source in reports and other is not None and other["type"] in ENTITY_TYPES:
            roles = labels_of(rel).get("role") or [
                LinkRole.LOCATION if rel["relationship_type"] == "located-at" else LinkRole.SUBJECT
            ]
            if roles[0] not in LinkRole.values:
                plan.refuse(rel["id"], _("role %(role)s is not known.") % {"role": roles[0]})
                continue
            plan.linked.setdefault(source, []).append((target, roles[0]))
            plan.used.update((rel["id"], target))
            continue
        place = plan.objects.get(target)
        if (
            rel["relationship_type"] == "located-at"
            and source in plan.objects
            and place is not None
            and place["type"] == "location"
            and place.get("country")
        ):
            plan.countries[source] = place["country"]
            plan.used.update((rel["id"], target))
            continue
        plan.refuse(
            rel["id"],
            _(
                "a relationship between %(source)s and %(target)s is not taken (only a report's "
                "links to its entities and an entity's located-at its country)."
            )
            % {"source": rel["source_ref"], "target": rel["target_ref"]},
        )


def entity_kind(obj: Any) -> str:
    if obj["type"] == "identity":
        return (
            EntityKind.PERSON
            if obj.get("identity_class") == "individual"
            else EntityKind.ORGANISATION
        )
    if obj["type"] == "threat-actor":
        return EntityKind.ORGANISATION
    if obj["type"] == "location":
        return EntityKind.ADDRESS
    return EntityKind.MATERIAL if MATERIAL in labels_of(obj).get("", []) else EntityKind.VESSEL


def new_entity(plan: Plan, obj: Any) -> tuple[Entity, list[str]]:
    kind = entity_kind(obj)
    identifier = next(
        (
            ref.get("external_id", "")
            for ref in obj.get("external_references", [])
            if ref.get("source_name") == "identifier"
        ),
        "",
    )
    name = obj.get("name") or obj.get("street_address") or ""
    entity = Entity(
        kind=kind,
        name=str(name).strip(),
        country=(plan.countries.get(obj["id"]) or obj.get("country") or "").upper()[:2],
        identifier=str(identifier)[:100],
        description=obj.get("description", ""),
        owner_id=plan.actor.agency_id or 0,
        created_by=plan.actor,
        stix_id=obj["id"],
    )
    try:
        entity.full_clean(exclude=["owner", "created_by"])
    except ValidationError as error:
        plan.refuse(obj["id"], "; ".join(error.messages))
    return entity, [str(alias) for alias in obj.get("aliases", [])]


def coordinate(value: Any) -> decimal.Decimal | None:
    """A STIX latitude or longitude as the model keeps it (5 decimals)."""
    return None if value is None else decimal.Decimal(str(round(float(value), 5)))


def report_fields(
    plan: Plan, obj: Any, levels: dict[str, ClassificationLevel], agencies: Agencies
) -> dict[str, Any] | None:
    """The model fields of one report object, or None (and its problems noted)."""
    before = len(plan.problems)
    tlp, codes, originators = _markings(plan, obj)
    _check_origin(plan, obj, originators, agencies)
    clearance = plan.actor.clearance
    unknown = [code for code in codes if code not in levels]
    # The classification its statements mark (the highest, when several do), never lower.
    marked = [levels[code] for code in codes if code in levels]
    level = max(marked, key=lambda found: found.rank) if marked else clearance
    if unknown:
        level = None
        plan.refuse(
            obj["id"],
            _("classification %(code)s is not known here.") % {"code": ", ".join(unknown)},
        )
    elif level is None or clearance is None or level.rank > clearance.rank:
        plan.refuse(obj["id"], _("it is classified above your clearance."))
    labels = labels_of(obj)

    def one(name: str) -> str:
        return (labels.get(name) or [""])[0]

    lang = "es" if obj.get("lang") == "es" else "en"
    other = "en" if lang == "es" else "es"
    values: dict[str, Any] = {
        f"title_{lang}": obj["name"][:300],
        f"body_{lang}": obj.get("description", ""),
        "report_type": one("report-type") or ReportType.ASSESSMENT,
        "classification": level,
        "tlp": tlp,
        "pap": one("pap") or "amber",
        "source_reliability": one("source-reliability") or "F",
        "information_credibility": one("credibility") or "6",
        "itdb_group": one("itdb-group"),
        "quantity": one("quantity")[:100],
        "tags": labels.get("tag", []),
    }
    for content in plan.of_type("language-content"):
        if content["object_ref"] == obj["id"]:
            plan.used.add(content["id"])
            texts = content["contents"].get(other, {})
            if not isinstance(texts, dict):
                plan.refuse(content["id"], _("its contents are not texts by property."))
                continue
            values[f"title_{other}"] = str(texts.get("name", ""))[:300]
            values[f"body_{other}"] = str(texts.get("description", ""))
    if one("event-date"):
        try:
            values["event_date"] = datetime.date.fromisoformat(one("event-date"))
        except ValueError:
            plan.refuse(
                obj["id"], _("event-date %(value)s is not a date.") % {"value": one("event-date")}
            )
    for name, model in (("cbrn-category", CbrnCategory), ("material", Material)):
        if one(name):
            found = model.objects.filter(code=one(name)).first()
            if found is None:
                plan.refuse(
                    obj["id"],
                    _("%(label)s %(code)s is not known here.") % {"label": name, "code": one(name)},
                )
            values["cbrn_category" if name == "cbrn-category" else name] = found
    for ref in obj.get("object_refs", []):
        place = plan.objects.get(ref)
        if (
            place is not None
            and place["type"] == "location"
            and EVENT_PLACE in labels_of(place).get("", [])
        ):
            plan.used.add(ref)
            values.update(
                country=place.get("country", "")[:2].upper(),
                state=place.get("administrative_area", "")[:100],
                municipality=place.get("city", "")[:100],
                latitude=coordinate(place.get("latitude")),
                longitude=coordinate(place.get("longitude")),
            )
    creator = plan.objects.get(obj.get("created_by_ref", ""))
    values["external_source"] = str(
        creator["name"] if creator is not None else obj.get("created_by_ref", "")
    )[:200]
    if creator is not None:
        plan.creators.add(creator["id"])
    return values if len(plan.problems) == before else None
