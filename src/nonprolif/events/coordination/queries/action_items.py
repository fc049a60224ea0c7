"""Reads of meeting decisions and action items (with their history). Every selector starts
from ``visible_to(user)`` of each model it reads."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Meeting,
    MeetingDecision,
)
from nonprolif.events.models.coordination import (
    CLOSED_STATUSES,
    ActionItemQuerySet,
    program_today,
)
from nonprolif.program.models import Program

# Decisions ------------------------------------------------------------------------------------


def meeting_decisions(user: User, meeting: Meeting) -> list[MeetingDecision]:
    """The decisions of ``meeting`` (which ``user`` sees), in number order."""
    return list(MeetingDecision.objects.visible_to(user).filter(meeting=meeting))


def get_decision_for(user: User, pk: int) -> MeetingDecision:
    """The decision ``pk`` if ``user`` can see it; Http404 otherwise."""
    decision = (
        MeetingDecision.objects.visible_to(user)
        .select_related("meeting__program")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404(_("No such decision."))
    return decision


# Action items ---------------------------------------------------------------------------------


def _mark_overdue(
    items: list[ActionItem], now: datetime.datetime | None = None
) -> list[ActionItem]:
    """Set ``overdue`` (and ``days_overdue``) on each item: open and due before today in its
    program's time zone. No query (the program comes with the item)."""
    now = now or clock.now()
    for item in items:
        today = program_today(item.meeting.program.time_zone, now)
        item.overdue = item.is_overdue_on(today)
        item.days_overdue = (today - item.due_date).days if item.overdue else 0
    return items


def action_items_for(user: User) -> ActionItemQuerySet:
    """The action items ``user`` can see, with their meeting, program, owner agency and
    decision, and ``visible_owner``: the owner official when ``user`` may see him, else
    None (an official of another agency stays unnamed)."""
    return (
        ActionItem.objects.visible_to(user)
        .select_related("meeting__program", "owner_agency", "decision")
        .prefetch_related(
            Prefetch(
                "owner_official",
                queryset=Official.objects.visible_to(user),
                to_attr="visible_owner",
            )
        )
    )


def meeting_action_items(user: User, meeting: Meeting) -> list[ActionItem]:
    """The action items of ``meeting``, by due date, each marked ``overdue``."""
    return _mark_overdue(list(action_items_for(user).filter(meeting=meeting)))


def get_action_item_for(user: User, pk: int) -> ActionItem:
    """The action item ``pk`` if ``user`` can see it (marked ``overdue``); Http404
    otherwise."""
    item = action_items_for(user).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such action item."))
    return _mark_overdue([item])[0]


class MarkedActionItems:
    """Action items as a paginator takes them (Django's ``Paginator``, ninja's pagination):
    counted by the database, and sliced, each item of a slice marked ``overdue``. Only the
    page shown is read."""

    def __init__(self, queryset: ActionItemQuerySet, now: datetime.datetime | None = None):
        self.queryset = queryset
        self.now = now
        self.ordered = queryset.ordered

    def all(self) -> "MarkedActionItems":
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ActionItem]:
        if not isinstance(index, slice):
            raise TypeError("MarkedActionItems is read by slices")
        return _mark_overdue(list(self.queryset[index]), self.now)

    def __iter__(self) -> Iterator[ActionItem]:
        return iter(_mark_overdue(list(self.queryset), self.now))


def program_action_items(
    user: User,
    program: Program,
    *,
    agency: Agency | None = None,
    status: str = "",
    overdue: bool | None = None,
    meeting: int | None = None,
    now: datetime.datetime | None = None,
) -> MarkedActionItems:
    """The program's action items ``user`` can see, by due date, each marked ``overdue``
    as it is read (a page at a time).

    ``agency``: only the items it owns. ``status``: an ActionStatus value, or "" for all.
    ``overdue``: True for overdue items only, False for the others, None for both.
    ``meeting``: only the items of the meeting with this id.
    """
    items = action_items_for(user).filter(meeting__program=program)
    if agency is not None:
        items = items.filter(owner_agency=agency)
    if status:
        items = items.filter(status=status)
    if meeting is not None:
        items = items.filter(meeting_id=meeting)
    if overdue is True:
        items = items.overdue(now)
    elif overdue is False:
        items = items.exclude(pk__in=ActionItem.objects.overdue(now).values("pk"))
    return MarkedActionItems(items.order_by("due_date", "pk"), now)


def overdue_action_items(user: User, program: Program, *, on: datetime.date) -> list[ActionItem]:
    """The program's visible action items still open and due before ``on`` (a date in the
    program's time zone), most overdue first; each with ``days_overdue`` counted to ``on``."""
    items = list(
        action_items_for(user)
        .filter(meeting__program=program, due_date__lt=on)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("due_date", "pk")
    )
    for item in items:
        item.overdue = True
        item.days_overdue = (on - item.due_date).days
    return items


@dataclass(frozen=True)
class ShownChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    change: ActionItemChange
    fields: list[ShownChange]


ITEM_FIELD_LABELS: dict[str, Callable[[], str]] = {
    "title_es": lambda: _("title (Spanish)"),
    "title_en": lambda: _("title (English)"),
    "description_es": lambda: _("description (Spanish)"),
    "description_en": lambda: _("description (English)"),
    "owner_agency": lambda: _("owner agency"),
    "owner_official": lambda: _("owner official"),
    "due_date": lambda: _("due date"),
    "status": lambda: _("status"),
    "decision": lambda: _("decision"),
}


def action_item_history(user: User, item: ActionItem) -> list[HistoryEntry]:
    """Every change of ``item`` (newest first) as ``user`` may read it: statuses by their
    label, officials by name only when ``user`` may see them. Two queries."""
    changes = list(item.changes.select_related("actor").order_by("-at", "-pk"))
    official_ids = {
        value
        for change in changes
        for value in change.changes.get("owner_official", [])
        if isinstance(value, int)
    }
    names = {
        official.pk: official.full_name
        for official in Official.objects.visible_to(user).filter(pk__in=official_ids)
    }
    statuses = dict(ActionStatus.choices)

    def shown(name: str, value: Any) -> object:
        if value is None or value == "":
            return "—"
        if name == "status":
            return str(statuses.get(value, value))
        if name == "owner_official":
            return names.get(value, _("an official of another agency"))
        if name == "decision":
            return _("Decision %(number)s") % {"number": value}
        if name == "due_date":
            return datetime.date.fromisoformat(value)
        return value

    entries = []
    for change in changes:
        fields = [
            ShownChange(
                field=name,
                label=str(ITEM_FIELD_LABELS[name]() if name in ITEM_FIELD_LABELS else name),
                old=shown(name, values[0]),
                new=shown(name, values[1]),
            )
            for name, values in sorted(change.changes.items())
        ]
        entries.append(HistoryEntry(change=change, fields=fields))
    return entries
