"""The search API: a search (results and facets, over the reports the caller may read only) and
the caller's own saved searches.

A word that only reports hidden from the caller hold answers exactly like a word no report
holds. Bad input: 422 naming the field. Someone else's saved search: 404, like a missing one.
"""

from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, ValidationErrorOut, service_errors
from nonprolif.core.audit_reads import note_read
from nonprolif.intel.search import domain
from nonprolif.intel.search.queries import (
    get_saved_search_for,
    matching_reports,
    saved_searches_for,
    search_facets,
)
from nonprolif.intel.search.schemas import (
    IntelSavedSearchIn,
    IntelSavedSearchOut,
    IntelSearchPageOut,
    IntelSearchQuery,
)

router = Router(tags=["intel"])


@router.get("/intel/search", response={200: IntelSearchPageOut, 422: ValidationErrorOut})
@service_errors
def search_reports(request, params: Query[IntelSearchQuery]):
    """The reports the caller may read that hold every word of ``q`` and pass the filters,
    newest first, with the facets (type, CBRN category, originator, classification, year)."""
    filters = params.as_filters()
    reports = matching_reports(request.auth, params.q, filters)
    facets = search_facets(request.auth, params.q, filters)
    items = list(reports[params.offset : params.offset + params.limit])
    note_read(
        request,
        action="intel.search",
        objects=items,
        changes={"query": params.q, "filters": filters},
    )
    return {
        "count": reports.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": items,
        "facets": {name: [value.__dict__ for value in values] for name, values in facets.items()},
    }


@router.get("/intel/saved-searches", response=list[IntelSavedSearchOut])
@paginate(LimitOffsetPagination)
def list_saved_searches(request):
    """The caller's own saved searches, by name."""
    return saved_searches_for(request.auth)


@router.post("/intel/saved-searches", response={201: IntelSavedSearchOut, **WRITE_ERRORS})
@service_errors
def post_saved_search(request, payload: IntelSavedSearchIn):
    """Save a search for the caller; reports that match now count as seen, so that a
    notification (a link only) tells of later ones."""
    saved = domain.save_search(
        actor=request.auth,
        name=payload.name,
        query=payload.q,
        filters=payload.filters.as_filters() if payload.filters else {},
        notify=payload.notify,
    )
    return Status(201, saved)


@router.get(
    "/intel/saved-searches/{saved_search_id}", response={200: IntelSavedSearchOut, 404: ErrorOut}
)
def get_saved_search(request, saved_search_id: int):
    return get_saved_search_for(request.auth, saved_search_id)


@router.delete("/intel/saved-searches/{saved_search_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def delete_saved_search(request, saved_search_id: int):
    """Delete one of the caller's saved searches."""
    saved = get_saved_search_for(request.auth, saved_search_id)
    domain.delete_saved_search(actor=request.auth, saved_search=saved)
    return Status(204, None)
