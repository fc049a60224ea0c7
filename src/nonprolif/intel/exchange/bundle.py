"""The export: reports as a STIX 2.1 bundle (``mapping.py`` says how each field travels).

``bundle_for(user, reports)`` starts from ``IntelReport.objects.visible_to(user)``: a report the
user may not read is left out whatever the caller passed, and so are its entities and links.
The releasability statement names, for a user of a foreign partner agency, only his own
agency; for the others, the originator and every agency with an effective release.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from stix2.v21 import (
    Bundle,
    ExternalReference,
    Identity,
    Infrastructure,
    LanguageContent,
    Location,
    MarkingDefinition,
    Relationship,
    Report,
    StatementMarking,
)

from nonprolif.core.models import Agency, AgencyKind, User
from nonprolif.intel.models import (
    Entity,
    EntityKind,
    IntelReport,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    Tlp,
)

from .mapping import (
    ADDRESS,
    CONFIDENCE,
    COUNTRY,
    EVENT_PLACE,
    MATERIAL,
    TLP2_CREATED,
    TLP2_EXTENSION,
    TLP2_IDS,
    VESSEL,
    label,
    stix_id,
)

TLP_ORDER: list[str] = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED]
#: The most reports one bundle carries (a search's export takes the newest).
MAX_REPORTS = 200


def tlp_marking(tlp: str) -> MarkingDefinition:
    """The official TLP 2.0 marking definition of ``tlp``."""
    return MarkingDefinition(
        id=TLP2_IDS[tlp],  # type: ignore[index]
        created=TLP2_CREATED,
        name=f"TLP:{tlp.upper()}",
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": tlp}},
    )


def statement_text(report: IntelReport, user: User) -> str:
    """The classification and releasability of ``report`` as ``user`` may know them."""
    level = report.classification
    if user.agency and user.agency.kind == AgencyKind.PARTNER:
        released = [user.agency.code]
    else:
        released = sorted(
            release.agency.code
            for release in report.effective_releases  # type: ignore[attr-defined]
        )
    return (
        f"CLASSIFICATION: {level.code} ({level.name_en} / {level.name_es}) // "
        f"ORIGINATOR: {report.originator.code} // "
        f"RELEASABLE TO: {', '.join(released) or report.originator.code}"
    )


def statement_marking(text: str) -> MarkingDefinition:
    return MarkingDefinition(
        id=stix_id("marking-definition", text),
        created=TLP2_CREATED,
        definition_type="statement",
        definition=StatementMarking(statement=text),
    )


def agency_identity_id(agency: Agency) -> str:
    """The id of an agency's identity: the ``created_by_ref`` of what it exports."""
    return stix_id("identity", f"agency:{agency.code}")


def agency_identity(agency: Agency) -> Identity:
    return Identity(
        id=agency_identity_id(agency),
        created=TLP2_CREATED,
        modified=TLP2_CREATED,
        name=agency.name_en or agency.name_es,
        identity_class="organization",
        sectors=["government-national"],
    )


def report_id(report: IntelReport) -> str:
    return report.stix_id or stix_id("report", report.reference)


def entity_id(entity: Entity) -> str:
    from .mapping import entity_type

    return entity.stix_id or stix_id(entity_type(entity.kind), f"entity:{entity.pk}")


def _timestamps(report: IntelReport) -> dict[str, Any]:
    return {"created": report.created_at, "modified": report.updated_at}


def _entity_objects(entity: Entity, common: dict[str, Any]) -> list[Any]:
    """The STIX objects of one entity (and of its country, through located-at)."""
    common = {**common, "id": entity_id(entity)}
    if entity.description:
        common["description"] = entity.description
    if entity.identifier:
        common["external_references"] = [
            ExternalReference(source_name="identifier", external_id=entity.identifier)
        ]
    aliases = [alias.name for alias in entity.aliases.all()]
    kind = entity.kind
    if kind in (EntityKind.PERSON, EntityKind.ORGANISATION):
        klass = "individual" if kind == EntityKind.PERSON else "organization"
        obj: Any = Identity(name=entity.name, identity_class=klass, **common)
    elif kind in (EntityKind.VESSEL, EntityKind.MATERIAL):
        obj = Infrastructure(
            name=entity.name,
            infrastructure_types=["unknown"],
            labels=[VESSEL if kind == EntityKind.VESSEL else MATERIAL],
            **({"aliases": aliases} if aliases else {}),
            **common,
        )
    else:
        place = {"country": entity.country} if entity.country else {"region": "unknown"}
        return [
            Location(
                name=entity.name, street_address=entity.name, labels=[ADDRESS], **place, **common
            )
        ]
    objects = [obj]
    if entity.country:
        country = Location(
            id=stix_id("location", f"country:{entity.country}"),
            created=TLP2_CREATED,
            modified=TLP2_CREATED,
            country=entity.country,
            labels=[COUNTRY],
        )
        objects.append(country)
        objects.append(
            Relationship(
                id=stix_id("relationship", f"located:{obj.id}"),
                relationship_type="located-at",
                source_ref=obj.id,
                target_ref=country.id,
                **{
                    k: v
                    for k, v in common.items()
                    if k in ("created", "modified", "created_by_ref", "object_marking_refs")
                },
            )
        )
    return objects


def _report_labels(report: IntelReport) -> list[str]:
    labels = [
        label("report-type", report.report_type),
        label("source-reliability", report.source_reliability),
        label("credibility", report.information_credibility),
        label("pap", report.pap),
    ]
    if report.itdb_group:
        labels.append(label("itdb-group", report.itdb_group))
    if report.cbrn_category_id:
        labels.append(label("cbrn-category", report.cbrn_category.code))  # type: ignore[union-attr]
    if report.material_id:
        labels.append(label("material", report.material.code))  # type: ignore[union-attr]
    if report.event_date:
        labels.append(label("event-date", report.event_date.isoformat()))
    if report.quantity:
        labels.append(label("quantity", report.quantity))
    labels.extend(label("tag", tag) for tag in report.tags or [])
    return labels


def _report_objects(report: IntelReport, user: User) -> list[Any]:
    """The objects of one report: markings, originator, place, entities, links, the text in
    the second language, and the report itself."""
    statement = statement_marking(statement_text(report, user))
    tlp = tlp_marking(report.tlp)
    originator = agency_identity(report.originator)
    markings = [tlp.id, statement.id]
    common = {
        **_timestamps(report),
        "created_by_ref": originator.id,
        "object_marking_refs": markings,
    }
    rid = report_id(report)
    objects: list[Any] = [tlp, statement, originator]
    refs: list[str] = [originator.id]
    if report.country or (report.latitude is not None and report.longitude is not None):
        place: dict[str, Any] = {"labels": [EVENT_PLACE]}
        if report.country:
            place["country"] = report.country
        if report.state:
            place["administrative_area"] = report.state
        if report.municipality:
            place["city"] = report.municipality
        if report.latitude is not None and report.longitude is not None:
            place["latitude"] = float(report.latitude)
            place["longitude"] = float(report.longitude)
        location = Location(id=stix_id("location", f"place:{rid}"), **place, **common)
        objects.append(location)
        refs.append(location.id)
    for link in report.links.all():
        entity_objects = _entity_objects(link.entity, common)
        objects.extend(entity_objects)
        refs.extend(obj.id for obj in entity_objects)
        relationship = Relationship(
            id=stix_id("relationship", f"{rid}:{link.entity_id}:{link.role}"),
            relationship_type="related-to",
            source_ref=rid,
            target_ref=entity_objects[0].id,
            labels=[label("role", link.role)],
            **common,
        )
        objects.append(relationship)
        refs.append(relationship.id)
    first, other = ("en", "es") if (report.title_en or report.body_en) else ("es", "en")
    name = getattr(report, f"title_{first}") or report.reference
    text = (
        {"description": getattr(report, f"body_{first}")}
        if getattr(report, f"body_{first}")
        else {}
    )
    confidence = CONFIDENCE.get(report.information_credibility)
    stix_report = Report(
        id=rid,
        name=name,
        lang=first,
        report_types=["threat-report"],
        published=report.published_at or report.created_at,
        object_refs=refs,
        labels=_report_labels(report),
        external_references=[
            ExternalReference(source_name="nonprolif", external_id=report.reference)
        ],
        **({"confidence": confidence} if confidence is not None else {}),
        **text,
        **common,
    )
    objects.append(stix_report)
    contents = {
        key: value
        for key, value in (
            ("name", getattr(report, f"title_{other}")),
            ("description", getattr(report, f"body_{other}")),
        )
        if value
    }
    if contents:
        objects.append(
            LanguageContent(
                id=stix_id("language-content", rid),
                object_ref=rid,
                object_modified=stix_report.modified,
                contents={other: contents},
                **common,
            )
        )
    return objects


def exportable(
    user: User, reports: Iterable[IntelReport] | QuerySet[IntelReport]
) -> QuerySet[IntelReport]:
    """The reports of ``reports`` that ``user`` may read, with what a bundle needs (a fixed
    number of queries whatever their number)."""
    if isinstance(reports, QuerySet):
        ids: Any = reports.values("pk")
    else:
        ids = [report.pk for report in reports]
    return (
        IntelReport.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("classification", "originator", "cbrn_category", "material")
        .prefetch_related(
            Prefetch(
                "releases",
                ReportRelease.objects.filter(state=ReleaseState.EFFECTIVE).select_related("agency"),
                to_attr="effective_releases",
            ),
            Prefetch(
                "links",
                ReportEntity.objects.select_related("entity")
                .prefetch_related("entity__aliases")
                .order_by("pk"),
            ),
        )
        .order_by("-created_at", "-id")
    )


def bundle_of(user: User, reports: list[IntelReport]) -> Bundle:
    """The bundle of ``reports``, rows of ``exportable(user, ...)``; each object once. An
    entity named by several of them carries the markings of the most restricted one (the
    highest classification, then the strictest TLP)."""
    objects: dict[str, Any] = {}
    strictest = sorted(
        reports,
        key=lambda report: (report.classification.rank, TLP_ORDER.index(report.tlp)),
        reverse=True,
    )
    for report in strictest:
        for obj in _report_objects(report, user):
            objects.setdefault(obj.id, obj)
    return Bundle(objects=list(objects.values()))


def bundle_for(user: User, reports: Iterable[IntelReport] | QuerySet[IntelReport]) -> Bundle:
    """A STIX 2.1 bundle of the ``reports`` that ``user`` may read (at most MAX_REPORTS, the
    newest)."""
    return bundle_of(user, list(exportable(user, reports)[:MAX_REPORTS]))
