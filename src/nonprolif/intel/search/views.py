"""Search pages: the search (results and facets, over visible reports only), saving a search,
the user's saved searches, opening one (the link a notification carries) and deleting one."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.intel.search.domain import delete_saved_search, save_search
from nonprolif.intel.search.forms import SavedSearchForm, SearchForm, saved_search_params
from nonprolif.intel.search.queries import (
    FILTER_NAMES,
    get_saved_search_for,
    matching_reports,
    saved_searches_for,
    search_facets,
)


def _facet_links(base: QueryDict, facets):
    """Each facet value with the link that narrows the search (``base``: its words and
    filters) to it, or, when it is the selected one, widens it again."""
    linked = []
    for name, values in facets.items():
        items = []
        for value in values:
            params = base.copy()
            if value.selected:
                params.pop(name, None)
            else:
                params[name] = value.value
            items.append({"facet": value, "query": params.urlencode()})
        linked.append({"name": name, "values": items})
    return linked


def _search_page(request, form, save_form=None, status=200):
    query, filters = form.search()
    page = paginate(request, matching_reports(request.user, query, filters))
    facets = search_facets(request.user, query, filters)
    note_read(request, action="intel.search", changes={"query": query, "filters": filters})
    base = QueryDict(mutable=True)
    if query:
        base["q"] = query
    for name, value in filters.items():
        base[name] = str(value)
    labels = {
        "type": _("Type"),
        "category": _("CBRN category"),
        "originator": _("Originator"),
        "classification": _("Classification"),
        "year": _("Year"),
    }
    return render(
        request,
        "intel/search/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            "page": page,
            "facets": [
                dict(group, label=labels[group["name"]]) for group in _facet_links(base, facets)
            ],
            "save_form": save_form or SavedSearchForm(initial={"q": query, **filters}),
        },
        status=status,
    )


def search(request):
    form = SearchForm(request.GET if request.GET else None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return _search_page(request, form, status=status)


@require_POST
def saved_search_create(request):
    form = SavedSearchForm(request.POST)
    saved = submit(request, form, save_search)
    if saved is None:
        search_form = SearchForm(
            {name: request.POST.get(name, "") for name in ("q", *FILTER_NAMES)}
        )
        return _search_page(request, search_form, save_form=form, status=400)
    messages.success(request, _("Search saved."))
    return redirect("intel_saved_search_list")


def saved_search_list(request):
    page = paginate(request, saved_searches_for(request.user))
    note_read(request, action="intel.saved_search.list")
    rows = [
        {"saved": saved, "query": urlencode(saved_search_params(saved))}
        for saved in page.object_list
    ]
    return render(
        request,
        "intel/search/saved_list.html",
        {"page": page, "rows": rows},
    )


def saved_search_open(request, pk):
    """A saved search's results: the search page with its words and filters."""
    saved = get_saved_search_for(request.user, pk)
    note_read(request, action="intel.saved_search.view", obj=saved)
    query = urlencode(saved_search_params(saved))
    return redirect(reverse("intel_search") + (f"?{query}" if query else ""))


def saved_search_delete(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST deletes."""
    saved = get_saved_search_for(request.user, pk)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return confirm_page(
            request,
            question=_("Delete the saved search"),
            details=[
                _("The saved search “%(name)s” is deleted and no longer tells you of new matches.")
                % {"name": saved.name}
            ],
            confirm_label=_("Delete the saved search"),
            cancel_url=reverse("intel_saved_search_list"),
            cancel_label=_("Back to my saved searches (nothing deleted)"),
            obj=saved,
            action="intel.saved_search.view",
            trail=[(reverse("intel_saved_search_list"), _("Saved searches"))],
        )
    delete_saved_search(actor=request.user, saved_search=saved)
    messages.success(request, _("Saved search deleted."))
    return redirect("intel_saved_search_list")
