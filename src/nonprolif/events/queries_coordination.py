"""Reads of meeting decisions, action items and the program's engagement timeline. Every
selector starts from ``visible_to(user)`` of each model it reads."""

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, Official
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Conference,
    Meeting,
    MeetingDecision,
    ScheduleRelease,
)
from nonprolif.events.models.coordination import CLOSED_STATUSES, program_today
from nonprolif.program.models import Decision, ItemDecision, Proposal, ProposalItem
from nonprolif.training.models import Audience, Session

# Decisions ------------------------------------------------------------------------------------


def meeting_decisions(user, meeting) -> list[MeetingDecision]:
    """The decisions of ``meeting`` (which ``user`` sees), in number order."""
    return list(MeetingDecision.objects.visible_to(user).filter(meeting=meeting))


def get_decision_for(user, pk) -> MeetingDecision:
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


def _mark_overdue(items: list[ActionItem], now: datetime.datetime | None = None) -> list:
    """Set ``overdue`` (and ``days_overdue``) on each item: open and due before today in its
    program's time zone. No query (the program comes with the item)."""
    now = now or timezone.now()
    for item in items:
        today = program_today(item.meeting.program.time_zone, now)
        item.overdue = item.is_overdue_on(today)
        item.days_overdue = (today - item.due_date).days if item.overdue else 0
    return items


def action_items_for(user):
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


def meeting_action_items(user, meeting) -> list[ActionItem]:
    """The action items of ``meeting``, by due date, each marked ``overdue``."""
    return _mark_overdue(list(action_items_for(user).filter(meeting=meeting)))


def get_action_item_for(user, pk) -> ActionItem:
    """The action item ``pk`` if ``user`` can see it (marked ``overdue``); Http404
    otherwise."""
    item = action_items_for(user).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No such action item."))
    return _mark_overdue([item])[0]


def program_action_items(
    user,
    program,
    *,
    agency: Agency | None = None,
    status: str = "",
    overdue: bool | None = None,
    now: datetime.datetime | None = None,
) -> list[ActionItem]:
    """The program's action items ``user`` can see, by due date, each marked ``overdue``.

    ``agency``: only the items it owns. ``status``: an ActionStatus value, or "" for all.
    ``overdue``: True for overdue items only, False for the others, None for both.
    """
    items = action_items_for(user).filter(meeting__program=program)
    if agency is not None:
        items = items.filter(owner_agency=agency)
    if status:
        items = items.filter(status=status)
    if overdue is True:
        items = items.overdue(now)
    elif overdue is False:
        items = items.exclude(pk__in=ActionItem.objects.overdue(now).values("pk"))
    return _mark_overdue(list(items), now)


def overdue_action_items(user, program, *, on: datetime.date) -> list[ActionItem]:
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


ITEM_FIELD_LABELS = {
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


def action_item_history(user, item: ActionItem) -> list[HistoryEntry]:
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

    def shown(name, value):
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
                label=str(ITEM_FIELD_LABELS.get(name, lambda n=name: n)()),
                old=shown(name, values[0]),
                new=shown(name, values[1]),
            )
            for name, values in sorted(change.changes.items())
        ]
        entries.append(HistoryEntry(change=change, fields=fields))
    return entries


# The engagement timeline ----------------------------------------------------------------------


class EntryKind:
    MEETING = "meeting"
    PROPOSAL = "proposal"
    DECISIONS = "decisions"
    SESSION = "session"
    CONFERENCE = "conference"
    RELEASE = "release"


KIND_ORDER = [
    EntryKind.MEETING,
    EntryKind.PROPOSAL,
    EntryKind.DECISIONS,
    EntryKind.CONFERENCE,
    EntryKind.RELEASE,
    EntryKind.SESSION,
]


@dataclass
class TimelineEntry:
    """One dated event of the program. ``agency_ids`` are the agencies it concerns (None:
    every agency of the program); ``details`` short lines under the title."""

    date: datetime.date
    kind: str
    title: str
    date_display: str = ""
    end: datetime.date | None = None
    url: str = ""
    agency_ids: set[int] | None = None
    agency_codes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return {
            EntryKind.MEETING: _("Meeting"),
            EntryKind.PROPOSAL: _("Proposal version"),
            EntryKind.DECISIONS: _("Review decisions"),
            EntryKind.SESSION: _("Training session"),
            EntryKind.CONFERENCE: _("Conference"),
            EntryKind.RELEASE: _("Agenda published"),
        }[self.kind]

    def concerns(self, agency_id: int) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids


def _meeting_entries(user, program) -> list[TimelineEntry]:
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(program=program)
        .prefetch_related(Prefetch("agencies", queryset=Agency.objects.only("pk", "code")))
    )
    entries = []
    for meeting in meetings:
        agencies = sorted(meeting.agencies.all(), key=lambda a: a.code)
        entries.append(
            TimelineEntry(
                date=meeting.date,
                date_display=meeting.date_display,
                kind=EntryKind.MEETING,
                title=meeting.title,
                url=reverse("meeting_detail", args=[meeting.pk]),
                agency_ids={a.pk for a in agencies},
                agency_codes=[a.code for a in agencies],
                details=[meeting.place],
            )
        )
    return entries


def _item_targets(items) -> set[int] | None:
    """The agencies a set of items concerns (None: an item for every agency)."""
    targets: set[int] = set()
    for item in items:
        ids = {agency.pk for agency in item.target_agencies.all()}
        if not ids:
            return None
        targets |= ids
    return targets


def _proposal_entries(user, program) -> list[TimelineEntry]:
    visible_items = ProposalItem.objects.filter(
        pk__in=ProposalItem.objects.visible_to(user).filter(proposal__program=program).values("pk")
    ).prefetch_related(Prefetch("target_agencies", queryset=Agency.objects.only("pk")))
    proposals = (
        Proposal.objects.visible_to(user)
        .filter(program=program)
        .select_related("submitted_by")
        .prefetch_related(Prefetch("items", queryset=visible_items, to_attr="visible_items"))
    )
    entries = []
    for proposal in proposals:
        targets = _item_targets(proposal.visible_items)
        if targets is not None:
            targets.add(proposal.submitted_by_id)
        entries.append(
            TimelineEntry(
                date=proposal.submitted_on,
                kind=EntryKind.PROPOSAL,
                title=_("%(title)s, version %(version)s")
                % {"title": proposal.title, "version": proposal.version},
                url=reverse("proposal_detail", args=[proposal.pk]),
                agency_ids=targets,
                agency_codes=[proposal.submitted_by.code],
                details=[
                    _("Submitted by %(agency)s; %(count)s items.")
                    % {"agency": proposal.submitted_by.name, "count": len(proposal.visible_items)}
                ],
            )
        )
    return entries


def _decision_entries(user, program) -> list[TimelineEntry]:
    """The review decisions, one entry per proposal and day (in the program's time zone)."""
    zone = zoneinfo.ZoneInfo(program.time_zone)
    decisions = (
        ItemDecision.objects.visible_to(user)
        .filter(item__proposal__program=program)
        .select_related("item__proposal")
        .prefetch_related(
            Prefetch("target_agencies", queryset=Agency.objects.only("pk")),
            Prefetch("item__target_agencies", queryset=Agency.objects.only("pk")),
        )
        .order_by("at", "pk")
    )
    groups: dict[tuple, list[ItemDecision]] = defaultdict(list)
    for decision in decisions:
        day = timezone.localtime(decision.at, zone).date()
        groups[(day, decision.item.proposal_id)].append(decision)
    labels = dict(Decision.choices)
    entries = []
    for (day, _proposal_id), group in groups.items():
        proposal = group[0].item.proposal
        targets: set[int] | None = {proposal.submitted_by_id}
        for decision in group:
            if decision.decision == Decision.REJECTED:
                continue
            if decision.decision == Decision.AMENDED and decision.amends_target_agencies:
                ids = {agency.pk for agency in decision.target_agencies.all()}
            else:
                ids = {agency.pk for agency in decision.item.target_agencies.all()}
            if not ids or targets is None:
                targets = None
            else:
                targets |= ids
        counts: dict[str, int] = defaultdict(int)
        for decision in group:
            counts[decision.decision] += 1
        summary = ", ".join(
            f"{labels[value]}: {counts[value]}" for value in Decision.values if counts[value]
        )
        entries.append(
            TimelineEntry(
                date=day,
                kind=EntryKind.DECISIONS,
                title=_("Decisions on %(title)s (version %(version)s)")
                % {"title": proposal.title, "version": proposal.version},
                url=reverse("proposal_detail", args=[proposal.pk]),
                agency_ids=targets,
                details=[summary]
                + [
                    f"{decision.item.number}. {decision.item.title}: {labels[decision.decision]}"
                    for decision in group
                ],
            )
        )
    return entries


def _session_entries(user, program) -> list[TimelineEntry]:
    sessions = (
        Session.objects.visible_to(user)
        .filter(program=program)
        .select_related("audience_agency", "venue")
        .prefetch_related(Prefetch("target_agencies", queryset=Agency.objects.only("pk", "code")))
    )
    entries = []
    for session in sessions:
        if session.audience == Audience.SENIOR:
            targets: set[int] | None = {session.audience_agency_id}
        else:
            targets = {agency.pk for agency in session.target_agencies.all()} or None
        entries.append(
            TimelineEntry(
                date=session.start,
                end=session.end,
                kind=EntryKind.SESSION,
                title=f"{session.item_number}. {session.title} · {session.audience_label}",
                url=reverse("session_detail", args=[session.pk]),
                agency_ids=targets,
                details=[session.venue.name] if session.venue_id else [],
            )
        )
    return entries


def _conference_entries(user, program) -> list[TimelineEntry]:
    conferences = list(
        Conference.objects.visible_to(user).filter(program=program).select_related("program")
    )
    entries = [
        TimelineEntry(
            date=conference.start_date,
            end=conference.end_date,
            kind=EntryKind.CONFERENCE,
            title=conference.title,
            details=[conference.city],
        )
        for conference in conferences
    ]
    releases = (
        ScheduleRelease.objects.visible_to(user)
        .filter(conference__program=program)
        .select_related("conference")
    )
    zone = zoneinfo.ZoneInfo(program.time_zone)
    for release in releases:
        entries.append(
            TimelineEntry(
                date=timezone.localtime(release.published_at, zone).date(),
                kind=EntryKind.RELEASE,
                title=_("%(title)s: agenda version %(version)s")
                % {"title": release.conference.title, "version": release.version},
                details=[release.note] if release.note else [],
            )
        )
    return entries


def engagement_timeline(user, program, *, agency: Agency | None = None) -> list[TimelineEntry]:
    """Everything dated in the program that ``user`` can see, in date order: meetings,
    proposal versions (by submission date), review decisions (one entry per proposal and
    day), the conferences and their published agendas, and training sessions. ``agency``:
    only the entries that concern it. A fixed number of queries."""
    entries = (
        _meeting_entries(user, program)
        + _proposal_entries(user, program)
        + _decision_entries(user, program)
        + _conference_entries(user, program)
        + _session_entries(user, program)
    )
    if agency is not None:
        entries = [entry for entry in entries if entry.concerns(agency.pk)]
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    entries.sort(key=lambda entry: (entry.date, order[entry.kind], entry.title))
    return entries


def timeline_agencies(program):
    """The agencies a timeline can be narrowed to: the program's (a public directory)."""
    return Agency.objects.filter(
        Q(pk=program.lead_agency_id) | Q(member_programs=program) | Q(partner_programs=program)
    ).distinct()
