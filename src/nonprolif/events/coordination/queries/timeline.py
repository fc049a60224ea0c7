"""The program's engagement timeline: everything dated in the program that a user can see
(meetings, proposal versions, review decisions, conferences and their published agendas,
training sessions), in date order. Every read starts from ``visible_to(user)`` of each model
it reads."""

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, User
from nonprolif.events.models import Conference, Meeting, ScheduleRelease
from nonprolif.program.models import Decision, ItemDecision, Program, Proposal, ProposalItem
from nonprolif.training.models import Audience, Session


class EntryKind:
    """The kinds of entries (the timeline's ``kind`` filter takes these values)."""

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


def kind_labels() -> dict[str, str]:
    """Each entry kind's label in the active language, in the timeline's order."""
    labels = {
        EntryKind.MEETING: _("Meeting"),
        EntryKind.PROPOSAL: _("Proposal version"),
        EntryKind.DECISIONS: _("Review decisions"),
        EntryKind.SESSION: _("Training session"),
        EntryKind.CONFERENCE: _("Conference"),
        EntryKind.RELEASE: _("Agenda published"),
    }
    return {kind: labels[kind] for kind in KIND_ORDER}


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
        return kind_labels()[self.kind]

    def concerns(self, agency_id: int) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids


def _meeting_entries(user: User, program: Program) -> list[TimelineEntry]:
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


def _item_targets(items: Iterable[ProposalItem]) -> set[int] | None:
    """The agencies a set of items concerns (None: an item for every agency)."""
    targets: set[int] = set()
    for item in items:
        ids = {agency.pk for agency in item.target_agencies.all()}
        if not ids:
            return None
        targets |= ids
    return targets


def _proposal_entries(user: User, program: Program) -> list[TimelineEntry]:
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


def _decision_entries(user: User, program: Program) -> list[TimelineEntry]:
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
    groups: dict[tuple[datetime.date, int], list[ItemDecision]] = defaultdict(list)
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


def _session_entries(
    user: User,
    program: Program,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[TimelineEntry]:
    """The sessions (those overlapping [since, until] when given: the largest source is
    narrowed by the database)."""
    sessions = Session.objects.visible_to(user).filter(program=program)
    if since is not None:
        sessions = sessions.filter(end__gte=since)
    if until is not None:
        sessions = sessions.filter(start__lte=until)
    sessions = sessions.select_related("audience_agency", "venue").prefetch_related(
        Prefetch("target_agencies", queryset=Agency.objects.only("pk", "code"))
    )
    entries = []
    for session in sessions:
        targets: set[int] | None
        if session.audience == Audience.SENIOR and session.audience_agency_id is not None:
            targets = {session.audience_agency_id}
        else:
            targets = {agency.pk for agency in session.target_agencies.all()} or None
        entries.append(
            TimelineEntry(
                date=session.start,
                end=session.end,
                kind=EntryKind.SESSION,
                title=session.label,
                url=reverse("session_detail", args=[session.pk]),
                agency_ids=targets,
                details=[session.venue.name] if session.venue is not None else [],
            )
        )
    return entries


def _conference_entries(user: User, program: Program) -> list[TimelineEntry]:
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


def engagement_timeline(
    user: User,
    program: Program,
    *,
    agency: Agency | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    kind: str = "",
) -> list[TimelineEntry]:
    """Everything dated in the program that ``user`` can see, in date order: meetings,
    proposal versions (by submission date), review decisions (one entry per proposal and
    day), the conferences and their published agendas, and training sessions. ``agency``:
    only the entries that concern it; ``since``/``until``: only those that overlap the
    dates (inclusive); ``kind``: only entries of that kind (an EntryKind value). A fixed
    number of queries."""
    # Each source and the kinds it makes (conferences make their agendas' entries too).
    sources: list[tuple[set[str], Callable[[], list[TimelineEntry]]]] = [
        ({EntryKind.MEETING}, lambda: _meeting_entries(user, program)),
        ({EntryKind.PROPOSAL}, lambda: _proposal_entries(user, program)),
        ({EntryKind.DECISIONS}, lambda: _decision_entries(user, program)),
        ({EntryKind.CONFERENCE, EntryKind.RELEASE}, lambda: _conference_entries(user, program)),
        ({EntryKind.SESSION}, lambda: _session_entries(user, program, since, until)),
    ]
    entries: list[TimelineEntry] = []
    for kinds, source in sources:
        if not kind or kind in kinds:
            entries += source()
    if kind:
        entries = [entry for entry in entries if entry.kind == kind]
    if agency is not None:
        entries = [entry for entry in entries if entry.concerns(agency.pk)]
    if since is not None:
        entries = [entry for entry in entries if (entry.end or entry.date) >= since]
    if until is not None:
        entries = [entry for entry in entries if entry.date <= until]
    order = {name: index for index, name in enumerate(KIND_ORDER)}
    entries.sort(key=lambda entry: (entry.date, order[entry.kind], entry.title))
    return entries


def timeline_agencies(program: Program) -> QuerySet[Agency]:
    """The agencies a timeline can be narrowed to: the program's (a public directory)."""
    return Agency.objects.filter(
        Q(pk=program.lead_agency_id) | Q(member_programs=program) | Q(partner_programs=program)
    ).distinct()
