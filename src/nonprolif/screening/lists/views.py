"""The lists pages: the lists, a list with its entries and snapshots, a snapshot's delta, an
entry with its changes, the import of a list file, the control lists and their load.

A user who may not read the lists finds none of these pages (404); the import and the load
are the coordinators' (others: 403, nothing written)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.screening.lists import queries
from nonprolif.screening.lists.display import changed_fields, identifier_text, names_of
from nonprolif.screening.lists.domain import import_list, load_controls
from nonprolif.screening.lists.forms import (
    ChangeFilterForm,
    ControlSearchForm,
    ControlsLoadForm,
    EntrySearchForm,
    ListImportForm,
)


def list_list(request):
    lists = queries.watchlists(request.user)
    note_read(request, action="screening.list.list", objects=lists)
    return render(
        request,
        "screening/lists/list_list.html",
        {"lists": lists, "can_import": has_perm("screening.import_list", request.user)},
    )


def list_detail(request, code):
    watchlist = queries.get_watchlist_for(request.user, code)
    form = EntrySearchForm(request.GET or None)
    filters = form.filters()
    entries = paginate(request, queries.list_entries(request.user, watchlist, **filters))
    snapshots = paginate(
        request, queries.list_snapshots(request.user, watchlist), 10, param="snapshots"
    )
    note_read(
        request,
        action="screening.list.view",
        obj=watchlist,
        objects=entries.object_list,
        changes={"q": filters["q"]} if filters.get("q") else None,
    )
    return render(
        request,
        "screening/lists/list_detail.html",
        {"watchlist": watchlist, "form": form, "entries": entries, "snapshots": snapshots},
    )


def snapshot_detail(request, pk):
    snapshot = queries.get_snapshot_for(request.user, pk)
    form = ChangeFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, queries.snapshot_changes(request.user, snapshot, **filters))
    after = queries.contents_after(page.object_list)
    rows = [
        (
            change,
            changed_fields(change.previous_content, after.get(change.pk))
            if change.previous_content is not None
            else [],
        )
        for change in page.object_list
    ]
    note_read(request, action="screening.snapshot.view", obj=snapshot, objects=page.object_list)
    return render(
        request,
        "screening/lists/snapshot_detail.html",
        {"snapshot": snapshot, "form": form, "page": page, "rows": rows},
    )


def entry_detail(request, pk):
    entry = queries.get_entry_for(request.user, pk)
    page = paginate(request, queries.entry_changes(request.user, entry))
    after = queries.contents_after(page.object_list)
    rows = [
        (
            change,
            changed_fields(change.previous_content, after.get(change.pk))
            if change.previous_content is not None
            else [],
        )
        for change in page.object_list
    ]
    content = entry.content
    note_read(request, action="screening.entry.view", obj=entry)
    return render(
        request,
        "screening/lists/entry_detail.html",
        {
            "entry": entry,
            "names": names_of(content),
            "identifiers": [identifier_text(i) for i in content.get("identifiers", ())],
            "content": content,
            "page": page,
            "rows": rows,
        },
    )


def list_import(request):
    queries.check_view_lists(request.user)
    if not has_perm("screening.import_list", request.user):
        raise PermissionDenied(_("Only coordinators import lists."))
    form = ListImportForm(request.POST or None, request.FILES or None)
    snapshot = submit(request, form, import_list)
    if snapshot is not None:
        messages.success(
            request,
            _(
                "Snapshot %(number)s of %(code)s imported: %(added)s added, "
                "%(changed)s changed, %(removed)s removed."
            )
            % {
                "number": snapshot.number,
                "code": snapshot.watchlist.code,
                "added": snapshot.added_count,
                "changed": snapshot.changed_count,
                "removed": snapshot.removed_count,
            },
        )
        return redirect("screening_snapshot_detail", pk=snapshot.pk)
    status = 400 if request.method == "POST" else 200
    if request.method != "POST":
        note_read(request, action="screening.list.import_form")
    return render(request, "screening/lists/list_import.html", {"form": form}, status=status)


def control_list(request):
    form = ControlSearchForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, queries.search_controls(request.user, **filters))
    note_read(
        request,
        action="screening.controls.list",
        changes={k: v for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "screening/lists/control_list.html",
        {
            "form": form,
            "page": page,
            "can_load": has_perm("screening.manage_controls", request.user),
        },
    )


def control_load(request):
    queries.check_view_lists(request.user)
    if not has_perm("screening.manage_controls", request.user):
        raise PermissionDenied(_("Only coordinators load control lists."))
    form = ControlsLoadForm(request.POST or None, request.FILES or None)
    counts = submit(request, form, load_controls)
    if counts is not None:
        messages.success(
            request,
            _(
                "Control list loaded: %(created)s entries added, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
            % counts,
        )
        return redirect("screening_control_list")
    status = 400 if request.method == "POST" else 200
    if request.method != "POST":
        note_read(request, action="screening.controls.load_form")
    return render(request, "screening/lists/control_load.html", {"form": form}, status=status)
