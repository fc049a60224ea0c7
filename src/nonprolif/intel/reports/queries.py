"""Reads of intelligence reports. Every selector starts from ``IntelReport.objects.visible_to``;
``get_..._for`` raises Http404 for a missing row and an invisible one alike."""

from typing import Any

from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor, Agency
from nonprolif.core.scoping import NOTHING
from nonprolif.core.web.forms import as_id
from nonprolif.intel.models import (
    IntelReport,
    ReportAttachment,
    ReportStatus,
    ReportType,
    ReportVersion,
    visible_report_q,
)


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
        elif as_id(originator) is not None:
            rows = rows.filter(originator_id=as_id(originator))
        else:
            rows = rows.filter(originator__code=str(originator))
    return rows


def get_report_for(user: Actor, pk: int | str) -> IntelReport:
    """The report ``pk`` if ``user`` may read it; Http404 otherwise."""
    number = as_id(pk)
    report = reports_for(user).filter(pk=number).first() if number is not None else None
    if report is None:
        raise Http404(_("No such report."))
    return report


def versions_for(user: Actor, report: IntelReport) -> QuerySet[ReportVersion]:
    """The versions of ``report`` (one ``user`` may read) whose classification at the time his
    clearance reaches, oldest first. Outside the originating agency, only the version
    current at publication and the later ones: the drafts before it were never released."""
    if not getattr(user, "clearance_id", None):
        return ReportVersion.objects.none()
    rows = ReportVersion.objects.filter(
        report=report,
        classification__rank__lte=user.clearance.rank,  # type: ignore[union-attr]
    )
    if report.originator_id != getattr(user, "agency_id", None):
        # As stored (the caller's row may predate the publication); never published: none.
        published = IntelReport.objects.filter(pk=report.pk).values("published_version")[:1]
        rows = rows.filter(number__gte=Subquery(published))
    return rows.select_related("classification", "changed_by").order_by("number")


def get_version_for(user: Actor, report: IntelReport, number: Any) -> ReportVersion:
    """Version ``number`` of ``report``, or Http404 (missing, or classified above ``user``)."""
    value = as_id(number)
    version = versions_for(user, report).filter(number=value).first() if value else None
    if version is None:
        raise Http404(_("No such version."))
    return version


def _attachment_q(user: Actor) -> Q | None:
    """Attachments of reports ``user`` may read, attached at a classification his clearance
    reaches (a report lowered since keeps its files' classification); None for nothing."""
    condition = visible_report_q(user, "report__")  # type: ignore[arg-type]
    if condition is NOTHING:
        return None
    return condition & Q(classification__rank__lte=user.clearance.rank)  # type: ignore[union-attr]


def attachments_for(user: Actor, report: IntelReport) -> QuerySet[ReportAttachment]:
    """The attachments of ``report`` that ``user`` may read, in the order attached."""
    condition = _attachment_q(user)
    if condition is None:
        return ReportAttachment.objects.none()
    return ReportAttachment.objects.filter(condition, report=report).order_by("pk")


def get_attachment_for(user: Actor, pk: Any) -> ReportAttachment:
    """The attachment ``pk`` if ``user`` may read it (its report, and its classification), or
    Http404."""
    condition = _attachment_q(user)
    value = as_id(pk)
    attachment = None
    if condition is not None and value is not None:
        attachment = (
            ReportAttachment.objects.filter(condition, pk=value)
            .select_related("report", "report__classification", "classification")
            .first()
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
