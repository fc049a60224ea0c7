"""Reads of the lists: the lists with their latest snapshot, a list's entries and snapshots, a
snapshot's delta, an entry with its changes, and the control lists.

Lists are reference data, the same for every agency: there is no scoping, only the
permission ``screening.view_lists``. A user without it finds nothing: every selector raises
Http404 for him (pages and API alike), as for a list, snapshot or entry that does not exist.
"""

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from nonprolif.core.models import Actor
from nonprolif.core.rules import has_perm
from nonprolif.core.search import Folded, fold
from nonprolif.screening.models import (
    ChangeKind,
    ControlListEntry,
    EntryChange,
    ListEntry,
    ListSnapshot,
    Regime,
    Watchlist,
)

#: Words of a search taken at most.
MAX_WORDS = 8


def may_view_lists(user: Actor) -> bool:
    return has_perm("screening.view_lists", user)


def check_view_lists(user: Actor) -> None:
    """Http404 for a user who may not read the lists."""
    if not may_view_lists(user):
        raise Http404("No such page")


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("No such object") from None


def watchlists(user: Actor) -> list[Watchlist]:
    """Every list, by code, each with ``latest``: its latest snapshot (None before its first
    import). Two queries, whatever the number of lists and entries."""
    check_view_lists(user)
    latest = ListSnapshot.objects.filter(watchlist=OuterRef("pk")).order_by("-number")
    lists: list[Watchlist] = list(
        Watchlist.objects.annotate(latest_id=Subquery(latest.values("pk")[:1]))
    )
    snapshots = ListSnapshot.objects.in_bulk([w.latest_id for w in lists if w.latest_id])  # type: ignore[attr-defined]
    for watchlist in lists:
        watchlist.latest = snapshots.get(watchlist.latest_id)  # type: ignore[attr-defined]
    return lists


def get_watchlist_for(user: Actor, code: str) -> Watchlist:
    """The list ``code`` with ``latest`` (its latest snapshot or None); Http404 when there is
    none or the user may not read lists."""
    check_view_lists(user)
    watchlist = Watchlist.objects.filter(code=str(code)).first()
    if watchlist is None:
        raise Http404("No such list")
    watchlist.latest = watchlist.snapshots.order_by("-number").first()  # type: ignore[attr-defined]
    return watchlist


def _words(q: str) -> list[str]:
    return [fold(word) for word in (q or "").split()][:MAX_WORDS]


def list_entries(user: Actor, watchlist: Watchlist, *, q: str = "") -> QuerySet[ListEntry]:
    """The entries on the list now, by reference (the reference's index). ``q``: every word
    in the entry's name whatever the case and Spanish accents (``core.search``), or the
    reference itself."""
    check_view_lists(user)
    entries = (
        ListEntry.objects.current()
        .filter(watchlist=watchlist)
        .select_related("first_snapshot", "changed_in")
        .order_by("external_id")
    )
    words = _words(q)
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(folded_name__contains=word)
        entries = entries.annotate(folded_name=Folded("name")).filter(
            by_name | Q(external_id=q.strip())
        )
    return entries


def list_snapshots(user: Actor, watchlist: Watchlist) -> QuerySet[ListSnapshot]:
    """The list's snapshots, latest first, with who imported each."""
    check_view_lists(user)
    return (
        ListSnapshot.objects.filter(watchlist=watchlist)
        .select_related("imported_by")
        .order_by("-number")
    )


def get_snapshot_for(user: Actor, pk: Any) -> ListSnapshot:
    """The snapshot ``pk`` with its list; Http404 when missing or lists are not readable."""
    check_view_lists(user)
    snapshot = (
        ListSnapshot.objects.select_related("watchlist", "imported_by").filter(pk=_pk(pk)).first()
    )
    if snapshot is None:
        raise Http404("No such snapshot")
    return snapshot


def snapshot_changes(
    user: Actor, snapshot: ListSnapshot, *, change: str = ""
) -> QuerySet[EntryChange]:
    """The snapshot's delta, by kind of change then entry (the delta index), each with its
    entry; ``change`` narrows to one ChangeKind (an unknown one: nothing)."""
    check_view_lists(user)
    changes = EntryChange.objects.filter(snapshot=snapshot).select_related("entry", "snapshot")
    if change:
        changes = changes.filter(change=change if change in ChangeKind.values else "-")
    return changes.order_by("change", "entry")


def contents_after(changes: list[EntryChange]) -> dict[int, Any]:
    """For each change (by id), the entry's content right after its snapshot: what the next
    change that overwrote the content kept as before, or the entry's content today. One
    query for the whole page."""
    pending = {c.pk: c for c in changes if c.change != ChangeKind.REMOVED}
    if not pending:
        return {}
    later: dict[tuple[int, int], Any] = {}
    rows = (
        EntryChange.objects.filter(
            entry__in={c.entry_id for c in pending.values()}, previous_content__isnull=False
        )
        .order_by("snapshot__number")
        .values_list("entry_id", "snapshot__number", "previous_content")
    )
    for entry_id, number, content in rows:
        later[(entry_id, number)] = content
    after: dict[int, Any] = {}
    for pk, change in pending.items():
        number = change.snapshot.number
        following = [n for (e, n) in later if e == change.entry_id and n > number]
        after[pk] = later[(change.entry_id, min(following))] if following else change.entry.content
    return after


def get_entry_for(user: Actor, pk: Any) -> ListEntry:
    """The entry ``pk`` (current or removed) with its list and snapshots; Http404 when
    missing or lists are not readable."""
    check_view_lists(user)
    entry = (
        ListEntry.objects.select_related("watchlist", "first_snapshot", "changed_in", "removed_in")
        .filter(pk=_pk(pk))
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    return entry


def entry_changes(user: Actor, entry: ListEntry) -> QuerySet[EntryChange]:
    """The entry's changes, latest snapshot first, each with its snapshot."""
    check_view_lists(user)
    return (
        EntryChange.objects.filter(entry=entry)
        .select_related("snapshot")
        .order_by("-snapshot__number")
    )


def search_controls(user: Actor, *, q: str = "", regime: str = "") -> QuerySet[ControlListEntry]:
    """The control-list entries by regime and code; ``regime`` narrows to one Regime (an
    unknown one: nothing); ``q``: every word in the code, a description (whatever the case
    and Spanish accents) or a CAS number."""
    check_view_lists(user)
    controls = ControlListEntry.objects.order_by("regime", "code")
    if regime:
        controls = controls.filter(regime=regime if regime in Regime.values else "-")
    words = _words(q)
    if words:
        controls = controls.annotate(
            folded_es=Folded("description_es"), folded_en=Folded("description_en")
        )
        for word in words:
            controls = controls.filter(
                Q(code__icontains=word)
                | Q(folded_es__contains=word)
                | Q(folded_en__contains=word)
                | Q(cas_numbers__icontains=word)
            )
    return controls
