"""Reads of the training app. Every selector of scoped data starts from ``visible_to(user)``."""

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.models import Agency, Official, Seniority, User
from nonprolif.core.queries import active_feed_by_token
from nonprolif.core.roles import Role
from nonprolif.program.models import Program
from nonprolif.program.queries import national_agency_ids, program_agencies
from nonprolif.training.calendar.business_calendar import ProgramCalendar
from nonprolif.training.models import (
    Audience,
    BlackoutDate,
    CalendarFeed,
    FeedScope,
    Session,
    SessionParticipant,
    Venue,
)
from nonprolif.training.models.session import SessionQuerySet


def sessions_for(user: User) -> SessionQuerySet:
    """The sessions ``user`` can see, with their program, venue and senior agency."""
    return Session.objects.visible_to(user).select_related("program", "venue", "audience_agency")


def program_sessions(user: User, program: Program) -> SessionQuerySet:
    """The sessions of ``program`` that ``user`` can see, in calendar order."""
    return sessions_for(user).filter(program=program)


def get_session_for(user: User, pk: int | str) -> Session:
    """The session ``pk`` if ``user`` can see it; Http404 otherwise."""
    session = sessions_for(user).filter(pk=pk).first()
    if session is None:
        raise Http404(_("No such session."))
    return session


def command_line_sessions(program: Program) -> SessionQuerySet:
    """Every session of ``program``, for the command line (run by the operator of the
    deployment, who holds the database itself; never for a signed-in user)."""
    return Session.objects.filter(program=program).select_related(
        "program", "venue", "audience_agency"
    )


def session_participants(user: User, session: Session) -> QuerySet[SessionParticipant]:
    """The participants of ``session`` whose officials ``user`` can see."""
    return (
        SessionParticipant.objects.filter(
            session=session, official__in=Official.objects.visible_to(user)
        )
        .select_related("official__agency", "added_by")
        .order_by("official__family_names", "official__given_names", "pk")
    )


def eligible_officials(user: User, session: Session) -> QuerySet[Official]:
    """The officials ``user`` can see who may join ``session`` and are not in it yet."""
    officials = Official.objects.visible_to(user).filter(active=True).select_related("agency")
    if session.audience == Audience.SENIOR:
        assert session.audience_agency_id is not None  # a senior session always has its agency
        officials = officials.filter(
            agency_id=session.audience_agency_id, seniority=Seniority.SENIOR
        )
    else:
        officials = officials.filter(agency_id__in=national_agency_ids(session.program))
        targets = list(session.target_agencies.values_list("pk", flat=True))
        if targets:
            officials = officials.filter(agency_id__in=targets)
    return officials.exclude(session_participations__session=session).order_by(
        "agency__code", "family_names", "given_names"
    )


def pending_sessions(user: User, program: Program) -> SessionQuerySet:
    """The visible sessions of ``program`` whose move or removal awaits confirmation."""
    return (
        program_sessions(user, program)
        .filter(pending__isnull=False)
        .annotate(participant_count=Count("participants"))
    )


def program_venues(user: User, program: Program) -> QuerySet[Venue]:
    """The venues of ``program`` (visible to whoever sees the program)."""
    return Venue.objects.visible_to(user).filter(program=program)


def blackouts_for(user: User) -> QuerySet[BlackoutDate]:
    """Blackout dates of the programs ``user`` can see (the venues' rule)."""
    return BlackoutDate.objects.filter(
        program__in=Program.objects.visible_to(user).values("pk")
    ).select_related("program", "venue")


def program_blackouts(user: User, program: Program) -> QuerySet[BlackoutDate]:
    return blackouts_for(user).filter(program=program)


def get_blackout_for(user: User, pk: int | str) -> BlackoutDate:
    blackout = blackouts_for(user).filter(pk=pk).first()
    if blackout is None:
        raise Http404(_("No such blackout date."))
    return blackout


# --------------------------------------------------------------------------- month view


@dataclass
class DayCell:
    day: datetime.date
    in_month: bool
    business: bool
    note: str
    sessions: list[Session] = field(default_factory=list)

    @property
    def is_today(self) -> bool:
        return self.day == clock.today()


@dataclass
class MonthView:
    month: datetime.date  # its first day
    weeks: list[list[DayCell]]
    sessions: list[Session]  # those running in the month, in calendar order
    previous: datetime.date
    next: datetime.date

    @property
    def weekdays(self) -> list[datetime.date]:
        return [cell.day for cell in self.weeks[0]]


def parse_month(value: str | None) -> datetime.date | None:
    """``YYYY-MM`` → its first day; None when empty. ValueError when malformed."""
    if not value:
        return None
    year, _sep, month = value.partition("-")
    if len(year) != 4 or len(month) != 2 or not (year.isdigit() and month.isdigit()):
        raise ValueError(value)
    return datetime.date(int(year), int(month), 1)


def default_month(
    user: User, program: Program, today: datetime.date | None = None
) -> datetime.date:
    """Today's month while the program's visible sessions run; otherwise the month of the
    first one (today's month when there is none)."""
    today = today or clock.today()
    span = program_sessions(user, program).order_by().aggregate(first=Min("start"), last=Max("end"))
    first: datetime.date | None = span["first"]
    if first is None or first <= today <= span["last"]:
        return today.replace(day=1)
    return first.replace(day=1)


def month_view(user: User, program: Program, month: datetime.date) -> MonthView:
    """The month grid (Monday first) of ``program`` as ``user`` sees it: each day with the
    visible sessions running on it, and whether it is a business day (with its holiday or
    blackout)."""
    weeks_of_days = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    )
    first, last = weeks_of_days[0][0], weeks_of_days[-1][-1]
    sessions = list(program_sessions(user, program).filter(start__lte=last, end__gte=first))
    by_day: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        for day in session.day_list:
            by_day.setdefault(day, []).append(session)
    calendar = ProgramCalendar(program)
    weeks = [
        [
            DayCell(
                day=day,
                in_month=day.month == month.month,
                business=calendar.is_business_day(day),
                note=calendar.note(day),
                sessions=by_day.get(day, []),
            )
            for day in week
        ]
        for week in weeks_of_days
    ]
    month_end = (month + datetime.timedelta(days=32)).replace(day=1)
    return MonthView(
        month=month,
        weeks=weeks,
        sessions=[s for s in sessions if s.start < month_end and s.end >= month],
        previous=(month - datetime.timedelta(days=1)).replace(day=1),
        next=month_end,
    )


# --------------------------------------------------------------------------- timeline


def _percent(part: float) -> str:
    """A share of the time line as an SVG length, never localised ("12.5%")."""
    return f"{100 * part:.3f}%"


# At most this many month labels on the line (at its narrowest, 20rem, each has room for
# a three-letter month): a longer program labels every second, third … month.
MONTH_LABELS = 8


@dataclass
class TimelineMonth:
    month: datetime.date
    column: int  # 1-based first day column
    span: int  # days
    x: str = ""  # where it starts and how wide it is, as shares of the whole time line
    width: str = ""
    labelled: bool = True  # its name is written (the month alone; the year on a line below)
    year_shown: bool = False  # the year is written under it: the first labelled of its year


def _label_months(months: list[TimelineMonth]) -> None:
    """Label every n-th month so that at most MONTH_LABELS are written, and the year under
    the first labelled month of each year (labels never overlap: a month name on one line,
    its year on the next)."""
    step = -(-len(months) // MONTH_LABELS)
    years: set[int] = set()
    for index, month in enumerate(months):
        month.labelled = index % step == 0
        if month.labelled and month.month.year not in years:
            month.year_shown = True
            years.add(month.month.year)


@dataclass
class TimelineRow:
    session: Session
    column: int
    span: int
    x: str = ""
    width: str = ""


@dataclass
class Timeline:
    first: datetime.date | None
    days: int
    months: list[TimelineMonth]
    rows: list[TimelineRow]


def timeline(user: User, program: Program) -> Timeline:
    """The whole program as ``user`` sees it: one row per session (item, then cohort or
    agency), placed on a grid of days from the first month to the last."""
    sessions = sorted(
        program_sessions(user, program),
        key=lambda s: (
            s.item_number,
            s.cohort or 0,
            s.audience_agency.code if s.audience_agency else "",
            s.start,
        ),
    )
    if not sessions:
        return Timeline(first=None, days=0, months=[], rows=[])
    first = min(s.start for s in sessions).replace(day=1)
    last = max(s.end for s in sessions)
    end = (last.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    months = []
    cursor = first
    while cursor < end:
        following = (cursor + datetime.timedelta(days=32)).replace(day=1)
        months.append(
            TimelineMonth(
                month=cursor, column=(cursor - first).days + 1, span=(following - cursor).days
            )
        )
        cursor = following
    _label_months(months)
    rows = [
        TimelineRow(session=s, column=(s.start - first).days + 1, span=(s.end - s.start).days + 1)
        for s in sessions
    ]
    days = (end - first).days
    placed: list[TimelineMonth | TimelineRow] = [*months, *rows]
    for part in placed:
        part.x = _percent((part.column - 1) / days)
        part.width = _percent(part.span / days)
    return Timeline(first=first, days=days, months=months, rows=rows)


# --------------------------------------------------------------------------- feeds


def feeds_for(user: User, program: Program | None = None) -> QuerySet[CalendarFeed]:
    """The feeds ``user`` created (of ``program`` when given), newest first."""
    feeds = CalendarFeed.objects.visible_to(user).select_related("program", "agency", "official")
    if program is not None:
        feeds = feeds.filter(program=program)
    return feeds


def get_feed_for(user: User, pk: int | str) -> CalendarFeed:
    feed = feeds_for(user).filter(pk=pk).first()
    if feed is None:
        raise Http404(_("No such feed."))
    return feed


def get_feed_by_token(raw: str) -> CalendarFeed:
    """The active feed whose secret is ``raw``; Http404 when unknown, revoked, or when its
    creator can no longer sign in."""
    feeds = CalendarFeed.objects.select_related("program", "agency", "official", "created_by")
    return active_feed_by_token(feeds, raw)


def feed_sessions(feed: CalendarFeed) -> SessionQuerySet:
    """The sessions of ``feed``: never more than its creator may see now."""
    sessions = program_sessions(feed.created_by, feed.program)
    if feed.scope == FeedScope.AGENCY:
        assert feed.agency is not None  # an agency feed always has its agency
        sessions = sessions.concerning(feed.agency)
    elif feed.scope == FeedScope.OFFICIAL:
        sessions = sessions.filter(
            pk__in=SessionParticipant.objects.filter(official=feed.official).values("session")
        )
    return sessions


def feed_agencies(user: User, program: Program) -> QuerySet[Agency]:
    """The agencies of ``program`` for which ``user`` may create a feed (a queryset)."""
    allowed = [
        a.pk for a in program_agencies(program) if user.has_perm("training.add_agency_feed", a)
    ]
    return Agency.objects.visible_to(user).filter(pk__in=allowed).order_by("code")


def feed_officials(user: User, program: Program) -> QuerySet[Official]:
    """The officials of ``program``'s agencies for which ``user`` may create a feed (a
    queryset, from the officials he can see)."""
    visible = Official.objects.visible_to(user).filter(
        agency__in=program_agencies(program).values("pk")
    )
    # The rule "training.add_official_feed" as a filter (one query, whatever the number of
    # officials): coordinators any, liaisons their agency's, everyone his own official.
    if not user.has_role(Role.COORDINATOR):
        own = Q(user_id=user.pk)
        if user.has_role(Role.LIAISON) and user.agency_id is not None:
            own |= Q(agency_id=user.agency_id)
        visible = visible.filter(own)
    return visible.select_related("agency").order_by("agency__code", "family_names", "given_names")
