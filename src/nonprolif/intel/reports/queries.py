"""Reads of intelligence reports. Every selector starts from ``IntelReport.objects.visible_to``;
``get_report_for`` raises Http404 for a missing report and an invisible one alike."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor
from nonprolif.intel.models import IntelReport


def reports_for(user: Actor) -> QuerySet[IntelReport]:
    """The reports ``user`` may read, newest first, with what their list and page show."""
    return (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .select_related("classification", "originator", "author", "cbrn_category", "material")
        .order_by("-created_at", "-id")
    )


def get_report_for(user: Actor, pk: int | str) -> IntelReport:
    """The report ``pk`` if ``user`` may read it; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such report.")) from None
    report = reports_for(user).filter(pk=pk).first()
    if report is None:
        raise Http404(_("No such report."))
    return report
