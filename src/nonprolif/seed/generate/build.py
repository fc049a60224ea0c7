"""Write a generated data set with bulk inserts (see the package's docstring)."""

from __future__ import annotations

import datetime
import random
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, AgencyKind, Official, User
from nonprolif.core.roles import Role
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Conference,
    Meeting,
    MeetingDecision,
    Registration,
    RegistrationQuota,
    RegistrationStatus,
    Room,
    Talk,
    TalkKind,
)
from nonprolif.program.models import ItemDecision, Program, Proposal, ProposalItem
from nonprolif.training.certificates import codes
from nonprolif.training.models import (
    AgencySeats,
    Attendance,
    Certificate,
    ItemSettings,
    Nomination,
    Session,
    SessionParticipant,
)
from nonprolif.training.models.nomination import NominationStatus, SeatRule

from . import shapes
from .accounts import Login, create_logins, write_logins_file
from .bulk import insert_rows
from .guard import check_database

BATCH = 5000
ZONE = zoneinfo.ZoneInfo("America/Mexico_City")


@dataclass(frozen=True)
class GenerationSpec:
    officials: int = 50_300
    nominations: int = 200_000
    programs: int = 20
    seed: int = 1
    password: str = ""
    logins_per_role: int = 1
    logins_file: Path | None = None
    force: bool = False
    today: datetime.date | None = None


@dataclass
class GenerationResult:
    counts: Counter = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


@dataclass(frozen=True, slots=True)
class _Official:
    """What the later steps need of an inserted official."""

    pk: int
    agency_id: int
    seniority: str
    language: str
    full_name: str


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class _Writer:
    def __init__(self, spec: GenerationSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        self.today = spec.today or timezone.localdate()
        self.counts: Counter = Counter()
        self.steps: dict[str, float] = {}

    def insert(self, rows: list, model: type[Model] | None = None) -> list:
        if not rows:
            return rows
        model = model or type(rows[0])
        created = model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.counts[model._meta.label_lower] += len(rows)
        return created

    # ---------------------------------------------------------------- directory

    def agencies(self) -> None:
        national = [
            Agency(
                code=shapes.agency_code(short),
                name_es=name_es,
                name_en=name_en,
                acronym=short,
                country="MX",
                kind=AgencyKind.NATIONAL,
            )
            for short, name_es, name_en in shapes.NATIONAL_AGENCIES
        ]
        short, name_es, name_en = shapes.PARTNER_AGENCY
        partner = Agency(
            code=shapes.agency_code(short),
            name_es=name_es,
            name_en=name_en,
            acronym=short,
            country="US",
            kind=AgencyKind.PARTNER,
        )
        self.national = self.insert(national)
        self.partner = self.insert([partner])[0]

    def logins(self) -> None:
        self.login_list, by_role = create_logins(
            self.spec.seed,
            self.national,
            self.partner,
            self.spec.logins_per_role,
            self.spec.password,
        )
        self.counts[User._meta.label_lower] += len(self.login_list)
        self.counts["otp_totp.totpdevice"] += sum(1 for login in self.login_list if login.key_hex)
        self.coordinator = by_role[Role.COORDINATOR][0]
        self.liaison_of: dict[int | None, User] = {}
        for user in by_role[Role.LIAISON]:
            self.liaison_of.setdefault(user.agency_id, user)

    def officials(self) -> None:
        sizes = shapes.zipf_sizes(self.spec.officials, len(self.national))
        people = shapes.people(self.rng, sizes)
        rows = [
            {
                "agency_id": self.national[p.agency].pk,
                "given_names": p.given_names,
                "family_names": p.family_names,
                "position": p.position,
                "seniority": p.seniority,
                "email": p.email,
                "language": p.language,
            }
            for p in people
        ]
        ids = insert_rows(Official, rows, ids=True)
        self.counts[Official._meta.label_lower] += len(rows)
        self.all_officials = [
            _Official(pk, row["agency_id"], row["seniority"], row["language"], p.full_name)
            for pk, row, p in zip(ids, rows, people, strict=True)
        ]
        self.by_agency: dict[int, list[_Official]] = {a.pk: [] for a in self.national}
        for official in self.all_officials:
            self.by_agency[official.agency_id].append(official)

    # ---------------------------------------------------------------- programs

    def programs(self) -> None:
        spec, rng, today = self.spec, self.rng, self.today
        programs = [
            Program(
                code=f"{shapes.PROGRAM_PREFIX}{n + 1:03d}",
                name_es=f"Programa generado {n + 1}",
                name_en=f"Generated program {n + 1}",
                country="MX",
                lead_agency=self.national[n % len(self.national)],
                time_zone="America/Mexico_City",
                target_trainees=2000,
                start_date=shapes.add_months(today, -42),
            )
            for n in range(spec.programs)
        ]
        self.program_list = self.insert(programs)
        Program.member_agencies.through.objects.bulk_create(
            [
                Program.member_agencies.through(program_id=p.pk, agency_id=a.pk)
                for p in self.program_list
                for a in self.national
            ]
        )
        Program.partner_agencies.through.objects.bulk_create(
            [
                Program.partner_agencies.through(program_id=p.pk, agency_id=self.partner.pk)
                for p in self.program_list
            ]
        )
        proposals = self.insert(
            [
                Proposal(
                    program=p,
                    submitted_by=self.partner,
                    version=1,
                    title_es=f"Propuesta de capacitación {n + 1}",
                    title_en=f"Training proposal {n + 1}",
                    submitted_on=p.start_date,
                )
                for n, p in enumerate(self.program_list)
            ]
        )
        self.items: list[tuple[Program, ProposalItem, shapes.ItemShape]] = []
        item_rows = []
        plan = []
        for n, (program, proposal) in enumerate(zip(self.program_list, proposals, strict=True)):
            for shape in shapes.program_items(rng, n, today):
                item_rows.append(
                    ProposalItem(
                        proposal=proposal,
                        key=_uuid(rng),
                        number=shape.number,
                        kind=shape.kind,
                        title_es=shape.title_es,
                        title_en=shape.title_en,
                        target_trainees=shape.cohort_size * shape.cohort_count,
                        cohort_size=shape.cohort_size,
                        cohort_count=shape.cohort_count,
                        start_date=shape.start_date,
                        cadence_months=shape.cadence_months,
                        session_days=shape.session_days,
                    )
                )
                plan.append((program, shape))
        created = self.insert(item_rows)
        self.items = [(p, item, shape) for (p, shape), item in zip(plan, created, strict=True)]
        ProposalItem.target_agencies.through.objects.bulk_create(
            [
                ProposalItem.target_agencies.through(
                    proposalitem_id=item.pk, agency_id=self.national[index].pk
                )
                for _p, item, shape in self.items
                for index in shape.targets
            ]
        )
        self.insert(
            [
                ItemDecision(
                    item=item,
                    decision="accepted",
                    rationale="Aceptado (datos generados).",
                    actor=self.coordinator,
                    at=_at(shape.start_date - datetime.timedelta(days=30)),
                )
                for _program, item, shape in self.items
            ]
        )

    def targets_of(self, shape: shapes.ItemShape) -> list[Agency]:
        return [self.national[i] for i in shape.targets] or list(self.national)

    def sessions(self) -> None:
        rng = self.rng
        rows = []
        self.item_sessions: dict[int, list[Session]] = {}
        owners = []
        for program, item, shape in self.items:
            if shape.kind == "training":
                for cohort in range(1, shape.cohort_count + 1):
                    start = shapes.add_months(
                        shape.start_date, (cohort - 1) * (shape.cadence_months or 1)
                    )
                    rows.append(self._session(program, item, shape, start, cohort=cohort))
                    owners.append(item.pk)
            else:
                for agency in self.targets_of(shape):
                    rows.append(
                        self._session(program, item, shape, shape.start_date, agency=agency)
                    )
                    owners.append(item.pk)
        for session in rows:
            session.uid = f"{_uuid(rng)}@nonprolif"
        created = self.insert(rows)
        for owner, session in zip(owners, created, strict=True):
            self.item_sessions.setdefault(owner, []).append(session)
        Session.target_agencies.through.objects.bulk_create(
            [
                Session.target_agencies.through(session_id=session.pk, agency_id=agency.pk)
                for _program, item, shape in self.items
                if shape.kind == "training" and shape.targets
                for session in self.item_sessions[item.pk]
                for agency in self.targets_of(shape)
            ]
        )
        settings_rows, seat_rows = [], []
        for program, item, shape in self.items:
            settings_rows.append(
                ItemSettings(
                    program=program,
                    item_key=item.key,
                    seat_rule=SeatRule.EVEN,
                    updated_by=self.coordinator,
                )
            )
            agencies = self.targets_of(shape)
            if shape.kind == "senior":
                seats = dict.fromkeys((a.pk for a in agencies), shape.cohort_size)
            else:
                total = shape.cohort_size * shape.cohort_count
                seats = {a.pk: total // len(agencies) for a in agencies}
                seats[agencies[0].pk] += total - sum(seats.values())
            seat_rows += [
                AgencySeats(
                    program=program,
                    item_key=item.key,
                    agency=agency,
                    seats=seats[agency.pk],
                    updated_by=self.coordinator,
                )
                for agency in agencies
            ]
        self.insert(settings_rows)
        self.insert(seat_rows)

    def _session(self, program, item, shape, start, *, cohort=None, agency=None) -> Session:
        days = shapes.business_days(start, shape.session_days)
        return Session(
            program=program,
            item=item,
            item_key=item.key,
            item_number=item.number,
            title_es=item.title_es,
            title_en=item.title_en,
            audience="senior" if agency else "everyone",
            cohort=cohort,
            audience_agency=agency,
            start=days[0],
            end=days[-1],
            days=[day.isoformat() for day in days],
            planned=days[0],
            capacity=shape.cohort_size,
            planned_capacity=shape.cohort_size,
            language="es-mx",
        )

    # ---------------------------------------------------------------- nominations

    def nominations(self) -> None:
        """Exactly ``spec.nominations`` nominations: the seniors of each agency for its
        senior session (at most 12 per agency, at most a tenth of all), the rest spread
        evenly over the training items among their agencies' working-level officials. The
        first nominees of an item (up to 60% of them) are approved and placed in its cohorts
        in order, filling each; the others are approved and waiting (70%), awaiting approval
        (18%), declined (6%) or withdrawn (6%)."""
        rng, total = self.rng, self.spec.nominations
        training = [entry for entry in self.items if entry[2].kind == "training"]
        senior = [entry for entry in self.items if entry[2].kind == "senior"]
        rows: list[dict] = []
        self.placements: list[tuple[_Official, Session]] = []
        senior_budget = total // 10
        for program, item, shape in senior:
            for session in self.item_sessions[item.pk]:
                pool = [
                    o
                    for o in self.by_agency[session.audience_agency_id or 0]
                    if o.seniority == "senior"
                ]
                chosen = rng.sample(pool, min(len(pool), shape.cohort_size, senior_budget))
                senior_budget -= len(chosen)
                moment = _at(session.start - datetime.timedelta(days=60))
                for official in chosen:
                    moment += datetime.timedelta(minutes=rng.randint(5, 90))
                    nomination = self._nomination(program, item, official, "approved", moment)
                    nomination["session_id"] = session.pk
                    rows.append(nomination)
                    self.placements.append((official, session))
        remaining = total - len(rows)
        pools = {}
        for _program, item, shape in training:
            pools[item.pk] = [
                o
                for agency in self.targets_of(shape)
                for o in self.by_agency[agency.pk]
                if o.seniority == "working"
            ]
        shares = [0] * len(training)
        left = remaining
        # Even shares, each capped by its pool; what a small pool cannot take goes to others.
        while left > 0:
            open_items = [
                k for k, (_p, item, _s) in enumerate(training) if shares[k] < len(pools[item.pk])
            ]
            if not open_items:
                raise ValueError(
                    f"nominations: at most {remaining - left + len(rows)} fit "
                    f"{self.spec.officials} officials in {self.spec.programs} programs"
                )
            each = max(1, left // len(open_items))
            for k in open_items:
                if left == 0:
                    break
                room = len(pools[training[k][1].pk]) - shares[k]
                take = min(each, room, left)
                shares[k] += take
                left -= take
        for share, (program, item, shape) in zip(shares, training, strict=True):
            chosen = rng.sample(pools[item.pk], share)
            sessions = self.item_sessions[item.pk]
            moment = _at(shape.start_date - datetime.timedelta(days=60))
            seats = [s for s in sessions for _ in range(s.capacity)]
            placed = min(len(seats), int(share * 0.6))
            for index, official in enumerate(chosen):
                moment += datetime.timedelta(seconds=rng.randint(20, 600))
                if index < placed:
                    status = "approved"
                else:
                    draw = rng.random()
                    status = (
                        "approved"
                        if draw < 0.70
                        else "submitted"
                        if draw < 0.88
                        else "declined"
                        if draw < 0.94
                        else "withdrawn"
                    )
                nomination = self._nomination(program, item, official, status, moment)
                if len(sessions) > 1 and rng.random() < 0.2:
                    nomination["preferences"] = rng.sample(
                        [s.cohort for s in sessions], min(3, len(sessions))
                    )
                if index < placed:
                    nomination["session_id"] = seats[index].pk
                    self.placements.append((official, seats[index]))
                elif status == "approved":
                    nomination["outcome_code"] = "no_seat"
                rows.append(nomination)
        insert_rows(Nomination, rows)
        self.counts[Nomination._meta.label_lower] += len(rows)

    def _nomination(self, program, item, official, status, moment) -> dict:
        decided = status in ("approved", "declined", "withdrawn")
        withdrawn = status == NominationStatus.WITHDRAWN
        liaison = self.liaison_of.get(official.agency_id)
        return {
            "program_id": program.pk,
            "item_key": item.key,
            "official_id": official.pk,
            "agency_id": official.agency_id,
            "status": status,
            "language": official.language,
            "unavailable": [],
            "preferences": [],
            "order_at": moment,
            "submitted_by_id": liaison.pk if liaison else None,
            "submitted_at": moment,
            "decided_by_id": self.coordinator.pk if decided else None,
            "decided_at": moment + datetime.timedelta(days=7) if decided else None,
            "decision_reason": (
                "Sin lugar para su perfil (datos generados)."
                if status == NominationStatus.DECLINED
                else ""
            ),
            "withdrawn_by_id": liaison.pk if withdrawn and liaison else None,
            "withdrawn_at": moment + datetime.timedelta(days=10) if withdrawn else None,
            "withdrawal_reason": "Cambio de adscripción (datos generados)." if withdrawn else "",
            "session_id": None,
            "outcome_code": "",
            "outcome_details": {},
        }

    # ---------------------------------------------------------------- past sessions

    def participation(self) -> None:
        """Every placed nominee takes part in his session; the sessions that ended before
        today have attendance marks for each day (most participants present nearly every
        day, a fifth often absent) and a certificate for each participant present on at
        least 80% of the days."""
        rng, today = self.rng, self.today
        participant_ids = insert_rows(
            SessionParticipant,
            [
                {
                    "session_id": session.pk,
                    "official_id": official.pk,
                    "added_by_id": self.coordinator.pk,
                    "added_at": _at(session.start - datetime.timedelta(days=14)),
                }
                for official, session in self.placements
            ],
            ids=True,
        )
        self.counts[SessionParticipant._meta.label_lower] += len(participant_ids)
        marks, certificates = [], []
        taken_codes: set[str] = set()
        for participant_id, (official, session) in zip(
            participant_ids, self.placements, strict=True
        ):
            if session.end >= today:
                continue
            presence = 0.97 if rng.random() < 0.8 else 0.6
            days = session.days
            present = 0
            for day in days:
                here = rng.random() < presence
                present += here
                date = datetime.date.fromisoformat(day)
                marks.append(
                    {
                        "participant_id": participant_id,
                        "day": date,
                        "present": here,
                        "recorded_by_id": self.coordinator.pk,
                        "recorded_at": _at(date, 18),
                    }
                )
            if present * 100 >= 80 * len(days):
                certificates.append(
                    {
                        "program_id": session.program_id,
                        "session_id": session.pk,
                        "official_id": official.pk,
                        "official_name": official.full_name,
                        "item_key": session.item_key,
                        "item_number": session.item_number,
                        "title_es": session.title_es,
                        "title_en": session.title_en,
                        "start": session.start,
                        "end": session.end,
                        "days_total": len(days),
                        "days_present": present,
                        "completion_percent": 80,
                        "code": self._certificate_code(taken_codes),
                        "issued_by_id": self.coordinator.pk,
                        "issued_at": _at(session.end + datetime.timedelta(days=3), 12),
                        "revocation_reason": "",
                    }
                )
        insert_rows(Attendance, marks)
        self.counts[Attendance._meta.label_lower] += len(marks)
        insert_rows(Certificate, certificates)
        self.counts[Certificate._meta.label_lower] += len(certificates)

    def _certificate_code(self, taken: set[str]) -> str:
        while True:
            identifier = "".join(self.rng.choices(codes.ALPHABET, k=codes.ID_LENGTH))
            code = codes._format(identifier + codes._mac(identifier, settings.SECRET_KEY))
            if code not in taken:
                taken.add(code)
                return code

    # ---------------------------------------------------------------- meetings

    def meetings(self) -> None:
        """MEETINGS_PER_PROGRAM meetings per program over the last three years (two ahead),
        each with the lead and three other agencies, two officials of each, numbered
        decisions, and ACTION_ITEMS_PER_MEETING action items owned by its agencies."""
        rng, today = self.rng, self.today
        meetings, agency_sets = [], []
        for program in self.program_list:
            for n in range(shapes.MEETINGS_PER_PROGRAM):
                future = n >= shapes.MEETINGS_PER_PROGRAM - 2
                offset = rng.randint(5, 60) if future else -rng.randint(10, 1100)
                day = today + datetime.timedelta(days=offset)
                meetings.append(
                    Meeting(
                        program=program,
                        title_es=f"Reunión de coordinación {n + 1} · {program.code}",
                        title_en=f"Coordination meeting {n + 1} · {program.code}",
                        date=day,
                        place="Ciudad de México",
                        summary_es="Seguimiento del programa (datos generados).",
                        summary_en="Program follow-up (generated data).",
                    )
                )
                others = [a for a in self.national if a.pk != program.lead_agency_id]
                agency_sets.append([program.lead_agency, *rng.sample(others, 3)])
        meetings = self.insert(meetings)
        Meeting.agencies.through.objects.bulk_create(
            [
                Meeting.agencies.through(meeting_id=m.pk, agency_id=a.pk)
                for m, agencies in zip(meetings, agency_sets, strict=True)
                for a in agencies
            ]
        )
        attendees = []
        for meeting, agencies in zip(meetings, agency_sets, strict=True):
            for agency in agencies:
                for official in rng.sample(
                    self.by_agency[agency.pk], min(2, len(self.by_agency[agency.pk]))
                ):
                    attendees.append(
                        Meeting.officials.through(meeting_id=meeting.pk, official_id=official.pk)
                    )
        Meeting.officials.through.objects.bulk_create(attendees, batch_size=BATCH)
        decisions = self.insert(
            [
                MeetingDecision(
                    meeting=meeting,
                    number=k,
                    text_es=f"Acuerdo {k} de la reunión (datos generados).",
                    text_en=f"Decision {k} of the meeting (generated data).",
                    created_by=self.coordinator,
                    created_at=_at(meeting.date, 17),
                )
                for meeting in meetings
                for k in range(1, shapes.DECISIONS_PER_MEETING + 1)
            ]
        )
        by_meeting: dict[int, list[MeetingDecision]] = {}
        for decision in decisions:
            by_meeting.setdefault(decision.meeting_id, []).append(decision)
        items = []
        for meeting, agencies in zip(meetings, agency_sets, strict=True):
            for k in range(shapes.ACTION_ITEMS_PER_MEETING):
                owner = rng.choice(agencies)
                due = meeting.date + datetime.timedelta(days=rng.randint(15, 150))
                if due < today:
                    draw = rng.random()
                    status = (
                        ActionStatus.DONE
                        if draw < 0.6
                        else ActionStatus.CANCELLED
                        if draw < 0.65
                        else ActionStatus.IN_PROGRESS
                        if draw < 0.8
                        else ActionStatus.OPEN
                    )
                else:
                    status = ActionStatus.OPEN if rng.random() < 0.6 else ActionStatus.IN_PROGRESS
                closed = status in (ActionStatus.DONE, ActionStatus.CANCELLED)
                pool = self.by_agency[owner.pk]
                items.append(
                    ActionItem(
                        meeting=meeting,
                        decision=rng.choice(by_meeting[meeting.pk]),
                        title_es=f"Tarea {k + 1}: informe de avance",
                        title_en=f"Task {k + 1}: progress report",
                        owner_agency=owner,
                        owner_official_id=rng.choice(pool).pk
                        if pool and rng.random() < 0.5
                        else None,
                        due_date=due,
                        status=status,
                        created_by=self.coordinator,
                        created_at=_at(meeting.date, 18),
                        closed_at=_at(min(due, today), 12) if closed else None,
                    )
                )
        items = self.insert(items)
        self.insert(
            [
                ActionItemChange(
                    action_item=item,
                    actor=self.coordinator,
                    at=item.created_at,
                    changes={
                        "title_es": [None, item.title_es],
                        "owner_agency": [None, item.owner_agency.code],
                        "due_date": [None, item.due_date.isoformat()],
                        "status": [None, ActionStatus.OPEN.value],
                    },
                )
                for item in items
            ]
        )

    # ---------------------------------------------------------------- conference

    def conference(self) -> None:
        """One conference of the first program, six weeks ahead: CONFERENCE_ROOMS rooms,
        CONFERENCE_TALKS talks placed in the draft timetable, a quota per agency and
        CONFERENCE_REGISTRATIONS registrations (fewer when there are fewer officials)."""
        if not self.program_list:
            return
        rng, today = self.rng, self.today
        program = self.program_list[0]
        start = today + datetime.timedelta(days=45)
        conference = self.insert(
            [
                Conference(
                    program=program,
                    acronym=f"{shapes.PROGRAM_PREFIX}conference-{start.year}",
                    title_es="Conferencia nacional de no proliferación (generada)",
                    title_en="National non-proliferation conference (generated)",
                    city="Ciudad de México",
                    venue="Centro de convenciones",
                    host_agency=program.lead_agency,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=2),
                    day_start=datetime.time(9),
                    day_end=datetime.time(18),
                )
            ]
        )[0]
        rooms = self.insert(
            [
                Room(
                    conference=conference, name=f"Sala {n + 1}", capacity=rng.choice((60, 120, 300))
                )
                for n in range(shapes.CONFERENCE_ROOMS)
            ]
        )
        talks = []
        for n in range(shapes.CONFERENCE_TALKS):
            day, rest = divmod(n, shapes.CONFERENCE_ROOMS * 4)
            slot, room = divmod(rest, shapes.CONFERENCE_ROOMS)
            begins = _at(start + datetime.timedelta(days=day % 3), 9 + 2 * slot)
            kind = TalkKind.KEYNOTE if n == 0 else rng.choice((TalkKind.TALK, TalkKind.PANEL))
            talks.append(
                Talk(
                    conference=conference,
                    uid=_uuid(rng),
                    title_es=f"Ponencia {n + 1}",
                    title_en=f"Talk {n + 1}",
                    duration_minutes=60,
                    kind=kind,
                    room=rooms[room],
                    starts_at=begins,
                    ends_at=begins + datetime.timedelta(minutes=60),
                )
            )
        self.insert(talks)
        wanted = min(shapes.CONFERENCE_REGISTRATIONS, len(self.all_officials))
        chosen = rng.sample(self.all_officials, wanted)
        per_agency = Counter(o.agency_id for o in chosen)
        self.insert(
            [
                RegistrationQuota(conference=conference, agency=a, seats=per_agency[a.pk] + 10)
                for a in self.national
            ]
        )
        registrations = []
        for official in chosen:
            draw = rng.random()
            status = (
                RegistrationStatus.APPROVED
                if draw < 0.7
                else RegistrationStatus.SUBMITTED
                if draw < 0.9
                else RegistrationStatus.DECLINED
                if draw < 0.95
                else RegistrationStatus.CANCELLED
            )
            registered = _at(today - datetime.timedelta(days=rng.randint(1, 30)), 10)
            decided = status in (RegistrationStatus.APPROVED, RegistrationStatus.DECLINED)
            registrations.append(
                Registration(
                    conference=conference,
                    official_id=official.pk,
                    agency_id=official.agency_id,
                    registered_by=self.liaison_of.get(official.agency_id),
                    registered_at=registered,
                    status=status,
                    decided_by=self.coordinator if decided else None,
                    decided_at=registered + datetime.timedelta(days=1) if decided else None,
                    reason="Cupo agotado (datos generados)."
                    if status == RegistrationStatus.DECLINED
                    else "",
                )
            )
        self.insert(registrations)


def generate(spec: GenerationSpec) -> GenerationResult:
    """Write a generated data set (one transaction) and its logins file; see the package's
    docstring. Raises GenerationRefusedError (nothing written) when the database holds a
    generated data set, or data no generation made (unless ``spec.force``); ValueError when
    the sizes cannot fit (more nominations than the officials allow).

    Side effects: the rows (bulk inserts), ONE audit entry ``seed.generate`` with the seed
    and the counts, and the logins file when ``spec.logins_file`` is set."""
    import time

    started = time.perf_counter()
    if spec.officials < 1 or spec.programs < 1 or spec.nominations < 0:
        raise ValueError("officials and programs: at least 1; nominations: at least 0")
    rng = random.Random(spec.seed)  # noqa: S311 (reproducible fiction, not secrets)
    writer = _Writer(spec, rng)
    with transaction.atomic():
        check_database(force=spec.force)
        steps = (
            writer.agencies,
            writer.logins,
            writer.officials,
            writer.programs,
            writer.sessions,
            writer.nominations,
            writer.participation,
            writer.meetings,
            writer.conference,
        )
        for step in steps:
            begun = time.perf_counter()
            step()
            writer.steps[step.__name__] = time.perf_counter() - begun
        record(
            actor=None,
            action="seed.generate",
            object_type="seed.generate",
            object_repr=f"generated data set, seed {spec.seed}",
            changes={
                "seed": spec.seed,
                "officials": spec.officials,
                "nominations": spec.nominations,
                "programs": spec.programs,
                "today": writer.today.isoformat(),
                "rows": dict(sorted(writer.counts.items())),
            },
        )
    if spec.logins_file is not None:
        write_logins_file(
            spec.logins_file, seed=spec.seed, password=spec.password, logins=writer.login_list
        )
    return GenerationResult(
        counts=writer.counts,
        logins=writer.login_list,
        seconds=time.perf_counter() - started,
        steps=writer.steps,
    )
