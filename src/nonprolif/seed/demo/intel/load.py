"""The demo of intelligence: about sixty fictional reports, in Spanish and English, on the
2009 program's stated concerns (arms trafficking across the northern border, dual-use
procurement attempts, a stolen radioactive source, a precursor order reported by a supplier),
written by the demo analysts of every agency at every classification, released to chosen
agencies (the partner too, after a second person's approval; one release still waits for
it), with the entities that link them (companies, persons, a vessel, addresses, materials),
the materials of the CBRN taxonomy they name, the agencies' distribution lists and two
requests for information.

Everything is invented; the content is fixed in this module (no randomness), so every load
writes the same rows. Reports are keyed by reference (``<AGENCY>-2009-<NNNN>``): a report
already there is left as it is (analysts may have edited it during the demo), with its
version, releases and links; the taxonomy, entities, aliases, distribution lists and requests
are upserted by their natural keys. A second load changes nothing and writes no audit entry.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Sequence
from typing import Any

from django.db import models

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.intel.models import (
    CbrnCategory,
    DistributionList,
    Entity,
    EntityAlias,
    InfoRequest,
    IntelReport,
    Material,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    ReportStatus,
    ReportVersion,
    RequestStatus,
)
from nonprolif.intel.reports.domain import report_snapshot
from nonprolif.seed.loader.checks import check_entry, fail, parse_moment
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from .arms import _arms_reports, _procurement_reports
from .model import (
    AUTHORS,
    ENTITIES,
    INTEL_KEYS,
    MATERIALS,
    PARTNER,
    SECOND_PERSON,
    TZ,
    YEAR,
    DemoReport,
)
from .outreach import _outreach_reports
from .precursors import _precursor_reports
from .sources import _source_reports


def demo_reports() -> list[DemoReport]:
    """Every demo report (plain data), each with its reference: numbered per originator in
    the order of this list."""
    reports = [
        *_arms_reports(),
        *_procurement_reports(),
        *_source_reports(),
        *_precursor_reports(),
        *_outreach_reports(),
    ]
    numbers: dict[str, int] = {}
    for report in reports:
        numbers[report.originator] = numbers.get(report.originator, 0) + 1
        report.reference = f"{report.originator}-{YEAR}-{numbers[report.originator]:04d}"
    return reports


# The agencies' distribution lists: owner, Spanish name, English name, members.
DISTRIBUTION_LISTS = [
    ("SEDENA", "Gabinete de seguridad", "Security cabinet", ["SEMAR", "PGR", "SSP", "CISEN"]),
    ("ADUANAS", "Frontera norte", "Northern border", ["SEDENA", "PGR", "SSP"]),
    (
        "CISEN",
        "Programa nacional",
        "National program",
        ["SEGOB", "SSP", "SEDENA", "SEMAR", "ADUANAS", "PGR", "SS"],
    ),
    ("SS", "Respuesta radiológica", "Radiological response", ["SEDENA", "PGR", "SSP", "SEGOB"]),
]

# The requests for information: requester, recipients, classification, due date, status,
# question and details in es and en.
REQUESTS = [
    (
        "PGR",
        ["ADUANAS", "CISEN"],
        "C",
        datetime.date(YEAR, 10, 9),
        RequestStatus.ANSWERED,
        "¿Qué importaciones ha declarado Comercializadora Fronteriza del Norte en 2009?",
        "What imports has Comercializadora Fronteriza del Norte declared in 2009?",
        "Se necesita para la carpeta de investigación sobre empresas fachada.",
        "Needed for the investigation file on front companies.",
    ),
    (
        "SS",
        ["SEDENA", "PGR", "CISEN"],
        "SBU",
        datetime.date(YEAR, 10, 23),
        RequestStatus.OPEN,
        "¿Quién tuvo acceso al medidor de cesio-137 entre el robo y su recuperación?",
        "Who had access to the caesium-137 gauge between the theft and its recovery?",
        "Para estimar posibles exposiciones y decidir si se examina a las personas.",
        "To estimate possible exposures and decide whether to examine people.",
    ),
]


def _users(usernames: set[str]) -> dict[str, User]:
    found = {user.username: user for user in User.objects.filter(username__in=usernames)}
    for username in sorted(usernames - set(found)):
        fail("intel", f"the demo login “{username}” is missing (it is in the document's logins)")
    return found


def _record_bulk(
    actor: User | None, model: type[models.Model], rows: Sequence[models.Model], result: SeedResult
) -> None:
    """One ``seed.create`` audit entry for rows made with bulk_create (their ids)."""
    if not rows:
        return
    label = model._meta.label_lower
    record(
        actor=actor,
        action="seed.create",
        object_type=label,
        object_ids=[row.pk for row in rows],
        changes={"count": len(rows)},
    )
    result.created[label] += len(rows)


def _load_taxonomy(result: SeedResult, actor: User | None) -> dict[str, Material]:
    categories = {category.code: category for category in CbrnCategory.objects.all()}
    materials = {}
    for i, (code, category, name_es, name_en, cas) in enumerate(MATERIALS):
        if category not in categories:
            fail(f"intel.materials[{i}].category", f"unknown CBRN category “{category}”")
        materials[code] = upsert(
            Material,
            key={"code": code},
            values={
                "category": categories[category],
                "name_es": name_es,
                "name_en": name_en,
                "cas_number": cas,
            },
            where=f"intel.materials[{i}]",
            result=result,
            actor=actor,
        )
    return materials


def _load_entities(
    agencies: dict[str, Agency], users: dict[str, User], result: SeedResult, actor: User | None
) -> dict[str, Entity]:
    entities = {}
    for key, (kind, name, owner, country, identifier, description, aliases) in ENTITIES.items():
        entity = upsert(
            Entity,
            key={"kind": kind, "name": name},
            values={
                "owner": agencies[owner],
                "created_by": users[AUTHORS[owner]],
                "country": country,
                "identifier": identifier,
                "description": description,
            },
            where=f"intel.entities.{key}",
            result=result,
            actor=actor,
        )
        for alias in aliases:
            upsert(
                EntityAlias,
                key={"entity": entity, "name": alias},
                values={},
                where=f"intel.entities.{key}.aliases",
                result=result,
                actor=actor,
            )
        entities[key] = entity
    return entities


def _load_requests(
    agencies: dict[str, Agency],
    users: dict[str, User],
    levels: dict[str, ClassificationLevel],
    result: SeedResult,
    actor: User | None,
) -> list[InfoRequest]:
    requests = []
    for i, (requester, asked, level, due, status, t_es, t_en, d_es, d_en) in enumerate(REQUESTS):
        requests.append(
            upsert(
                InfoRequest,
                key={"requester": agencies[requester], "title_es": t_es},
                values={
                    "title_en": t_en,
                    "details_es": d_es,
                    "details_en": d_en,
                    "classification": levels[level],
                    "author": users[AUTHORS[requester]],
                    "due_date": due,
                    "status": status,
                },
                m2m={"recipients": [agencies[code] for code in asked]},
                where=f"intel.requests[{i}]",
                result=result,
                actor=actor,
            )
        )
    return requests


def _load_distribution_lists(
    agencies: dict[str, Agency], users: dict[str, User], result: SeedResult, actor: User | None
) -> None:
    for i, (owner, name_es, name_en, members) in enumerate(DISTRIBUTION_LISTS):
        upsert(
            DistributionList,
            key={"owner": agencies[owner], "name_es": name_es},
            values={"name_en": name_en, "created_by": users[AUTHORS[owner]]},
            m2m={"agencies": [agencies[code] for code in members]},
            where=f"intel.distribution_lists[{i}]",
            result=result,
            actor=actor,
        )


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def load_demo_intel(spec: dict[str, Any], *, result: SeedResult, actor: User | None = None) -> None:
    """The intelligence demo (see the module docstring). ``recorded_at`` is the latest moment
    a demo report may carry: reports whose event would be after it are not written.

    Needs the demo logins (the analysts of AUTHORS and SECOND_PERSON) and the default
    classification levels and CBRN categories. Errors name the place in the document.

    Side effects: Material, Entity, EntityAlias, DistributionList and InfoRequest rows
    created or brought back to this module's data (one audit entry each, ``seed.create`` or
    ``seed.update``); for every demo report not there yet (by reference), in bulk: the
    IntelReport row, its version 1, its releases (effective; to the partner, effective with
    the second person's approval and reason, or pending) and its entity links, with one
    ``seed.create`` audit entry per model naming the ids written.
    """
    check_entry(spec, "intel", INTEL_KEYS)
    until = parse_moment(spec["recorded_at"], "intel.recorded_at")
    reports = [r for r in demo_reports() if _moment(r.event_date, 12) <= until]

    agencies = {agency.code: agency for agency in Agency.objects.all()}
    for code in sorted({*AUTHORS, PARTNER} - set(agencies)):
        fail("intel", f"unknown agency code “{code}” (load the program document first)")
    levels = {level.code: level for level in ClassificationLevel.objects.all()}
    for code in sorted({r.classification for r in reports} - set(levels)):
        fail("intel", f"unknown classification level “{code}”")
    users = _users({*AUTHORS.values(), *SECOND_PERSON.values()})

    materials = _load_taxonomy(result, actor)
    categories = {category.code: category for category in CbrnCategory.objects.all()}
    entities = _load_entities(agencies, users, result, actor)
    requests = _load_requests(agencies, users, levels, result, actor)
    _load_distribution_lists(agencies, users, result, actor)

    existing = set(
        IntelReport.objects.filter(reference__in=[r.reference for r in reports]).values_list(
            "reference", flat=True
        )
    )
    wanted = [r for r in reports if r.reference not in existing]
    if not wanted:
        return

    rows = []
    for demo in wanted:
        report = IntelReport(
            reference=demo.reference,
            title_es=demo.title_es,
            title_en=demo.title_en,
            body_es=demo.body_es,
            body_en=demo.body_en,
            report_type=demo.report_type,
            classification=levels[demo.classification],
            tlp=demo.tlp,
            cbrn_category=categories.get(demo.category),
            material=materials.get(demo.material),
            quantity=demo.quantity,
            country=demo.country,
            state=demo.state,
            municipality=demo.municipality,
            latitude=decimal.Decimal(demo.latitude) if demo.latitude else None,
            longitude=decimal.Decimal(demo.longitude) if demo.longitude else None,
            event_date=demo.event_date,
            source_reliability=demo.reliability,
            information_credibility=demo.credibility,
            itdb_group=demo.itdb,
            tags=list(demo.tags),
            originator=agencies[demo.originator],
            author=users[AUTHORS[demo.originator]],
            status=demo.status,
            request=requests[demo.request] if demo.request is not None else None,
        )
        report.full_clean(exclude=["reference"])
        if demo.status != ReportStatus.DRAFT:
            report.published_at = _moment(demo.event_date + datetime.timedelta(days=1), 13)
            report.published_version = 1
        rows.append(report)
    IntelReport.objects.bulk_create(rows)
    if rows[0].pk is None:  # a database that does not return ids from bulk inserts
        by_reference = dict(
            IntelReport.objects.filter(reference__in=[r.reference for r in rows]).values_list(
                "reference", "pk"
            )
        )
        for report in rows:
            report.pk = by_reference[report.reference]
    # The moments the demo's story gives (auto_now_add set them to now on insert).
    for demo, report in zip(wanted, rows, strict=True):
        report.created_at = report.updated_at = _moment(
            demo.event_date + datetime.timedelta(days=1), 10
        )
    IntelReport.objects.bulk_update(rows, ["created_at", "updated_at"])
    _record_bulk(actor, IntelReport, rows, result)

    versions = [
        ReportVersion(
            report=report,
            number=1,
            classification=report.classification,
            data=report_snapshot(report),
            changed_by=report.author,
        )
        for report in rows
    ]
    ReportVersion.objects.bulk_create(versions)
    _record_bulk(actor, ReportVersion, list(ReportVersion.objects.filter(report__in=rows)), result)

    releases = []
    for demo, report in zip(wanted, rows, strict=True):
        if demo.status == ReportStatus.DRAFT:
            continue
        author = users[AUTHORS[demo.originator]]
        for code in demo.releases:
            if code != demo.originator:
                releases.append(
                    ReportRelease(
                        report=report,
                        agency=agencies[code],
                        state=ReleaseState.EFFECTIVE,
                        requested_by=author,
                    )
                )
        if demo.partner and demo.originator != PARTNER:
            second = users[SECOND_PERSON[demo.originator]]
            effective = demo.partner == "effective"
            releases.append(
                ReportRelease(
                    report=report,
                    agency=agencies[PARTNER],
                    state=ReleaseState.EFFECTIVE if effective else ReleaseState.PENDING,
                    requested_by=author,
                    decided_by=second if effective else None,
                    decided_at=_moment(demo.event_date + datetime.timedelta(days=2), 11)
                    if effective
                    else None,
                    reason="Necesario para la cooperación con la Agregaduría (demo)."
                    if effective
                    else "",
                )
            )
    ReportRelease.objects.bulk_create(releases)
    _record_bulk(actor, ReportRelease, list(ReportRelease.objects.filter(report__in=rows)), result)

    links = [
        ReportEntity(report=report, entity=entities[key], role=role)
        for demo, report in zip(wanted, rows, strict=True)
        for key, role in dict.fromkeys(demo.links)
    ]
    ReportEntity.objects.bulk_create(links)
    _record_bulk(actor, ReportEntity, list(ReportEntity.objects.filter(report__in=rows)), result)
