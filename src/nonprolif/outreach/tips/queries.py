"""Reads of tips. Every selector starts from ``Tip.objects.visible_to`` (coordinators and
auditors every tip; the liaisons and analysts of a national agency the tips of the
stakeholders it is responsible for); ``get_tip_for`` raises Http404 for a missing tip and an
invisible one alike. A tip's report is named (``report_reference``) only to a reader who may
read that report. A page of tips costs a fixed number of queries."""

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from nonprolif.core.models import AgencyKind, User
from nonprolif.core.rules import has_perm
from nonprolif.core.web.forms import as_id
from nonprolif.intel.models import IntelReport
from nonprolif.outreach.models import Stakeholder, Tip

#: The states a list of tips is narrowed to.
AWAITING, REPORTED = "awaiting", "reported"
STATUSES = (AWAITING, REPORTED)


def _visible(user: User) -> QuerySet[Tip]:
    readable = IntelReport.objects.visible_to(user).filter(pk=OuterRef("report_id"))
    return (
        Tip.objects.visible_to(user)
        .select_related("stakeholder__responsible_agency", "stakeholder__program", "received_by")
        .annotate(
            report_reference=Subquery(readable.values("reference")[:1]),
            report_pk=Subquery(readable.values("pk")[:1]),
        )
    )


def tips_for(user: User, stakeholder: Any = None, status: str | None = None) -> QuerySet[Tip]:
    """The tips ``user`` may read, newest first; narrowed to one stakeholder (a row or its
    id) and to those awaiting a report or reported. A value that names nothing gives no
    rows."""
    rows = _visible(user)
    if stakeholder not in (None, ""):
        number = stakeholder.pk if isinstance(stakeholder, Stakeholder) else as_id(stakeholder)
        rows = rows.filter(stakeholder_id=number) if number is not None else rows.none()
    if status:
        if status == AWAITING:
            rows = rows.filter(report__isnull=True)
        elif status == REPORTED:
            rows = rows.filter(report__isnull=False)
        else:
            rows = rows.none()
    return rows.order_by("-received_at", "-id")


def get_tip_for(user: User, pk: Any) -> Tip:
    """The tip ``pk`` with its stakeholder, if ``user`` may read it; Http404 otherwise."""
    number = as_id(pk)
    tip = _visible(user).filter(pk=number).first() if number is not None else None
    if tip is None:
        raise Http404
    return tip


def tips_awaiting_report_count(user: User) -> int | None:
    """How many tips of the user's agency have no report yet; None when he may not report
    tips (not an analyst of a national agency with a clearance)."""
    if not has_perm("intel.add_report", user) or getattr(user, "agency_id", None) is None:
        return None
    agency = user.agency
    if agency is None or agency.kind != AgencyKind.NATIONAL:
        return None
    return (
        Tip.objects.visible_to(user)
        .filter(report__isnull=True, stakeholder__responsible_agency_id=user.agency_id)
        .count()
    )
