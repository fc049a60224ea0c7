from django.core.paginator import Page, Paginator

from nonprolif.core.audit_reads import note_objects

PAGE_SIZE = 25


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """The requested page (``?page=``); out-of-range or bad numbers give the nearest page.
    The page's rows are what the request's audit entry names as shown (unless the view
    noted otherwise)."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    note_objects(request, page)
    return page
