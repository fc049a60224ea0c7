"""Reads of the exchange: the reports a search's export carries. Every selector starts from
``IntelReport.objects.visible_to``."""

from typing import Any

from django.db.models import QuerySet

from nonprolif.core.models import Actor
from nonprolif.intel.models import IntelReport
from nonprolif.intel.search.queries import matching_reports


def search_reports(
    user: Actor, query: str, filters: dict[str, Any] | None = None
) -> QuerySet[IntelReport]:
    """The visible reports a search matches (the search's own ``matching_reports``)."""
    return matching_reports(user, query, filters or {})
