"""The generation's steps for the events: meetings with decisions and action items, the
conference with rooms, talks, quotas and registrations."""

from __future__ import annotations

import datetime
from collections import Counter

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

from . import shapes
from .writer import BATCH, WriterBase, local_time, seeded_uuid


class EventSteps(WriterBase):
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
                    created_at=local_time(meeting.date, 17),
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
                        created_at=local_time(meeting.date, 18),
                        closed_at=local_time(min(due, today), 12) if closed else None,
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
            begins = local_time(start + datetime.timedelta(days=day % 3), 9 + 2 * slot)
            kind = TalkKind.KEYNOTE if n == 0 else rng.choice((TalkKind.TALK, TalkKind.PANEL))
            talks.append(
                Talk(
                    conference=conference,
                    uid=seeded_uuid(rng),
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
            registered = local_time(today - datetime.timedelta(days=rng.randint(1, 30)), 10)
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
