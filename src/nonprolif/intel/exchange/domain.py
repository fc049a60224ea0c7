"""The writes of the exchange: a STIX 2.1 bundle in (``import_bundle``), and the audit of a
bundle out (``export_bundle``).

An import is all-or-nothing: every object of the bundle is read first, and if any cannot be
taken the answer lists each of them by its id and nothing is written. Reports arrive as drafts
of the importer's agency (its analyst is the author), each keeping its STIX id, and the
bundle's creator identity as ``external_source``. Their releasability list starts empty: the
originator decides it here (a partner's list names agencies of the partner's deployment).
"""

import datetime
import decimal
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stix2 import parse
from stix2.exceptions import STIXError

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, ClassificationLevel, Outcome, User
from nonprolif.intel.models import (
    REPORT_FIELDS,
    CbrnCategory,
    Entity,
    EntityAlias,
    EntityKind,
    IntelReport,
    LinkRole,
    Material,
    ReportEntity,
    ReportStatus,
    ReportType,
    ReportVersion,
    Tlp,
)

from . import bundle as exporter
from .mapping import (
    COUNTRY,
    EVENT_PLACE,
    MATERIAL,
    STATEMENT_RE,
    TLP_BY_ID,
    labels_of,
)

IMPORT_ACTION = "intel.stix.import"
EXPORT_ACTION = "intel.stix.export"
#: Object types an import takes; any other is refused.
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


@dataclass(frozen=True)
class ImportResult:
    """What ``import_bundle`` wrote."""

    reports: list[IntelReport]
    entities_created: int
    links: int
    source: str


def export_bundle(
    *, actor: User, reports: Any, query: str | None = None
) -> tuple[Any, list[IntelReport]]:
    """The STIX 2.1 bundle of the ``reports`` ``actor`` may read (``bundle.bundle_for``) and
    the reports it carries.

    Side effects: one audit entry (``intel.stix.export``) naming the exported reports (and the
    search words, for a search's export).
    """
    exported = list(exporter.exportable(actor, reports)[: exporter.MAX_REPORTS])
    result = exporter.bundle_of(actor, exported)
    record(
        actor=actor,
        action=EXPORT_ACTION,
        object_type="intel.intelreport",
        object_ids=[report.pk for report in exported],
        changes={"query": query} if query is not None else {},
    )
    return result, exported


def may_import(user: Any) -> bool:
    return bool(user is not None and user.has_perm("intel.import_stix"))


def _load(data: str | bytes | dict[str, Any]) -> dict[str, Any]:
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
class _Plan:
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

    def refuse(self, object_id: str, message: str) -> None:
        self.problems.append(f"{object_id}: {message}")

    def of_type(self, kind: str) -> list[Any]:
        return [obj for obj in self.objects.values() if obj["type"] == kind]


def _read_objects(plan: _Plan, loaded: dict[str, Any]) -> None:
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


def _markings(plan: _Plan, obj: Any) -> tuple[str, str | None]:
    """(TLP, classification code or None) of a report's markings."""
    tlp, code = Tlp.AMBER.value, None
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
        code = match["code"]
    return tlp, code


def _links(plan: _Plan) -> None:
    """Links (report → entity, role) and entities' countries, from the relationships."""
    reports = {obj["id"] for obj in plan.of_type("report")}
    for rel in plan.of_type("relationship"):
        source, target = rel["source_ref"], rel["target_ref"]
        if target in reports and source not in reports:
            source, target = target, source
        other = plan.objects.get(target)
        if source in reports and other is not None and other["type"] != "report":
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


def _entity_kind(obj: Any) -> str:
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


def _new_entity(plan: _Plan, obj: Any) -> tuple[Entity, list[str]]:
    kind = _entity_kind(obj)
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


def _coordinate(value: Any) -> decimal.Decimal | None:
    """A STIX latitude or longitude as the model keeps it (5 decimals)."""
    return None if value is None else decimal.Decimal(str(round(float(value), 5)))


def _report_fields(
    plan: _Plan, obj: Any, levels: dict[str, ClassificationLevel]
) -> dict[str, Any] | None:
    """The model fields of one report object, or None (and its problems noted)."""
    before = len(plan.problems)
    tlp, code = _markings(plan, obj)
    clearance = plan.actor.clearance
    level = levels.get(code) if code else clearance
    if level is None:
        plan.refuse(obj["id"], _("classification %(code)s is not known here.") % {"code": code})
    elif clearance is None or level.rank > clearance.rank:
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
                latitude=_coordinate(place.get("latitude")),
                longitude=_coordinate(place.get("longitude")),
            )
    creator = plan.objects.get(obj.get("created_by_ref", ""))
    values["external_source"] = str(
        creator["name"] if creator is not None else obj.get("created_by_ref", "")
    )[:200]
    if creator is not None:
        plan.creators.add(creator["id"])
    return values if len(plan.problems) == before else None


def _next_reference(agency: Agency, year: int, taken: int) -> str:
    prefix = f"{agency.code}-{year}-"
    last = (
        IntelReport.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) if last and last.rsplit("-", 1)[1].isdigit() else 0
    return f"{prefix}{number + taken + 1:04d}"


def version_data(report: IntelReport) -> dict[str, Any]:
    """REPORT_FIELDS of ``report`` (foreign keys by code), as a version keeps them."""
    data: dict[str, Any] = {}
    for name in REPORT_FIELDS:
        value = getattr(report, name)
        if hasattr(value, "code"):
            value = value.code
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif value is not None and not isinstance(value, str | int | list | bool):
            value = str(value)
        data[name] = value
    return data


def _refuse_import(actor: Any, changes: dict[str, Any] | None = None) -> None:
    record(
        actor=actor,
        action=IMPORT_ACTION,
        object_type="intel.intelreport",
        changes=changes or {},
        outcome=Outcome.DENIED,
    )


def import_bundle(*, actor: User, data: str | bytes | dict[str, Any]) -> ImportResult:
    """Import a STIX 2.1 bundle as draft reports of ``actor``'s agency, with their entities
    and links, all or nothing.

    Who: an analyst with an agency and a clearance (``intel.import_stix``); a report
    classified above his clearance cannot be taken. Raises PermissionDenied (audited denied)
    for anyone else, and ValidationError on ``bundle`` listing each object that could not be
    taken, by its id (audited denied; nothing written).

    Side effects, in one transaction: one IntelReport per report object (draft, originator =
    the actor's agency, author = the actor, reference <AGENCY>-<YEAR>-<NNNN> numbered under a
    lock on the agency row, ``stix_id`` kept, ``external_source`` = the creator identity's
    name) and its version 1; one Entity per entity object not already known here by its STIX
    id among the entities the actor may see, with its aliases; one ReportEntity per link;
    one audit entry (``intel.stix.import``) naming the new reports.
    """
    if not may_import(actor):
        _refuse_import(actor, {"refused": "permission"})
        raise PermissionDenied(_("Only analysts with a clearance import bundles."))
    loaded = _load(data)
    plan = _Plan(actor=actor)
    _read_objects(plan, loaded)
    try:
        result = _write(plan, loaded)
    except ValidationError as error:
        _refuse_import(
            actor,
            {
                "refused": "invalid",
                "bundle": str(loaded.get("id", ""))[:80],
                "problems": len(error.messages),
            },
        )
        raise
    return result


def _write(plan: _Plan, loaded: dict[str, Any]) -> ImportResult:
    actor = plan.actor
    levels = {level.code: level for level in ClassificationLevel.objects.all()}
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=actor.agency_id or 0)
        _links(plan)
        fields_by_report: dict[str, dict[str, Any]] = {}
        for obj in plan.of_type("report"):
            values = _report_fields(plan, obj, levels)
            if values is not None:
                fields_by_report[obj["id"]] = values
        existing = dict(
            IntelReport.objects.visible_to(actor)
            .filter(originator_id=agency.pk, stix_id__in=list(fields_by_report))
            .values_list("stix_id", "reference")
        )
        for object_id, reference in existing.items():
            plan.refuse(
                object_id, _("already imported as %(reference)s.") % {"reference": reference}
            )
        wanted = {target for links in plan.linked.values() for target, _role in links}
        known = {
            entity.stix_id: entity
            for entity in Entity.objects.visible_to(actor).filter(stix_id__in=list(wanted))
        }
        new_entities: dict[str, tuple[Entity, list[str]]] = {}
        for object_id in sorted(wanted - set(known)):
            new_entities[object_id] = _new_entity(plan, plan.objects[object_id])
        for obj in plan.objects.values():
            if obj["type"] in ("identity", "infrastructure", "location", "threat-actor"):
                if obj["id"] in wanted or obj["id"] in plan.used or obj["id"] in plan.creators:
                    continue
                if obj["type"] == "location" and COUNTRY in labels_of(obj).get("", []):
                    continue
                plan.refuse(obj["id"], _("it is not linked to a report of the bundle."))
            elif obj["type"] == "marking-definition" and obj["id"] not in plan.used:
                if (
                    obj["id"] not in TLP_BY_ID
                    and STATEMENT_RE.match((obj.get("definition") or {}).get("statement", ""))
                    is None
                ):
                    plan.refuse(obj["id"], _("this marking is not understood."))
            elif obj["type"] == "language-content" and obj["id"] not in plan.used:
                plan.refuse(obj["id"], _("it translates no report of the bundle."))
        if not plan.of_type("report") and not plan.problems:
            plan.problems.append(_("The bundle holds no report."))
        reports: list[IntelReport] = []
        year = clock.today().year
        for object_id, values in fields_by_report.items():
            report = IntelReport(
                reference=_next_reference(agency, year, len(reports)),
                originator=agency,
                author=actor,
                status=ReportStatus.DRAFT,
                stix_id=object_id,
                **values,
            )
            try:
                report.full_clean()
            except ValidationError as error:
                plan.refuse(
                    object_id,
                    "; ".join(
                        f"{name}: {', '.join(messages)}"
                        for name, messages in error.message_dict.items()
                    ),
                )
            reports.append(report)
        if plan.problems:
            raise ValidationError({"bundle": plan.problems})
        IntelReport.objects.bulk_create(reports)  # the pks come back (SQLite, PostgreSQL)
        ReportVersion.objects.bulk_create(
            ReportVersion(
                report=report,
                number=1,
                classification=report.classification,
                data=version_data(report),
                changed_by=actor,
                note=_("Imported from STIX"),
            )
            for report in reports
        )
        for object_id, (entity, _aliases) in new_entities.items():
            entity.save()
            known[object_id] = entity
        EntityAlias.objects.bulk_create(
            [
                EntityAlias(entity=entity, name=name[:300])
                for entity, aliases in new_entities.values()
                for name in dict.fromkeys(aliases)
                if name.strip()
            ]
        )
        links = {
            (report.pk, known[target].pk, role)
            for report in reports
            for target, role in plan.linked.get(report.stix_id, [])
        }
        ReportEntity.objects.bulk_create(
            ReportEntity(report_id=report_id, entity_id=entity_id, role=role)
            for report_id, entity_id, role in sorted(links)
        )
        source = next((value["external_source"] for value in fields_by_report.values()), "")
        record(
            actor=actor,
            action=IMPORT_ACTION,
            object_type="intel.intelreport",
            object_ids=[report.pk for report in reports],
            changes={
                "bundle": str(loaded.get("id", ""))[:80],
                "source": source,
                "entities": len(new_entities),
                "links": len(links),
            },
        )
    return ImportResult(
        reports=reports, entities_created=len(new_entities), links=len(links), source=source
    )
