"""Reads of intelligence reports. Every selector starts from ``IntelReport.objects.visible_to``;
``get_..._for`` raises Http404 for a missing row and an invisible one alike."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor, Agency
from nonprolif.core.scoping import NOTHING
from nonprolif.intel.models import (
    IntelReport,
    ReportAttachment,
    ReportStatus,
    ReportType,
    ReportVersion,
    visible_report_q,
)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def reports_for(user: Actor) -> QuerySet[IntelReport]:
    """The reports ``user`` may read, newest first, with what their list and page show."""
    return (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .select_related("classification", "originator", "author", "cbrn_category", "material")
        .order_by("-created_at", "-id")
    )


def filtered_reports(
    user: Actor, *, report_type: str = "", status: str = "", originator: Any = None
) -> QuerySet[IntelReport]:
    """``reports_for(user)`` narrowed by type, status and originator (an agency id or code);
    values that name nothing are ignored by the caller's form, and here give no rows."""
    rows = reports_for(user)
    if report_type:
        rows = (
            rows.filter(report_type=report_type)
            if report_type in ReportType.values
            else rows.none()
        )
    if status:
        rows = rows.filter(status=status) if status in ReportStatus.values else rows.none()
    if originator not in (None, ""):
        if isinstance(originator, Agency):
            rows = rows.filter(originator_id=originator.pk)
        elif _int(originator) is not None:
            rows = rows.filter(originator_id=_int(originator))
        else:
            rows = rows.filter(originator__code=str(originator))
    return rows


def get_report_for(user: Actor, pk: int | str) -> IntelReport:
    """The report ``pk`` if ``user`` may read it; Http404 otherwise."""
    number = _int(pk)
    report = reports_for(user).filter(pk=number).first() if number is not None else None
    if report is None:
        raise Http404(_("No such report."))
    return report


def versions_for(user: Actor, report: IntelReport) -> QuerySet[ReportVersion]:
    """The versions of ``report`` (one ``user`` may read) whose classification at the time his
    clearance reaches, oldest first."""
    if not getattr(user, "clearance_id", None):
        return ReportVersion.objects.none()
    return (
        ReportVersion.objects.filter(
            report=report,
            classification__rank__lte=user.clearance.rank,  # type: ignore[union-attr]
        )
        .select_related("classification", "changed_by")
        .order_by("number")
    )


def get_version_for(user: Actor, report: IntelReport, number: Any) -> ReportVersion:
    """Version ``number`` of ``report``, or Http404 (missing, or classified above ``user``)."""
    value = _int(number)
    version = versions_for(user, report).filter(number=value).first() if value else None
    if version is None:
        raise Http404(_("No such version."))
    return version


def attachments_for(user: Actor, report: IntelReport) -> QuerySet[ReportAttachment]:
    condition = visible_report_q(user, "report__")  # type: ignore[arg-type]
    if condition is NOTHING:
        return ReportAttachment.objects.none()
    return ReportAttachment.objects.filter(condition, report=report).order_by("pk")


def get_attachment_for(user: Actor, pk: Any) -> ReportAttachment:
    """The attachment ``pk`` of a report ``user`` may read, or Http404."""
    condition = visible_report_q(user, "report__")  # type: ignore[arg-type]
    value = _int(pk)
    attachment = None
    if condition is not NOTHING and value is not None:
        attachment = (
            ReportAttachment.objects.filter(condition, pk=value).select_related("report").first()
        )
    if attachment is None:
        raise Http404(_("No such attachment."))
    return attachment


def agency_drafts_count(user: Actor) -> int | None:
    """How many drafts of the user's own agency he may read; None for a user without an
    agency or a clearance (he has no intelligence section)."""
    if not getattr(user, "agency_id", None) or not getattr(user, "clearance_id", None):
        return None
    return (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(originator_id=user.agency_id, status=ReportStatus.DRAFT)  # type: ignore[union-attr]
        .count()
    )
