"""The home page: what needs the signed-in user now, counted from the features' own scoped
selectors, so that every count takes the access of its sources.

Each count is one grouped query whatever the data size (a program or conference a row), so
the page costs a fixed number of queries. Which sections a user gets follows his roles: the
coordinator and the auditor see the office's work, a liaison his agency's, the partner his
proposals, speakers and rosters, the administrator account management. "Overdue" and
"next" follow ``core.clock``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from nonprolif.core import clock
from nonprolif.core.models import User
from nonprolif.core.models.grant import GrantState
from nonprolif.core.queries import accounts_for, current_lockouts, grants_for
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm
from nonprolif.events.models import (
    ActionItem,
    Registration,
    RegistrationStatus,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
)
from nonprolif.intel.releases.queries import releases_awaiting_count
from nonprolif.intel.reports.queries import agency_drafts_count
from nonprolif.intel.requests.queries import requests_awaiting_count
from nonprolif.outreach.tips.queries import tips_awaiting_report_count
from nonprolif.preparedness.exercises.queries import my_exercises
from nonprolif.preparedness.models import Exercise
from nonprolif.program.models import ItemDecision, ProposalItem
from nonprolif.screening.review.queries import open_alert_count
from nonprolif.training.models import Certificate, Nomination, Session, SessionParticipant
from nonprolif.training.models.attendance import roster_visible_to
from nonprolif.training.models.nomination import NominationStatus

# How many of the user's exercises are listed.
EXERCISES_SHOWN = 3
# How many of the next sessions and of the sessions awaiting certificates are listed.
LISTED = 5


@dataclass(frozen=True)
class Tally:
    """One count of one program or conference: ``key`` is its program code or conference
    id (what the link needs), ``name`` what the page shows."""

    key: Any
    name: str
    count: int


@dataclass
class AccountSummary:
    """The administrator's account management: active logins, role grants awaiting the
    second administrator, and usernames or addresses locked out now."""

    accounts: int
    pending_grants: int
    lockouts: int


@dataclass
class Home:
    """What the home page shows; an empty list is a section with nothing to do."""

    today: dt.date
    pending_nominations: list[Tally] = field(default_factory=list)
    pending_registrations: list[Tally] = field(default_factory=list)
    items_awaiting_review: list[Tally] = field(default_factory=list)
    speakers_to_decide: list[Tally] = field(default_factory=list)
    unanswered_invitations: list[Tally] = field(default_factory=list)
    overdue_action_items: list[Tally] = field(default_factory=list)
    next_sessions: list[Session] = field(default_factory=list)
    sessions_to_certify: list[Session] = field(default_factory=list)
    sessions_to_certify_total: int = 0
    accounts: AccountSummary | None = None
    #: Drafts of the user's agency he may read; None without an agency and a clearance (no
    #: intelligence section).
    intel_drafts: int | None = None
    #: Releases to a partner that wait for the user's approval, and requests for information
    #: asked of his agency that it has not answered (with ``intel_drafts``).
    intel_releases: int = 0
    intel_requests: int = 0
    #: Whether the user reads the screening section; the open alerts of his agency that wait
    #: for its review (None for those who decide none: coordinators, auditors).
    screening: bool = False
    screening_open_alerts: int | None = None
    #: The exercises the user holds a role in (at most EXERCISES_SHOWN, the coming ones first).
    exercises: list[Exercise] = field(default_factory=list)
    #: Whether the user reads the outreach section; the tips of his agency that wait for an
    #: intelligence report (None for those who write none: all but the agency's analysts).
    outreach: bool = False
    outreach_tips_awaiting: int | None = None
    sections: frozenset[str] = frozenset()

    @property
    def has_work(self) -> bool:
        """Whether ``user``'s roles give him program work (not only account management)."""
        return bool(self.sections - {"accounts"})

    @property
    def nothing_to_do(self) -> bool:
        return not any(
            (
                self.pending_nominations,
                self.pending_registrations,
                self.items_awaiting_review,
                self.speakers_to_decide,
                self.unanswered_invitations,
                self.overdue_action_items,
                self.sessions_to_certify,
            )
        )


# The sections of each role (a user with several roles gets all of theirs).
SECTIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {"nominations", "registrations", "review", "speakers", "actions", "sessions", "certify"}
    ),
    Role.AUDITOR: frozenset(
        {"nominations", "registrations", "review", "speakers", "actions", "sessions", "certify"}
    ),
    Role.LIAISON: frozenset({"nominations", "registrations", "actions", "sessions"}),
    Role.PARTNER: frozenset({"review", "speakers", "actions", "sessions"}),
    Role.ADMINISTRATOR: frozenset({"accounts"}),
}


def home_sections(user: User) -> frozenset[str]:
    """The sections of the home page ``user``'s roles give him."""
    sections: frozenset[str] = frozenset()
    for role, names in SECTIONS.items():
        if user.has_role(role):
            sections |= names
    return sections


def _own_agency_only(user: User) -> bool:
    """A liaison or a partner sees what concerns his own agency (not the whole office)."""
    return not (user.has_role(Role.COORDINATOR) or user.has_role(Role.AUDITOR))


_Rows = TypeVar("_Rows", bound=QuerySet[Any, Any])


def _own_agency(rows: _Rows, user: User, column: str) -> _Rows:
    """``rows`` limited to ``user``'s agency when he acts for one (a liaison, a partner)."""
    if not _own_agency_only(user):
        return rows
    if user.agency_id is None:
        return rows.none()
    return rows.filter(**{column: user.agency_id})


def _grouped(rows: QuerySet[Any, Any], key: str, name: str) -> list[Tally]:
    """One query: the rows counted per ``key``, named by ``name``, in ``name`` order."""
    counted = rows.order_by().values(key, name).annotate(n=Count("pk")).order_by(name, key)
    return [Tally(key=row[key], name=row[name], count=row["n"]) for row in counted]


def _localized(field_name: str) -> str:
    """The column of ``field_name`` in the active language (``title_en`` or ``title_es``)."""
    return f"{field_name}_en" if (get_language() or "").startswith("en") else f"{field_name}_es"


def pending_nominations(user: User) -> list[Tally]:
    """Nominations awaiting approval that ``user`` can see, per program."""
    rows = Nomination.objects.visible_to(user).filter(status=NominationStatus.SUBMITTED)
    rows = _own_agency(rows, user, "agency_id")
    return _grouped(rows, "program__code", f"program__{_localized('name')}")


def pending_registrations(user: User) -> list[Tally]:
    """Conference registrations awaiting approval that ``user`` can see, per conference."""
    rows = Registration.objects.visible_to(user).filter(status=RegistrationStatus.SUBMITTED)
    rows = _own_agency(rows, user, "agency_id")
    return _grouped(rows, "conference_id", f"conference__{_localized('title')}")


def items_awaiting_review(user: User) -> list[Tally]:
    """Items of the latest proposal versions, review open, with no decision yet, per
    proposal; a partner's only of his agency's proposals."""
    rows = (
        ProposalItem.objects.visible_to(user)
        .latest_versions()
        .filter(proposal__review_closed_at__isnull=True)
        .filter(~Exists(ItemDecision.objects.filter(item=OuterRef("pk"))))
    )
    rows = _own_agency(rows, user, "proposal__submitted_by_id")
    return _grouped(rows, "proposal_id", f"proposal__{_localized('title')}")


def speakers_waiting(user: User) -> tuple[list[Tally], list[Tally]]:
    """(speakers proposed and awaiting the coordinator's decision, speakers accepted whose
    invitation is unanswered), per conference; a partner's only of his agency's proposals."""
    rows = Speaker.objects.visible_to(user).filter(
        status__in=[SpeakerStatus.PROPOSED, SpeakerStatus.ACCEPTED]
    )
    rows = _own_agency(rows, user, "proposed_by_agency_id")
    title = f"conference__{_localized('title')}"
    counted = (
        rows.exclude(status=SpeakerStatus.ACCEPTED, response__in=_answered())
        .order_by()
        .values("status", "conference_id", title)
        .annotate(n=Count("pk"))
        .order_by(title, "conference_id")
    )
    to_decide: list[Tally] = []
    unanswered: list[Tally] = []
    for row in counted:
        entry = Tally(key=row["conference_id"], name=row[title], count=row["n"])
        (to_decide if row["status"] == SpeakerStatus.PROPOSED else unanswered).append(entry)
    return to_decide, unanswered


def _answered() -> list[str]:
    return [choice for choice in SpeakerResponse.values if choice != SpeakerResponse.PENDING]


def overdue_action_items(user: User) -> list[Tally]:
    """Open action items past their due date (by the clock), per program; a liaison's or
    partner's only those his agency owns."""
    rows = ActionItem.objects.visible_to(user).overdue(clock.now())
    rows = _own_agency(rows, user, "owner_agency_id")
    return _grouped(rows, "meeting__program__code", f"meeting__program__{_localized('name')}")


def _roster_count() -> Coalesce:
    return Coalesce(
        Subquery(
            SessionParticipant.objects.filter(session=OuterRef("pk"))
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def next_sessions(user: User, today: dt.date) -> list[Session]:
    """The next sessions ``user`` can see (starting today or later), soonest first, each
    with ``roster_count``: the participants on its roster whom ``user`` may see."""
    visible_roster = (
        roster_visible_to(user)
        .filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Session.objects.visible_to(user)
        .filter(start__gte=today)
        .select_related("program", "venue")
        .annotate(roster_count=Coalesce(Subquery(visible_roster, output_field=IntegerField()), 0))
        .order_by("start", "pk")[:LISTED]
    )


def sessions_to_certify(user: User, today: dt.date) -> tuple[list[Session], int]:
    """Sessions that have ended, with a roster, and no certificate issued yet: the first
    few (oldest first) and how many in all."""
    rows = (
        Session.objects.visible_to(user)
        .filter(end__lt=today)
        .filter(Exists(SessionParticipant.objects.filter(session=OuterRef("pk"))))
        .filter(~Exists(Certificate.objects.visible_to(user).filter(session=OuterRef("pk"))))
    )
    listed: list[Session] = list(
        rows.select_related("program")
        .annotate(roster_count=_roster_count())
        .order_by("end", "pk")[:LISTED]
    )
    total = len(listed) if len(listed) < LISTED else rows.count()
    return listed, total


def account_summary(user: User) -> AccountSummary:
    """Account management at a glance (administrators; the selectors give others nothing)."""
    return AccountSummary(
        accounts=accounts_for(user).filter(is_active=True).count(),
        pending_grants=grants_for(user, state=GrantState.PENDING).count(),
        lockouts=len(current_lockouts(user)),
    )


def home_for(user: User) -> Home:
    """What needs ``user`` now, limited to what he can see (see the module's docstring)."""
    today = clock.today()
    sections = home_sections(user)
    home = Home(today=today, sections=sections)
    if "nominations" in sections:
        home.pending_nominations = pending_nominations(user)
    if "registrations" in sections:
        home.pending_registrations = pending_registrations(user)
    if "review" in sections:
        home.items_awaiting_review = items_awaiting_review(user)
    if "speakers" in sections:
        home.speakers_to_decide, home.unanswered_invitations = speakers_waiting(user)
    if "actions" in sections:
        home.overdue_action_items = overdue_action_items(user)
    if "sessions" in sections:
        home.next_sessions = next_sessions(user, today)
    if "certify" in sections:
        home.sessions_to_certify, home.sessions_to_certify_total = sessions_to_certify(user, today)
    if "accounts" in sections:
        home.accounts = account_summary(user)
    home.intel_drafts = agency_drafts_count(user)
    if home.intel_drafts is not None:
        home.intel_releases = releases_awaiting_count(user)
        home.intel_requests = requests_awaiting_count(user)
    home.screening = has_perm("screening.view_lists", user)
    if home.screening:
        home.screening_open_alerts = open_alert_count(user)
    home.exercises = list(my_exercises(user)[:EXERCISES_SHOWN])
    home.outreach = has_perm("outreach.view_outreach", user)
    if home.outreach:
        home.outreach_tips_awaiting = tips_awaiting_report_count(user)
    return home
