"""The demo of the training program: decisions, seats and nominations as the coordinator
would have made them."""

from __future__ import annotations

import datetime
import random
from typing import Any

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Official, User
from nonprolif.seed.loader.checks import check_entry, fail, parse_moment
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from .people import DemoPerson

TRAINING_KEYS = {
    "decided_by",
    "rationale",
    "seat_rule",
    "nominated_from",
    "decided_at",
    "training_approved_per_agency",
    "training_submitted_per_agency",
    "declined",
    "senior_approved_per_agency",
    "unavailable_share",
    "preferences_share",
}


def load_demo_training(
    spec: dict[str, Any], *, people: list[DemoPerson], seed: int, result: SeedResult
) -> None:
    """The demo of the training program, as the demo coordinator would have done it:

    1. the acceptance of every item of the program's proposals that awaits review
       (``decide_all`` as the ``decided_by`` login, with ``rationale``, dated
       ``reviewed_at`` when given; the review stays open), which generates the sessions;
    2. the seats of every item that takes nominations, split by ``seat_rule``;
    3. nominations of invented officials (working level for the training track, seniors of
       the agency for its senior session), approved on ``decided_at``, in a fixed order from
       ``nominated_from``; a few awaiting approval and one declined; some with unavailable
       periods (one cohort's dates) and ranked cohort preferences (a seeded random draw).

    Loading again changes nothing: decisions are taken only for items awaiting review, seats
    are brought back to the rule, and a nomination is created only when the official has
    none for the item. Side effects: those of ``decide_all`` and of the calendar's
    regeneration, AgencySeats, ItemSettings and Nomination rows, one audit entry per row
    created or changed.
    """
    from nonprolif.program.domain.review import decide_all
    from nonprolif.program.models import ItemDecision, Program, Proposal
    from nonprolif.training.models import Session
    from nonprolif.training.models.nomination import (
        AgencySeats,
        ItemSettings,
        Nomination,
        NominationStatus,
        SeatRule,
    )
    from nonprolif.training.nominations.domain.seats import split_seats
    from nonprolif.training.nominations.queries import item_agencies, nomination_items

    check_entry(spec, "training", TRAINING_KEYS, {"reviewed_at"})
    check_entry(spec["declined"], "training.declined", {"agency", "reason"})
    actor = User.objects.filter(username=spec["decided_by"]).first()
    if actor is None:
        fail("training.decided_by", f"unknown login “{spec['decided_by']}”")
    if spec["seat_rule"] != SeatRule.EVEN:
        fail("training.seat_rule", "the demo splits seats evenly (“even”)")
    start = parse_moment(spec["nominated_from"], "training.nominated_from")
    decided_at = parse_moment(spec["decided_at"], "training.decided_at")
    reviewed_at = (
        parse_moment(spec["reviewed_at"], "training.reviewed_at")
        if spec.get("reviewed_at")
        else None
    )
    agency_codes = {person.agency for person in people}
    programs = Program.objects.filter(lead_agency__code__in=agency_codes) | Program.objects.filter(
        member_agencies__code__in=agency_codes
    )
    rng = random.Random(seed + 1)  # noqa: S311 (reproducible fiction, not secrets)
    for program in programs.distinct().order_by("code"):
        latest = {}
        for proposal in Proposal.objects.filter(program=program).order_by("version"):
            latest[proposal.submitted_by_id] = proposal
        for proposal in latest.values():
            if proposal.review_closed_at is None:
                decided = decide_all(
                    proposal=proposal,
                    decision="accepted",
                    actor=actor,
                    rationale=spec["rationale"],
                )
                if decided:
                    if reviewed_at is not None:  # decided then, not when the demo loads
                        ItemDecision.objects.filter(pk__in=[row.pk for row in decided]).update(
                            at=reviewed_at
                        )
                    result.created["program.itemdecision"] += len(decided)
        officials = {
            (o.agency.code, o.email): o
            for o in Official.objects.filter(email__in=[p.email for p in people]).select_related(
                "agency"
            )
        }
        taken = set(
            Nomination.objects.filter(program=program).values_list("item_key", "official_id")
        )
        moment = start
        for item in nomination_items(program):
            agencies = item_agencies(program, item)
            codes = [agency.code for agency in agencies]
            if item.senior:
                seats = dict.fromkeys(codes, item.seats_total // max(1, len(codes)))
            else:
                seats = split_seats(item.seats_total, codes, SeatRule.EVEN)
            upsert(
                ItemSettings,
                key={"program": program, "item_key": item.key},
                values={"seat_rule": SeatRule.EVEN},
                where=f"training.items[{item.number}]",
                result=result,
                actor=actor,
            )
            for agency in agencies:
                upsert(
                    AgencySeats,
                    key={"program": program, "item_key": item.key, "agency": agency},
                    values={"seats": seats[agency.code]},
                    where=f"training.items[{item.number}].seats.{agency.code}",
                    result=result,
                    actor=actor,
                )
            sessions = list(
                Session.objects.filter(
                    program=program, item_key=item.key, cohort__isnull=False
                ).order_by("cohort")
            )
            for agency in agencies:
                pool = [
                    officials[(p.agency, p.email)]
                    for p in people
                    if p.agency == agency.code
                    and (p.seniority == "senior") == item.senior
                    and (p.agency, p.email) in officials
                ]
                if item.senior:
                    plan = [NominationStatus.APPROVED] * spec["senior_approved_per_agency"]
                else:
                    plan = [NominationStatus.APPROVED] * spec["training_approved_per_agency"]
                    plan += [NominationStatus.SUBMITTED] * spec["training_submitted_per_agency"]
                    if agency.code == spec["declined"]["agency"]:
                        plan.append(NominationStatus.DECLINED)
                for official, status in zip(pool, plan, strict=False):
                    moment += datetime.timedelta(minutes=rng.randint(5, 90))
                    unavailable, preferences = [], []
                    if sessions and rng.random() < spec["unavailable_share"]:
                        blocked = rng.choice(sessions)
                        unavailable = [
                            [
                                (blocked.start - datetime.timedelta(days=2)).isoformat(),
                                (blocked.end + datetime.timedelta(days=1)).isoformat(),
                            ]
                        ]
                    if len(sessions) > 1 and rng.random() < spec["preferences_share"]:
                        cohorts = [s.cohort for s in sessions]
                        preferences = rng.sample(cohorts, rng.randint(2, len(cohorts)))
                    if (item.key, official.pk) in taken:
                        continue
                    was_decided = status != NominationStatus.SUBMITTED
                    nomination = Nomination(
                        program=program,
                        item_key=item.key,
                        official=official,
                        agency=official.agency,
                        status=status,
                        language=official.language,
                        unavailable=unavailable,
                        preferences=preferences,
                        order_at=moment,
                        submitted_by=actor,
                        submitted_at=moment,
                        decided_by=actor if was_decided else None,
                        decided_at=decided_at if was_decided else None,
                        decision_reason=(
                            spec["declined"]["reason"]
                            if status == NominationStatus.DECLINED
                            else ""
                        ),
                    )
                    nomination.full_clean()
                    nomination.save()
                    record(
                        actor=actor,
                        action="seed.create",
                        obj=nomination,
                        changes={"status": [None, status], "official": [None, official.pk]},
                    )
                    result.created[Nomination._meta.label_lower] += 1
