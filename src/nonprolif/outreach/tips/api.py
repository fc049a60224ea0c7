"""The tips endpoints, on the same selectors and services as the pages: the tips, taking a
tip from a stakeholder, one tip, writing its report draft, sending its acknowledgement.

Invisible or missing: 404; visible but not allowed: 403, the refusal audited; bad input:
422 naming each field.
"""

from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.outreach.stakeholders.queries import get_stakeholder_for
from nonprolif.outreach.tips.domain import record_tip, report_tip, resend_acknowledgement
from nonprolif.outreach.tips.queries import get_tip_for, tips_for
from nonprolif.outreach.tips.schemas import (
    OutreachTipFilters,
    OutreachTipIn,
    OutreachTipOut,
    OutreachTipReportIn,
    OutreachTipReportOut,
)

router = Router(tags=["outreach"])


@router.get("/outreach/tips", response={200: list[OutreachTipOut]})
@paginate(LimitOffsetPagination)
def list_outreach_tips(request, filters: Query[OutreachTipFilters]):
    """The tips the caller may read, newest first (coordinators and auditors: all; liaisons
    and analysts: their agency's stakeholders'); ``stakeholder`` and ``status`` (awaiting,
    reported) narrow them."""
    return tips_for(request.auth, stakeholder=filters.stakeholder, status=filters.status)


@router.post(
    "/outreach/stakeholders/{stakeholder_id}/tips",
    response={201: OutreachTipOut, **WRITE_ERRORS},
)
@service_errors
def post_outreach_tip(request, stakeholder_id: int, payload: OutreachTipIn):
    """Take a tip from the stakeholder (a liaison of its responsible agency). The
    acknowledgement goes to ``contact_email``, else to the stakeholder's contacts, in the
    stakeholder's language; ``acknowledged_at`` says when it went."""
    stakeholder = get_stakeholder_for(request.auth, stakeholder_id)
    tip = record_tip(actor=request.auth, stakeholder=stakeholder, **payload.dict())
    return Status(201, get_tip_for(request.auth, tip.pk))


@router.get("/outreach/tips/{tip_id}", response={200: OutreachTipOut, 404: ErrorOut})
def get_outreach_tip(request, tip_id: int):
    return get_tip_for(request.auth, tip_id)


@router.post("/outreach/tips/{tip_id}/report", response={201: OutreachTipReportOut, **WRITE_ERRORS})
@service_errors
def post_outreach_tip_report(request, tip_id: int, payload: OutreachTipReportIn):
    """Write the tip's intelligence report draft in the caller's agency (an analyst with a
    clearance of the stakeholder's responsible agency), the stakeholder linked as supplier."""
    tip = get_tip_for(request.auth, tip_id)
    report = report_tip(actor=request.auth, tip=tip, classification=payload.classification)
    return Status(201, {"id": report.pk, "reference": report.reference, "tip": tip.reference})


@router.post("/outreach/tips/{tip_id}/acknowledge", response={200: OutreachTipOut, **WRITE_ERRORS})
@service_errors
def post_outreach_tip_acknowledge(request, tip_id: int):
    """Send the tip's acknowledgement again (a liaison of the responsible agency)."""
    tip = get_tip_for(request.auth, tip_id)
    resend_acknowledgement(actor=request.auth, tip=tip)
    return get_tip_for(request.auth, tip_id)
