"""The releasability API: a report's releasability list (read, set, apply a distribution
list), the two-person decision on partner releases and its queue, and the agency's
distribution lists.

Every release row comes from ``releases_for`` (the access rule first): rows of reports the
caller cannot read never appear, and a partner's users see only their own agency's row.
Invisible or missing: 404; visible but not allowed: 403 (audited as denied); bad input: 422
naming each field.
"""

from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.intel.releases.domain import (
    apply_distribution_list,
    approve_release,
    create_distribution_list,
    delete_distribution_list,
    refuse_release,
    set_releasability,
    update_distribution_list,
)
from nonprolif.intel.releases.queries import (
    distribution_lists_for,
    get_distribution_list_for,
    get_release_for,
    releases_awaiting,
    report_releases,
)
from nonprolif.intel.releases.schemas import (
    IntelApplyListIn,
    IntelDistributionListIn,
    IntelDistributionListOut,
    IntelReleasabilityIn,
    IntelReleaseDecisionIn,
    IntelReleaseOut,
)
from nonprolif.intel.reports.queries import get_report_for

router = Router(tags=["intel"])


@router.get(
    "/intel/reports/{report_id}/releases", response={200: list[IntelReleaseOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_report_releases(request, report_id: int):
    """The report's releasability list as the caller may see it (the originator: every row;
    another national agency: the effective ones; a partner: his own agency's row)."""
    report = get_report_for(request.auth, report_id)
    return report_releases(request.auth, report)


@router.put(
    "/intel/reports/{report_id}/releases",
    response={200: list[IntelReleaseOut], **WRITE_ERRORS},
)
@service_errors
def put_report_releases(request, report_id: int, payload: IntelReleasabilityIn):
    """Set the agencies the report is released to (the originator's analysts and
    coordinators). A partner named gets a pending release that a second person decides."""
    report = get_report_for(request.auth, report_id)
    set_releasability(actor=request.auth, report=report, agencies=payload.agencies)
    return list(report_releases(request.auth, report))


@router.post(
    "/intel/reports/{report_id}/releases/apply-list",
    response={200: list[IntelReleaseOut], **WRITE_ERRORS},
)
@service_errors
def post_apply_distribution_list(request, report_id: int, payload: IntelApplyListIn):
    """Add the agencies of one of the caller's agency's distribution lists to the report's
    list, as explicit rows."""
    report = get_report_for(request.auth, report_id)
    distribution_list = get_distribution_list_for(request.auth, payload.distribution_list)
    apply_distribution_list(actor=request.auth, report=report, distribution_list=distribution_list)
    return list(report_releases(request.auth, report))


@router.get("/intel/releases/awaiting", response=list[IntelReleaseOut])
@paginate(LimitOffsetPagination)
def list_releases_awaiting(request):
    """The partner releases awaiting the caller's approval (oldest first)."""
    return releases_awaiting(request.auth)


@router.get("/intel/releases/{release_id}", response={200: IntelReleaseOut, 404: ErrorOut})
def get_release(request, release_id: int):
    return get_release_for(request.auth, release_id)


@router.post(
    "/intel/releases/{release_id}/approve", response={200: IntelReleaseOut, **WRITE_ERRORS}
)
@service_errors
def post_release_approve(request, release_id: int, payload: IntelReleaseDecisionIn):
    """Approve a pending partner release (a second analyst or coordinator of the originating
    agency, not the requester), with a reason."""
    release = get_release_for(request.auth, release_id)
    approve_release(actor=request.auth, release=release, reason=payload.reason)
    return get_release_for(request.auth, release_id)


@router.post("/intel/releases/{release_id}/refuse", response={200: IntelReleaseOut, **WRITE_ERRORS})
@service_errors
def post_release_refuse(request, release_id: int, payload: IntelReleaseDecisionIn):
    """Refuse a pending partner release (a second person, as approving), with a reason."""
    release = get_release_for(request.auth, release_id)
    refuse_release(actor=request.auth, release=release, reason=payload.reason)
    return get_release_for(request.auth, release_id)


# --- distribution lists -------------------------------------------------------------------------


@router.get("/intel/distribution-lists", response=list[IntelDistributionListOut])
@paginate(LimitOffsetPagination)
def list_distribution_lists(request):
    """The caller's agency's distribution lists, by name."""
    return distribution_lists_for(request.auth).select_related("owner")


@router.post("/intel/distribution-lists", response={201: IntelDistributionListOut, **WRITE_ERRORS})
@service_errors
def post_distribution_list(request, payload: IntelDistributionListIn):
    """A new distribution list of the caller's agency (its analysts and coordinators)."""
    created = create_distribution_list(actor=request.auth, **payload.dict())
    return Status(201, get_distribution_list_for(request.auth, created.pk))


@router.get(
    "/intel/distribution-lists/{list_id}",
    response={200: IntelDistributionListOut, 404: ErrorOut},
)
def get_distribution_list(request, list_id: int):
    return get_distribution_list_for(request.auth, list_id)


@router.put(
    "/intel/distribution-lists/{list_id}",
    response={200: IntelDistributionListOut, **WRITE_ERRORS},
)
@service_errors
def put_distribution_list(request, list_id: int, payload: IntelDistributionListIn):
    """Rename a list or change its agencies (reports it was applied to keep theirs)."""
    distribution_list = get_distribution_list_for(request.auth, list_id)
    update_distribution_list(
        actor=request.auth, distribution_list=distribution_list, **payload.dict()
    )
    return get_distribution_list_for(request.auth, list_id)


@router.delete("/intel/distribution-lists/{list_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def remove_distribution_list(request, list_id: int):
    """Delete a list of the caller's agency (the releases it expanded into stay)."""
    distribution_list = get_distribution_list_for(request.auth, list_id)
    delete_distribution_list(actor=request.auth, distribution_list=distribution_list)
    return Status(204, None)
