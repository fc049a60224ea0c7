from django.core.paginator import Page, Paginator

from nonprolif.core.audit_reads import note_objects

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, param: str = "page") -> Page:
    """The requested page (``?page=``, or ``?<param>=`` where a page holds several lists);
    out-of-range or bad numbers give the nearest page. ``per_page`` is capped at
    ``MAX_PAGE_SIZE``; the page's rows are read at once (a list). They are what the
    request's audit entry names as shown (unless the view noted otherwise). The page
    carries ``previous_query`` and ``next_query``: the request's query with the page number
    changed (for templates/core/_pagination.html)."""
    page = Paginator(queryset, min(per_page, MAX_PAGE_SIZE)).get_page(request.GET.get(param))
    page.object_list = list(page.object_list)  # read once: the template and the audit share it
    page.param = param  # type: ignore[attr-defined]
    for name, available, number in (
        ("previous_query", page.has_previous, page.number - 1),
        ("next_query", page.has_next, page.number + 1),
    ):
        query = None
        if available():
            query = request.GET.copy()
            query[param] = str(number)
        setattr(page, name, query)
    note_objects(request, page)
    return page
