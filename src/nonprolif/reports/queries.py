"""The reads behind the program status report.

``cable_facts`` gathers every figure a report quotes from the other apps' selectors and
``visible_to`` querysets, as ``user`` sees the program, and returns them as plain data
(``reports.facts``). Only users who see the whole program — coordinators and auditors — may
generate a report (``reports.view_program_report``); what a user may not see counts for
nothing. ``build_cable`` is the unnumbered cable written from them (reads only);
``reports.domain.issue_cable`` numbers and records one.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db.models import Count
from django.utils import translation

from nonprolif.core import clock
from nonprolif.core.models import Agency, Official, User
from nonprolif.core.rules import has_perm
from nonprolif.events.coordination.queries import overdue_action_items
from nonprolif.events.models import Conference, Registration, ScheduleRelease, Speaker
from nonprolif.events.models.coordination import CLOSED_STATUSES, program_today
from nonprolif.events.models.registrations import RegistrationStatus
from nonprolif.preparedness.matrix.queries import (
    Tally,
    matrix_programs,
    plan_items_of_program,
)
from nonprolif.preparedness.matrix.queries import progress as matrix_progress
from nonprolif.program.models import ItemStatus, Program
from nonprolif.program.queries import current_proposals_for, program_proposals
from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose import check_options, compose_cable
from nonprolif.reports.compose.cable import Cable
from nonprolif.reports.facts import (
    AgencyRegistrations,
    Author,
    CableFacts,
    ConferenceFacts,
    MatrixFacts,
    MatrixTally,
    OverdueItem,
    ProgramFacts,
    ProposalFacts,
    ProposalItemFacts,
    SessionFacts,
    TrainingFacts,
    TrainingRow,
    UpcomingSession,
)
from nonprolif.training.models import Session
from nonprolif.training.progress.queries import program_progress

UPCOMING_SESSIONS = 5
SPEAKER_COUNTS = ("proposed", "accepted", "confirmed", "declined", "awaiting_answer")


def short_name(agency: Agency) -> str:
    """AAA: an agency as a cable names it (its acronym, else its code, in capitals)."""
    return (agency.acronym or agency.code).upper()


def _top(agency: Agency) -> Agency:
    while agency.parent is not None:
        agency = agency.parent
    return agency


def _program(program: Program, language: str) -> ProgramFacts:
    partners = list(program.partner_agencies.select_related("parent__parent").order_by("code"))
    to: list[Agency] = []
    for partner in partners:
        top = _top(partner)
        if top not in to:
            to.append(top)
    members = list(program.member_agencies.order_by("code"))
    info = [a for a in members if a.pk != program.lead_agency_id]
    info += [a for a in partners if a not in to]
    return ProgramFacts(
        code=program.code,
        name=program.name_en if language == "en" else program.name_es,
        country=program.country,
        sender=short_name(program.lead_agency),
        to=[short_name(a) for a in to],
        info=[short_name(a) for a in info],
    )


def _author(user: User) -> Author:
    official = getattr(user, "official", None)  # None: the login has no official
    if official is not None:
        return Author(
            name=official.full_name,
            surname=official.family_names,
            position=official.position,
            is_official=True,
            is_coordinator=user.has_role("coordinator"),
        )
    return Author(
        name=user.get_full_name() or user.username,
        surname=user.last_name or user.username,
        position="",
        is_official=False,
        is_coordinator=user.has_role("coordinator"),
    )


def _training(user: User, program: Program) -> TrainingFacts:
    progress = program_progress(user, program)
    return TrainingFacts(
        rows=[
            TrainingRow(
                code=row.agency.code,
                agency=short_name(row.agency),
                counts=dict(row.counts),
                seats=row.seats,
            )
            for row in progress.rows
        ],
        totals=progress.totals,
        target=progress.target,
        seats_total=progress.seats_total,
    )


def _proposals(user: User, program: Program) -> list[ProposalFacts]:
    current = {p.pk for p in current_proposals_for(user, program)}
    proposals = [p for p in program_proposals(user, program) if p.pk in current]
    facts = []
    for proposal in sorted(proposals, key=lambda p: (p.submitted_by.code, p.pk)):
        items = []
        for item in sorted(proposal.visible_items, key=lambda item: item.number):
            decision = item.current_decision
            items.append(
                ProposalItemFacts(
                    number=item.number,
                    title=item.title,
                    status=str(item.status),
                    decided_on=None
                    if decision is None
                    else program_today(program.time_zone, decision.at),
                )
            )
        counts = Counter(item.status for item in items)
        facts.append(
            ProposalFacts(
                id=proposal.pk,
                title=proposal.title,
                version=proposal.version,
                status=str(proposal.status),
                agency=short_name(proposal.submitted_by),
                submitted_on=proposal.submitted_on,
                items=items,
                accepted=counts[ItemStatus.ACCEPTED] + counts[ItemStatus.AMENDED],
                amended=counts[ItemStatus.AMENDED],
                rejected=counts[ItemStatus.REJECTED],
                awaiting=counts[ItemStatus.AWAITING],
            )
        )
    return facts


def _sessions(user: User, program: Program, as_of: datetime.date) -> SessionFacts:
    sessions = Session.objects.visible_to(user).filter(program=program)
    upcoming = (
        sessions.filter(start__gte=as_of)
        .select_related("venue", "audience_agency")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("start", "item_number", "cohort", "pk")[:UPCOMING_SESSIONS]
    )
    return SessionFacts(
        held_before=sessions.filter(end__lt=as_of).count(),
        scheduled_after=sessions.filter(start__gte=as_of).count(),
        upcoming=[
            UpcomingSession(
                id=s.pk,
                start=s.start,
                end=s.end,
                item_number=s.item_number,
                title=s.title,
                audience=s.audience_label,
                venue=s.venue.name if s.venue is not None else None,
                participants=s.participant_count,
                capacity=s.capacity,
            )
            for s in upcoming
        ],
    )


def _speaker_counts(rows: list[tuple[str, str]]) -> dict[str, int]:
    """Speakers by where they stand: proposed; accepted, and of those confirmed, declined or
    awaiting an answer; declined (by the program or by the speaker)."""
    counts = dict.fromkeys(SPEAKER_COUNTS, 0)
    for status, response in rows:
        if status == "proposed":
            counts["proposed"] += 1
        elif status == "accepted":
            counts["accepted"] += 1
            if response == "accepted":
                counts["confirmed"] += 1
            elif response == "declined":
                counts["declined"] += 1
            else:
                counts["awaiting_answer"] += 1
        elif status == "declined":
            counts["declined"] += 1
    return counts


def _conferences(user: User, program: Program) -> list[ConferenceFacts]:
    conferences = list(
        Conference.objects.visible_to(user)
        .filter(program=program)
        .select_related("host_agency")
        .order_by("start_date", "pk")
    )
    ids = [c.pk for c in conferences]
    speakers: dict[int, list[tuple[str, str]]] = {pk: [] for pk in ids}
    for conference_id, status, response in (
        Speaker.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by()
        .values_list("conference", "status", "response")
    ):
        speakers[conference_id].append((status, response))
    registrations: dict[int, dict[str, AgencyRegistrations]] = {pk: {} for pk in ids}
    for row in (
        Registration.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by()
        .values("conference", "agency__code", "agency__acronym", "status")
        .annotate(n=Count("pk"))
    ):
        entry = registrations[row["conference"]].setdefault(
            row["agency__code"],
            AgencyRegistrations(
                code=row["agency__code"],
                agency=(row["agency__acronym"] or row["agency__code"]).upper(),
                counts=dict.fromkeys(RegistrationStatus.values, 0),
            ),
        )
        entry.counts[row["status"]] += row["n"]
    releases: dict[int, int] = dict(
        ScheduleRelease.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by("conference", "version")
        .values_list("conference", "version")
    )  # the last version of each conference wins
    return [
        ConferenceFacts(
            id=conference.pk,
            title=conference.title,
            city=conference.city,
            start_date=conference.start_date,
            end_date=conference.end_date,
            host=short_name(conference.host_agency),
            speakers=_speaker_counts(speakers[conference.pk]),
            registrations=[
                registrations[conference.pk][code] for code in sorted(registrations[conference.pk])
            ],
            release=releases.get(conference.pk),
        )
        for conference in conferences
    ]


def _overdue(user: User, program: Program, as_of: datetime.date) -> list[OverdueItem]:
    items = []
    for item in overdue_action_items(user, program, on=as_of):
        # The owner official when the user may see him (the selector's prefetch), else None.
        owner: Official | None = getattr(item, "visible_owner", None)
        items.append(
            OverdueItem(
                id=item.pk,
                title=item.title,
                owner_code=item.owner_agency.code,
                owner=short_name(item.owner_agency),
                owner_official=None if owner is None else owner.full_name,
                due_date=item.due_date,
                days=item.days_overdue,
                status=item.status,
            )
        )
    return items


def _matrix(user: User, program: Program, as_of: datetime.date) -> MatrixFacts | None:
    """The 1540 matrix's figures, as ``user`` reads the matrix (derived data takes its
    source's access: None when he may not see it); None too while no row has a status and
    the action plan has no item."""
    if not has_perm("preparedness.view_matrix", user):
        return None
    if not matrix_programs(user).filter(pk=program.pk).exists():
        return None
    figures = matrix_progress(user, program)
    items = plan_items_of_program(user, program).exclude(status__in=CLOSED_STATUSES)
    open_items = items.count()
    if figures.total.rows == figures.total.blank and not open_items:
        return None

    def tally(t: Tally) -> MatrixTally:
        return MatrixTally(key=t.key, rows=t.rows, x=t.x, unclear=t.unclear, na=t.na, blank=t.blank)

    return MatrixFacts(
        paragraphs=[tally(t) for t in figures.paragraphs],
        total=tally(figures.total),
        open_items=open_items,
        overdue_items=items.filter(due_date__lt=as_of).count(),
    )


def cable_facts(user: User, program: Program, *, language: str, as_of: datetime.date) -> CableFacts:
    """What the status report of ``program`` says as of ``as_of`` (a date in the program's
    time zone), as ``user`` sees it, with typed texts in ``language`` ("es" or "en").
    Reads only; a fixed number of queries whatever the size of the program."""
    with translation.override("en" if language == "en" else "es-mx"):
        author = _author(user)
        return CableFacts(
            as_of=as_of,
            program=_program(program, language),
            author=author,
            signature=getattr(settings, "REPORT_SIGNATURE", "") or author.surname,
            training=_training(user, program),
            proposals=_proposals(user, program),
            sessions=_sessions(user, program, as_of),
            conferences=_conferences(user, program),
            overdue=_overdue(user, program, as_of),
            matrix=_matrix(user, program, as_of),
        )


def build_cable(
    user: User,
    program: Program,
    *,
    language: str,
    as_of: datetime.date | None = None,
    marking: str = v.DEFAULT_MARKING,
    now: datetime.datetime | None = None,
) -> Cable:
    """The status report of ``program`` in ``language`` ("es" or "en") as of ``as_of`` (a
    date in the program's time zone, default today there), marked ``marking``
    (unclassified, sbu, confidential), as ``user`` sees it, without a reference number (a
    draft). Reads only. ValidationError naming the field on a bad language or marking."""
    check_options(language=language, marking=marking)
    now = now or clock.now()
    as_of = as_of or program_today(program.time_zone, now)
    facts = cable_facts(user, program, language=language, as_of=as_of)
    return compose_cable(facts, language=language, marking=marking, reference="", now=now)
