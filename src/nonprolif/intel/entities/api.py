"""The entities endpoints.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}`` where N counts
what the caller can see. An entity named only in reports the caller may not read answers
404 like a missing one; visible but not allowed: 403; bad input: 422 naming each field.
"""

from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.intel.entities.domain import create_entity, link_entity, unlink_entity, update_entity
from nonprolif.intel.entities.queries import (
    entity_graph,
    entity_timeline,
    get_entity_for,
    get_link_for,
    report_links,
    search_entities,
)
from nonprolif.intel.entities.schemas import (
    EntityGraphOut,
    EntityIn,
    EntityLinkIn,
    EntityLinkOut,
    EntityOut,
    EntityTimelineItemOut,
    EntityUpdateIn,
)
from nonprolif.intel.reports.queries import get_report_for

router = Router(tags=["intel"])


@router.get("/intel/entities", response=list[EntityOut])
@paginate(LimitOffsetPagination)
def list_entities(request, q: str = "", kind: str = ""):
    """The entities the caller may see, by name; ``q`` matches every word in the name, an
    alias or the identifier; ``kind`` narrows to person, organisation, vessel, address or
    material."""
    return search_entities(request.auth, q=q, kind=kind).prefetch_related("aliases")


@router.post("/intel/entities", response={201: EntityOut, **WRITE_ERRORS})
@service_errors
def post_entity(request, payload: EntityIn):
    """Register an entity for the caller's agency (analysts)."""
    entity = create_entity(actor=request.auth, **payload.dict())
    return Status(201, get_entity_for(request.auth, entity.pk))


@router.get("/intel/entities/{entity_id}", response={200: EntityOut, 404: ErrorOut})
def get_entity(request, entity_id: int):
    return get_entity_for(request.auth, entity_id)


@router.patch("/intel/entities/{entity_id}", response={200: EntityOut, **WRITE_ERRORS})
@service_errors
def patch_entity(request, entity_id: int, payload: EntityUpdateIn):
    """Edit an entity (analysts of the agency that registered it)."""
    entity = get_entity_for(request.auth, entity_id)
    update_entity(actor=request.auth, entity=entity, **payload.dict(exclude_none=True))
    return get_entity_for(request.auth, entity_id)


@router.get(
    "/intel/entities/{entity_id}/timeline",
    response={200: list[EntityTimelineItemOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def get_entity_timeline(request, entity_id: int):
    """The reports the caller may read that name the entity, latest event first, with the
    entity's roles in each."""
    return entity_timeline(request.auth, get_entity_for(request.auth, entity_id))


@router.get("/intel/entities/{entity_id}/graph", response={200: EntityGraphOut, 404: ErrorOut})
def get_entity_graph(request, entity_id: int):
    """The link chart: the entity, the readable reports that name it and the entities those
    reports name (two hops), with an edge per link. Only readable reports' links."""
    return entity_graph(request.auth, get_entity_for(request.auth, entity_id))


@router.get(
    "/intel/reports/{report_id}/entities", response={200: list[EntityLinkOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_report_entities(request, report_id: int):
    """The entities the report names, with their roles."""
    return report_links(request.auth, get_report_for(request.auth, report_id))


@router.post("/intel/reports/{report_id}/entities", response={201: EntityLinkOut, **WRITE_ERRORS})
@service_errors
def post_report_entity(request, report_id: int, payload: EntityLinkIn):
    """Name an entity in the report in a role (the report's writers)."""
    report = get_report_for(request.auth, report_id)
    entity = get_entity_for(request.auth, payload.entity)
    link = link_entity(actor=request.auth, report=report, entity=entity, role=payload.role)
    return Status(201, get_link_for(request.auth, link.pk))


@router.delete("/intel/entity-links/{link_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def delete_entity_link(request, link_id: int):
    """Remove the link (the report's writers)."""
    unlink_entity(actor=request.auth, link=get_link_for(request.auth, link_id))
    return Status(204, None)
