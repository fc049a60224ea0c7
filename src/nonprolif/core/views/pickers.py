"""The answer of every picker's search endpoint (core/web/picker.py): one page of the
officials of the form's scoped queryset that match the search, as buttons to pick from.

Each feature's endpoint rebuilds the queryset its form uses, with the same selector, and
returns ``search_page(request, officials)``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.shortcuts import render

from nonprolif.core.audit_reads import note_read
from nonprolif.core.models import Official
from nonprolif.core.queries import search_officials
from nonprolif.core.web.picker import PAGE_SIZE, official_label

MAX_QUERY = 200
MAX_PAGE = 500


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def picker_query(request) -> str:
    """The picker's search words (``?q=``), spaces folded, at most MAX_QUERY characters."""
    return " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY]


def results_page(request, rows, *, q: str, action: str, label, template: str):
    """Page ``?page=`` (20 rows) of ``rows`` (already narrowed to the search ``q``), as the
    picker's buttons (``label(row)``), with a "more" button when there is a next page. The
    rows shown are noted for the read audit (``action``), with the search."""
    page = _page_number(request.GET.get("page"))
    start = (page - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])
    shown = found[:PAGE_SIZE]
    more_url = ""
    if len(found) > PAGE_SIZE and page < MAX_PAGE:
        more_url = f"{request.path}?{urlencode({'q': q, 'page': page + 1})}"
    note_read(request, action=action, objects=shown, changes={"search": {"q": q, "page": page}})
    return render(
        request,
        template,
        {
            "rows": [(row.pk, label(row)) for row in shown],
            "more_url": more_url,
            "page": page,
            "q": q,
        },
    )


def search_page(request, officials: QuerySet[Official]):
    """Page ``?page=`` of ``officials`` matching ``?q=`` (every word, as
    ``search_officials`` matches)."""
    q = picker_query(request)
    if q:
        officials = officials.filter(pk__in=search_officials(request.user, q=q).values("pk"))
    return results_page(
        request,
        officials.select_related("agency"),
        q=q,
        action="official.search",
        label=official_label,
        template="core/_picker_results.html",
    )
