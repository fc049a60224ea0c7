"""The writes of the exchange: a STIX 2.1 bundle in (``import_bundle``), and the audit of a
bundle out (``export_bundle``).

An import is all-or-nothing: every object of the bundle is read first, and if any cannot be
taken the answer lists each of them by its id and nothing is written. Reports arrive as drafts
of the importer's agency (its analyst is the author), each keeping its STIX id, and the
bundle's creator identity as ``external_source``. Their releasability list starts empty: the
originator decides it here (a partner's list names agencies of the partner's deployment).

A report written here stays its originator's: a report object whose statement marking names as
originator, or whose creator identity is (``bundle.agency_identity``), an agency of this
deployment other than the importer's is refused (a copy would let another agency lower its
classification or widen its releasability); one marked as the importer's own agency's is
refused when it is one of that agency's reports. A report keeps the classification its
statement marks (the highest, when several do); one above the importer's clearance is refused.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, ClassificationLevel, Outcome, User
from nonprolif.intel.models import (
    Entity,
    EntityAlias,
    IntelReport,
    ReportEntity,
    ReportStatus,
    ReportVersion,
)
from nonprolif.intel.reports.domain import next_reference, report_snapshot

from . import bundle as exporter
from .mapping import COUNTRY, STATEMENT_RE, TLP_BY_ID, labels_of, stix_id
from .reading import (
    ENTITY_TYPES,
    Agencies,
    Plan,
    load_bundle,
    max_import_bytes,
    new_entity,
    read_links,
    read_objects,
    report_fields,
)

IMPORT_ACTION = "intel.stix.import"
EXPORT_ACTION = "intel.stix.export"

__all__ = [
    "ImportResult",
    "export_bundle",
    "import_bundle",
    "max_import_bytes",
    "may_import",
    "refuse_export",
]


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


def refuse_export(*, actor: Any, report_id: Any) -> None:
    """Audit a refused export of the report ``report_id`` (one the actor may not read, or that
    does not exist: the two are answered alike): one denied ``intel.stix.export`` entry."""
    record(
        actor=actor,
        action=EXPORT_ACTION,
        object_type="intel.intelreport",
        object_ids=[report_id],
        outcome=Outcome.DENIED,
    )


def may_import(user: Any) -> bool:
    return bool(user is not None and user.has_perm("intel.import_stix"))


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
    classified above his clearance cannot be taken, nor one another agency of this deployment
    wrote, nor a copy of one of his agency's reports. Raises PermissionDenied (audited denied)
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
    loaded = load_bundle(data)
    plan = Plan(actor=actor)
    read_objects(plan, loaded)
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


def _own_copies(plan: Plan, agency: Agency) -> dict[str, str]:
    """{object id: reference} of the report objects marked as ``agency``'s own
    (``plan.own``) that are one of its reports the importer may read, by their STIX id or the
    reference their export carries. Only the importer's own agency's reports are looked at."""
    objects = [plan.objects[object_id] for object_id in sorted(plan.own)]
    if not objects:
        return {}
    named = {
        obj["id"]: [
            str(ref.get("external_id", ""))
            for ref in obj.get("external_references", []) or []
            if ref.get("source_name") == "nonprolif"
        ]
        for obj in objects
    }
    mine = list(
        IntelReport.objects.visible_to(plan.actor)
        .filter(originator_id=agency.pk)
        .filter(
            Q(stix_id__in=list(named))
            | Q(reference__in=[reference for refs in named.values() for reference in refs])
        )
        .values_list("stix_id", "reference")
    )
    found: dict[str, str] = {}
    for object_id, references in named.items():
        for stix, reference in mine:
            if object_id in (stix, stix_id("report", reference)) or reference in references:
                found[object_id] = reference
                break
    return found


def _write(plan: Plan, loaded: dict[str, Any]) -> ImportResult:
    actor = plan.actor
    levels = {level.code: level for level in ClassificationLevel.objects.all()}
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=actor.agency_id or 0)
        read_links(plan)
        agencies = Agencies.load()
        fields_by_report: dict[str, dict[str, Any]] = {}
        for obj in plan.of_type("report"):
            values = report_fields(plan, obj, levels, agencies)
            if values is not None:
                fields_by_report[obj["id"]] = values
        yours = _own_copies(plan, agency)
        for object_id, reference in yours.items():
            plan.refuse(
                object_id,
                _("it is already yours, as %(reference)s: a copy of it would be pointless.")
                % {"reference": reference},
            )
        existing = dict(
            IntelReport.objects.visible_to(actor)
            .filter(originator_id=agency.pk, stix_id__in=list(set(fields_by_report) - set(yours)))
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
            new_entities[object_id] = new_entity(plan, plan.objects[object_id])
        for obj in plan.objects.values():
            if obj["type"] in ENTITY_TYPES:
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
        moment = clock.now()
        for object_id, values in fields_by_report.items():
            report = IntelReport(
                reference=next_reference(agency=agency, moment=moment, after=len(reports)),
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
                data=report_snapshot(report),
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
