"""The screening lists endpoints, on the same selectors and services as the pages.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}``. A caller who may
not read the lists gets 404 everywhere, as for a list, snapshot or entry that does not exist;
the import is the coordinators' (403 for others, nothing written); bad input: 422 naming the
field and, for a file that cannot be read, where in it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.tables import size_error
from nonprolif.screening.lists import queries
from nonprolif.screening.lists.domain import import_list, require_import
from nonprolif.screening.lists.schemas import (
    ScreeningControlOut,
    ScreeningEntryChangeOut,
    ScreeningEntryDetailOut,
    ScreeningEntryOut,
    ScreeningListOut,
    ScreeningSnapshotOut,
)
from nonprolif.screening.models import ListSource

router = Router(tags=["screening"])

#: An entry's changes its answer carries at most.
MAX_ENTRY_CHANGES = 100


@router.get("/screening/lists", response={200: list[ScreeningListOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_watchlists(request):
    """Every list by code, each with its latest snapshot (null before its first import)."""
    return queries.watchlists(request.auth)


# Before "/screening/lists/{list_code}": the first route of a path decides its methods.
@router.post("/screening/lists/import", response={201: ScreeningSnapshotOut, **WRITE_ERRORS})
@service_errors
def post_list_import(
    request,
    source: ListSource = Form(...),  # noqa: B008 (ninja's declaration)
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja's declaration)
    list_code: str = Form(""),
    list_name_es: str = Form(""),
    list_name_en: str = Form(""),
):
    """Import a list file as the next snapshot of its list (coordinators): the delta's
    counts in the answer, its lines at ``/screening/snapshots/{id}/changes``."""
    queries.check_view_lists(request.auth)
    require_import(request.auth, code=list_code.strip() or source, source=source)
    if file is None:  # missing, or empty (a multipart client may drop an empty file's part)
        raise ValidationError({"file": _("Choose a file.")})
    refused = size_error(file.size)
    if refused:
        raise ValidationError({"file": refused})
    snapshot = import_list(
        actor=request.auth,
        source=source,
        data=file.read(),
        file_name=file.name or "",
        list_code=list_code or None,
        list_name_es=list_name_es or None,
        list_name_en=list_name_en or None,
    )
    return Status(201, queries.get_snapshot_for(request.auth, snapshot.pk))


@router.get("/screening/lists/{list_code}", response={200: ScreeningListOut, 404: ErrorOut})
def get_watchlist(request, list_code: str):
    return queries.get_watchlist_for(request.auth, list_code)


@router.get(
    "/screening/lists/{list_code}/entries", response={200: list[ScreeningEntryOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_watchlist_entries(request, list_code: str, q: str = ""):
    """The entries on the list now, by reference; ``q``: every word in the name (whatever
    the case and Spanish accents), or the reference."""
    watchlist = queries.get_watchlist_for(request.auth, list_code)
    return queries.list_entries(request.auth, watchlist, q=q[:200]).select_related("watchlist")


@router.get(
    "/screening/lists/{list_code}/snapshots",
    response={200: list[ScreeningSnapshotOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_watchlist_snapshots(request, list_code: str):
    """The list's snapshots, latest first."""
    watchlist = queries.get_watchlist_for(request.auth, list_code)
    return queries.list_snapshots(request.auth, watchlist).select_related("watchlist")


@router.get(
    "/screening/snapshots/{snapshot_id}/changes",
    response={200: list[ScreeningEntryChangeOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_snapshot_changes(request, snapshot_id: int, change: str = ""):
    """The snapshot's delta by kind of change then entry; ``change``: added, changed or
    removed."""
    snapshot = queries.get_snapshot_for(request.auth, snapshot_id)
    return queries.snapshot_changes(request.auth, snapshot, change=change).select_related(
        "entry__watchlist"
    )


@router.get("/screening/entries/{entry_id}", response={200: ScreeningEntryDetailOut, 404: ErrorOut})
def get_watchlist_entry(request, entry_id: int):
    """An entry (on the list now or removed) with its content and its changes."""
    entry = queries.get_entry_for(request.auth, entry_id)
    entry.changes_shown = list(  # type: ignore[attr-defined]
        queries.entry_changes(request.auth, entry)[:MAX_ENTRY_CHANGES]
    )
    return entry


@router.get("/screening/controls", response={200: list[ScreeningControlOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_controls(request, q: str = "", regime: str = ""):
    """The control-list entries by regime and code; ``regime`` narrows to one (AG, NSG,
    MTCR, WA, CWC); ``q``: every word in the code, a description or a CAS number."""
    return queries.search_controls(request.auth, q=q[:200], regime=regime)
