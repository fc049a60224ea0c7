"""Reads of the exchange: the reports a search's export carries. Every selector starts from
``IntelReport.objects.visible_to``."""

from typing import Any

from django.db.models import Q, QuerySet

from nonprolif.core.models import Actor
from nonprolif.intel.models import IntelReport

FILTERS = {
    "type": "report_type",
    "category": "cbrn_category__code",
    "originator": "originator__code",
    "classification": "classification__code",
    "year": "event_date__year",
}


def search_reports(
    user: Actor, query: str, filters: dict[str, Any] | None = None
) -> QuerySet[IntelReport]:
    """The visible reports a search matches: the search feature's ``matching_reports`` when it
    is installed; otherwise the visible reports whose title or text in either language
    contains every word, narrowed by ``filters`` (the condition is in the same SQL as the
    access rule)."""
    try:
        from nonprolif.intel.search.queries import (  # type: ignore[import-not-found,unused-ignore]
            matching_reports,
        )
    except ImportError:
        matching_reports = None
    if matching_reports is not None:
        found: QuerySet[IntelReport] = matching_reports(user, query, filters or {})
        return found
    reports = IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
    for key, lookup in FILTERS.items():
        if (filters or {}).get(key) not in (None, ""):
            reports = reports.filter(**{lookup: (filters or {})[key]})
    for word in query.split():
        reports = reports.filter(
            Q(title_es__icontains=word)
            | Q(title_en__icontains=word)
            | Q(body_es__icontains=word)
            | Q(body_en__icontains=word)
        )
    return reports.order_by("-created_at", "-id")
