"""The generation's steps for training: sessions, nominations and seats, the past sessions'
participation (rosters, attendance, certificates)."""

from __future__ import annotations

import datetime

from django.conf import settings

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
from .bulk import insert_rows
from .writer import GeneratedOfficial, WriterBase, local_time, seeded_uuid


class TrainingSteps(WriterBase):
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
            session.uid = f"{seeded_uuid(rng)}@nonprolif"
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
        self.placements: list[tuple[GeneratedOfficial, Session]] = []
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
                moment = local_time(session.start - datetime.timedelta(days=60))
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
            moment = local_time(shape.start_date - datetime.timedelta(days=60))
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
                    "added_at": local_time(session.start - datetime.timedelta(days=14)),
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
                        "recorded_at": local_time(date, 18),
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
                        "issued_at": local_time(session.end + datetime.timedelta(days=3), 12),
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
