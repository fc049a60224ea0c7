"""paginate: the page size cap, bad page numbers, several lists on one page, the read note."""

import pytest
from django.test import RequestFactory

from nonprolif.core.audit_reads import _note
from nonprolif.core.web.pagination import MAX_PAGE_SIZE, paginate

ROWS = list(range(1, 251))


def _page(query: str = "", **kwargs):
    request = RequestFactory().get(f"/list/{query}")
    return request, paginate(request, ROWS, **kwargs)


def test_a_caller_asking_for_more_rows_than_the_cap_gets_the_cap():
    _request, page = _page(per_page=500)
    assert MAX_PAGE_SIZE == 100
    assert len(page.object_list) == MAX_PAGE_SIZE
    assert page.paginator.num_pages == 3


@pytest.mark.parametrize(("number", "first"), [("2", 26), ("999", 226), ("x", 1), ("-1", 226)])
def test_out_of_range_or_bad_numbers_give_the_nearest_page(number, first):
    _request, page = _page(f"?page={number}")
    assert page.object_list[0] == first


def test_each_list_of_a_page_reads_its_own_parameter_and_keeps_the_others():
    _request, page = _page("?page=3&calendar=2&q=ana", param="calendar")
    assert page.number == 2
    assert page.next_query.urlencode() == "page=3&calendar=3&q=ana"
    assert page.previous_query.urlencode() == "page=3&calendar=1&q=ana"


def test_first_and_last_pages_have_no_link_beyond():
    _request, first = _page()
    assert first.previous_query is None
    _request, last = _page("?page=10")
    assert last.next_query is None


def test_the_rows_shown_are_what_the_read_audit_names():
    request, page = _page("?page=2")
    assert _note(request).objects is page
    assert list(_note(request).objects) == list(range(26, 51))
