"""Reads of entities and of the links between entities and reports.

Every selector starts from the access rule: ``Entity.objects.visible_to`` (an entity exists
for a user through a report he may read, or because his agency registered it and no report
names it yet), ``ReportEntity.objects.visible_to`` (links of readable reports) and
``reports_for`` (the readable reports). A count, a related report or an edge of the link
chart is built from visible links only: a hidden report between two visible entities leaves
no trace. ``get_entity_for`` raises Http404 for a missing entity and an invisible one alike.
"""

import math
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor
from nonprolif.intel.models import Entity, EntityAlias, EntityKind, IntelReport, ReportEntity
from nonprolif.intel.reports.queries import reports_for

MAX_QUERY = 200
# Undated reports last on every database (PostgreSQL puts NULLs first in a descending order).
LATEST_EVENT_FIRST = F("event_date").desc(nulls_last=True)


def _visible_links(user: Actor) -> QuerySet[ReportEntity]:
    return ReportEntity.objects.visible_to(user)  # type: ignore[arg-type]


def entities_for(user: Actor) -> QuerySet[Entity]:
    """The entities ``user`` may see, by name, each with ``report_count``: the number of
    readable reports that name it (one grouped subquery, not one query per row)."""
    counts = (
        _visible_links(user)
        .filter(entity_id=OuterRef("pk"))
        .order_by()
        .values("entity_id")
        .annotate(n=Count("report_id", distinct=True))
        .values("n")
    )
    return (
        Entity.objects.visible_to(user)  # type: ignore[arg-type]
        .select_related("owner")
        .annotate(report_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        .order_by("name", "pk")
    )


def search_entities(user: Actor, *, q: str = "", kind: str = "") -> QuerySet[Entity]:
    """The visible entities whose name or an alias contains every word of ``q`` (any case),
    of ``kind`` when it is one of the kinds."""
    entities = entities_for(user)
    if kind in EntityKind.values:
        entities = entities.filter(kind=kind)
    q = (q or "").replace("\x00", "")  # a NUL the database could not compare
    for word in " ".join(q.split())[:MAX_QUERY].split()[:10]:
        alias = EntityAlias.objects.filter(entity_id=OuterRef("pk"), name__icontains=word)
        entities = entities.filter(
            Q(name__icontains=word) | Q(identifier__iexact=word) | Exists(alias)
        )
    return entities


def get_entity_for(user: Actor, pk: int | str) -> Entity:
    """The entity ``pk`` if ``user`` may see it, with its aliases; Http404 otherwise (the
    same answer for one named only in reports he may not read)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such entity.")) from None
    entity = entities_for(user).prefetch_related("aliases").filter(pk=pk).first()
    if entity is None:
        raise Http404(_("No such entity."))
    return entity


def get_link_for(user: Actor, pk: int | str) -> ReportEntity:
    """The link ``pk`` if ``user`` may read its report; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such link.")) from None
    link = (
        _visible_links(user)
        .select_related("report__classification", "report__originator", "entity")
        .filter(pk=pk)
        .first()
    )
    if link is None:
        raise Http404(_("No such link."))
    return link


def entity_timeline(user: Actor, entity: Entity) -> QuerySet[IntelReport]:
    """The readable reports that name ``entity``, latest event first (undated last), each
    with ``entity_links``: the entity's links in that report (its roles there)."""
    named = ReportEntity.objects.filter(entity_id=entity.pk, report_id=OuterRef("pk"))
    return (
        reports_for(user)
        .filter(Exists(named))
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ReportEntity.objects.filter(entity_id=entity.pk).order_by("role"),
                to_attr="entity_links",
            )
        )
        .order_by(LATEST_EVENT_FIRST, "-id")
    )


def report_links(user: Actor, report: IntelReport) -> QuerySet[ReportEntity]:
    """The entities ``report`` names (the caller fetched it through the access rule), by
    role then name."""
    return (
        _visible_links(user)
        .filter(report_id=report.pk)
        .select_related("entity")
        .order_by("role", "entity__name", "pk")
    )


def related_reports(user: Actor, report: IntelReport, *, limit: int = 10) -> list[IntelReport]:
    """Up to ``limit`` other readable reports that name an entity ``report`` names, latest
    event first."""
    shared = ReportEntity.objects.filter(
        report_id=OuterRef("pk"),
        entity_id__in=ReportEntity.objects.filter(report_id=report.pk).values("entity_id"),
    )
    others = reports_for(user).filter(Exists(shared)).exclude(pk=report.pk)
    return list(others.order_by(LATEST_EVENT_FIRST, "-id")[:limit])


# --- the link chart -------------------------------------------------------------------------


@dataclass
class GraphNode:
    key: str  # "entity-<pk>" or "report-<pk>"
    type: str  # "entity" or "report"
    pk: int
    label: str
    kind: str  # the entity's kind, or the report's type
    hop: int  # 0: the entity itself, 1: its reports, 2: the entities those reports name


@dataclass
class GraphEdge:
    source: str  # a report's key
    target: str  # an entity's key
    roles: list[str] = field(default_factory=list)


@dataclass
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


MAX_GRAPH_REPORTS = 30
MAX_GRAPH_ENTITIES = 60


def entity_graph(
    user: Actor,
    entity: Entity,
    *,
    max_reports: int = MAX_GRAPH_REPORTS,
    max_entities: int = MAX_GRAPH_ENTITIES,
) -> Graph:
    """Entities ↔ reports, two hops from ``entity``: the readable reports that name it, and
    the entities those reports name, with an edge per (report, entity) link (its roles).
    Built from visible links only: a link of a report the user may not read does not
    exist here, even between two entities he sees. At most ``max_reports`` reports (latest
    event first) and ``max_entities`` other entities (those most linked first);
    ``truncated`` says some were left out. Three queries whatever the size."""
    reports = list(
        entity_timeline(user, entity)
        .select_related(None)
        .only("pk", "reference", "report_type", "event_date")[: max_reports + 1]
    )
    truncated = len(reports) > max_reports
    reports = reports[:max_reports]
    center = GraphNode(
        key=f"entity-{entity.pk}",
        type="entity",
        pk=entity.pk,
        label=entity.name,
        kind=entity.kind,
        hop=0,
    )
    nodes = [center]
    report_keys = {}
    for report in reports:
        key = f"report-{report.pk}"
        report_keys[report.pk] = key
        nodes.append(
            GraphNode(
                key=key,
                type="report",
                pk=report.pk,
                label=report.reference,
                kind=report.report_type,
                hop=1,
            )
        )
    links = list(
        _visible_links(user)
        .filter(report_id__in=list(report_keys))
        .select_related("entity")
        .order_by("report_id", "entity_id", "role")
    )
    degree: dict[int, int] = {}
    others: dict[int, Entity] = {}
    for link in links:
        if link.entity_id != entity.pk:
            others[link.entity_id] = link.entity
            degree[link.entity_id] = degree.get(link.entity_id, 0) + 1
    kept = sorted(others, key=lambda pk: (-degree[pk], others[pk].name, pk))
    if len(kept) > max_entities:
        truncated = True
        kept = kept[:max_entities]
    kept_set = set(kept)
    for pk in sorted(kept, key=lambda pk: (others[pk].name, pk)):
        other = others[pk]
        nodes.append(
            GraphNode(
                key=f"entity-{pk}", type="entity", pk=pk, label=other.name, kind=other.kind, hop=2
            )
        )
    edges: dict[tuple[str, str], GraphEdge] = {}
    for link in links:
        if link.entity_id != entity.pk and link.entity_id not in kept_set:
            continue
        pair = (report_keys[link.report_id], f"entity-{link.entity_id}")
        edge = edges.setdefault(pair, GraphEdge(source=pair[0], target=pair[1]))
        if link.role not in edge.roles:
            edge.roles.append(link.role)
    return Graph(nodes=nodes, edges=list(edges.values()), truncated=truncated)


@dataclass
class Placed:
    node: GraphNode
    x: float
    y: float


def layout(graph: Graph, *, size: float = 760.0) -> list[Placed]:
    """Rings around the entity: its reports on the inner ring, evenly; the other entities on
    the outer ring, in the order of the mean angle of their reports (so that an entity sits
    near the reports that name it), evenly spaced."""
    middle = size / 2
    inner, outer = size * 0.22, size * 0.42
    placed: dict[str, Placed] = {}
    reports = [n for n in graph.nodes if n.hop == 1]
    angles: dict[str, float] = {}
    for index, node in enumerate(reports):
        angle = 2 * math.pi * index / max(1, len(reports)) - math.pi / 2
        angles[node.key] = angle
        placed[node.key] = Placed(
            node, middle + inner * math.cos(angle), middle + inner * math.sin(angle)
        )
    wanted: dict[str, list[float]] = {}
    for edge in graph.edges:
        if edge.source in angles:
            wanted.setdefault(edge.target, []).append(angles[edge.source])
    outer_nodes = [n for n in graph.nodes if n.hop == 2]

    def mean_angle(node: GraphNode) -> float:
        values = wanted.get(node.key) or [0.0]
        return math.atan2(sum(math.sin(a) for a in values), sum(math.cos(a) for a in values)) % (
            2 * math.pi
        )

    ordered = sorted(outer_nodes, key=lambda n: (mean_angle(n), n.key))
    start = mean_angle(ordered[0]) if ordered else 0.0
    for index, node in enumerate(ordered):
        angle = start + 2 * math.pi * index / max(1, len(ordered))
        placed[node.key] = Placed(
            node, middle + outer * math.cos(angle), middle + outer * math.sin(angle)
        )
    placed[graph.nodes[0].key] = Placed(graph.nodes[0], middle, middle)
    return [placed[n.key] for n in graph.nodes]
