"""The screening review endpoints, on the same selectors and services as the pages: the alert
queue, one alert, its decisions, deciding and escalating it, the cleared parties.

Invisible or missing: 404; visible but not decidable (a coordinator, an auditor): 403, the
refusal audited; bad input: 422 naming each field.
"""

from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.screening.review.domain import decide_alert, escalate_alert
from nonprolif.screening.review.queries import (
    alerts_for,
    decisions_for,
    get_alert_for,
    suppressions_for,
)
from nonprolif.screening.review.schemas import (
    ScreeningReviewAlertDetailOut,
    ScreeningReviewAlertFilters,
    ScreeningReviewAlertOut,
    ScreeningReviewClearedFilters,
    ScreeningReviewClearedOut,
    ScreeningReviewDecisionIn,
    ScreeningReviewDecisionOut,
    ScreeningReviewEscalateIn,
    ScreeningReviewEscalationOut,
)

router = Router(tags=["screening"])


@router.get("/screening/alerts", response={200: list[ScreeningReviewAlertOut]})
@paginate(LimitOffsetPagination)
def list_screening_alerts(request, filters: Query[ScreeningReviewAlertFilters]):
    """The alerts the caller may read (his agency's; every agency's for coordinators and
    auditors), open ones first, then newest first; ``status``, ``batch``, ``list`` (a
    watchlist code or a control regime) and ``q`` (a name, or ``ALR-<id>``) narrow them."""
    return alerts_for(
        request.auth,
        status=filters.status,
        batch=filters.batch,
        list_code=filters.list,
        q=filters.q,
    )


@router.get(
    "/screening/alerts/{alert_id}", response={200: ScreeningReviewAlertDetailOut, 404: ErrorOut}
)
def get_screening_alert(request, alert_id: int):
    """One alert: its party or goods line, the list or control-list entry, the score and
    what each feature added to it, the report it was escalated to (if the caller reads it)."""
    return get_alert_for(request.auth, alert_id)


@router.get(
    "/screening/alerts/{alert_id}/decisions",
    response={200: list[ScreeningReviewDecisionOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_screening_alert_decisions(request, alert_id: int):
    """The alert's trail, oldest first: every decision with its reason."""
    return decisions_for(request.auth, get_alert_for(request.auth, alert_id))


@router.post(
    "/screening/alerts/{alert_id}/decisions",
    response={201: ScreeningReviewAlertOut, **WRITE_ERRORS},
)
@service_errors
def post_screening_alert_decision(request, alert_id: int, payload: ScreeningReviewDecisionIn):
    """Mark the alert a true match or a false positive, with the reason (a liaison or analyst
    of the alert's agency). A false positive on a party's alert clears the party against
    the entry at its version; a true match removes that clearance."""
    alert = get_alert_for(request.auth, alert_id)
    decide_alert(alert=alert, actor=request.auth, **payload.dict())
    return Status(201, get_alert_for(request.auth, alert_id))


@router.post(
    "/screening/alerts/{alert_id}/escalate",
    response={201: ScreeningReviewEscalationOut, **WRITE_ERRORS},
)
@service_errors
def post_screening_alert_escalation(request, alert_id: int, payload: ScreeningReviewEscalateIn):
    """Escalate the alert to an intelligence report draft of the caller's agency (an analyst
    of the alert's agency with a clearance), classified at ``classification`` or the lowest
    level."""
    alert = get_alert_for(request.auth, alert_id)
    report = escalate_alert(alert=alert, actor=request.auth, **payload.dict())
    return Status(201, {"alert": get_alert_for(request.auth, alert_id), "report": report})


@router.get("/screening/cleared", response={200: list[ScreeningReviewClearedOut]})
@paginate(LimitOffsetPagination)
def list_screening_cleared(request, filters: Query[ScreeningReviewClearedFilters]):
    """The cleared parties the caller may read, newest first: ``state=in_force`` those whose
    entry still has the version cleared, ``state=lapsed`` the others; ``q`` a party's name."""
    return suppressions_for(request.auth, state=filters.state, q=filters.q)
