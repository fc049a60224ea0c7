"""An assignment as pages, the API and the command line show it: per session its participants
(placed by the solver, by hand, or fixed by attendance), the objective, and everyone left out
with the reason and waitlist position."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from nonprolif.core.models import Official
from nonprolif.planning import assignment as planning
from nonprolif.program.models import Program
from nonprolif.training.models import Session
from nonprolif.training.models.nomination import AssignmentRun, Nomination
from nonprolif.training.nominations.domain.problem import Inputs
from nonprolif.training.nominations.domain.reasons import reason_text, session_label
from nonprolif.training.nominations.queries import NominationItem


@dataclass
class PlacedPerson:
    official: Official
    agency: str
    source: str  # "assignment", "manual" (added by hand) or "held" (fixed by attendance)
    nomination: Nomination | None = None


@dataclass
class PlanSession:
    session: Session
    held: bool
    participants: list[PlacedPerson] = field(default_factory=list)

    @property
    def by_agency(self) -> dict[str, int]:
        return dict(sorted(Counter(p.agency for p in self.participants).items()))


@dataclass
class LeftOut:
    nomination: Nomination
    item: NominationItem
    code: str
    details: dict[str, Any]
    waitlist_rank: int | None

    @property
    def reason(self) -> str:
        return reason_text(self.code, self.details)


@dataclass
class Plan:
    """An assignment as pages, the API and the command line show it."""

    program: Program
    sessions: list[PlanSession]
    objective: dict[str, int]
    left_out: list[LeftOut]
    dry_run: bool
    method: str
    optimal: bool
    moved: list[Nomination] = field(default_factory=list)
    promoted: list[Nomination] = field(default_factory=list)
    run: AssignmentRun | None = None

    @property
    def assigned(self) -> int:
        return sum(1 for s in self.sessions for p in s.participants if p.source == "assignment")

    def as_json(self) -> dict[str, Any]:
        """The command line's and the API's contract."""
        return {
            "program": self.program.code,
            "dry_run": self.dry_run,
            "method": self.method,
            "optimal": self.optimal,
            "sessions": [
                {
                    "id": ps.session.pk,
                    "item": ps.session.item_number,
                    "item_key": str(ps.session.item_key),
                    "cohort": ps.session.cohort,
                    "audience": ps.session.audience_code,
                    "start": ps.session.start.isoformat(),
                    "end": ps.session.end.isoformat(),
                    "capacity": ps.session.capacity,
                    "held": ps.held,
                    "participants": [
                        {
                            "official": p.official.full_name,
                            "official_id": p.official.pk,
                            "agency": p.agency,
                            "source": p.source,
                        }
                        for p in ps.participants
                    ],
                    "by_agency": ps.by_agency,
                }
                for ps in self.sessions
            ],
            "objective": dict(self.objective),
            "left_out": [
                {
                    "nomination": lo.nomination.pk,
                    "official": lo.nomination.official.full_name,
                    "official_id": lo.nomination.official_id,
                    "agency": lo.nomination.agency.code,
                    "item": lo.item.number,
                    "item_key": str(lo.item.key),
                    "waitlist_position": lo.waitlist_rank,
                    "reason_code": lo.code,
                    "reason": lo.reason,
                }
                for lo in self.left_out
            ],
            "moved": [n.pk for n in self.moved],
            "promoted": [n.pk for n in self.promoted],
        }


def waitlist_ranks(inputs: Inputs, result: planning.Assignment) -> dict[str, int]:
    """Each waitlisted nominee's position in his item's waitlist (1 = next in line)."""
    seen: Counter[str] = Counter()
    ranks: dict[str, int] = {}
    for nid in result.waitlist:
        key = str(inputs.nominations[nid].item_key)
        seen[key] += 1
        ranks[nid] = seen[key]
    return ranks


def labelled_details(inputs: Inputs, reason: planning.Reason) -> dict[str, Any]:
    """The solver's details with session ids replaced by session labels."""
    out: dict[str, Any] = {}
    labels = inputs.labels
    for key, value in reason.details.items():
        label = labels.get(key)
        if label is None:
            session = inputs.open_sessions.get(key)
            label = labels[key] = session_label(session) if session else key
        out[label] = value
    return out


def build_plan(inputs: Inputs, result: planning.Assignment, *, dry_run: bool) -> Plan:
    placed_at: dict[int, list[PlacedPerson]] = defaultdict(list)
    for pk, people in inputs.fixed.items():
        for p in people:
            source = "held" if pk not in {s.pk for s in inputs.open_sessions.values()} else "manual"
            placed_at[pk].append(PlacedPerson(p.official, p.official.agency.code, source))
    for nid, sid in result.placements.items():
        n = inputs.nominations[nid]
        placed_at[inputs.open_sessions[sid].pk].append(
            PlacedPerson(n.official, n.agency.code, "assignment", n)
        )
    open_pks = {s.pk for s in inputs.open_sessions.values()}
    sessions: list[PlanSession] = []
    for s in inputs.sessions:
        placed = sorted(
            placed_at.get(s.pk, []),
            key=lambda p: (
                p.agency,
                p.official.family_names,
                p.official.given_names,
                p.official.pk,
            ),
        )
        sessions.append(PlanSession(session=s, held=s.pk not in open_pks, participants=placed))
    rank = waitlist_ranks(inputs, result)
    left_out: list[LeftOut] = []
    for nid, reason in result.unassigned.items():
        nominee = inputs.nominations.get(nid)
        if nominee is None:
            continue
        left_out.append(
            LeftOut(
                nominee,
                inputs.items[str(nominee.item_key)],
                reason.code,
                labelled_details(inputs, reason),
                rank.get(nid),
            )
        )
    for n in inputs.others:
        if n.pk in inputs.excluded:
            code, details = inputs.excluded[n.pk]
            left_out.append(LeftOut(n, inputs.items[str(n.item_key)], code, details, None))
    left_out.sort(
        key=lambda lo: (
            lo.item.number,
            lo.waitlist_rank is None,
            lo.waitlist_rank or 0,
            lo.nomination.order_at,
            lo.nomination.pk,
        )
    )
    return Plan(
        program=inputs.program,
        sessions=sessions,
        objective=dict(result.objective),
        left_out=left_out,
        dry_run=dry_run,
        method=result.method,
        optimal=result.optimal,
        moved=[inputs.nominations[nid] for nid in result.moved],
        promoted=[inputs.nominations[nid] for nid in result.promoted],
    )
