"""The assignment of approved nominees to the sessions of their items: the database side of
``nonprolif.planning.assignment``.

:func:`run_assignment` builds the problem (:mod:`.problem`), solves it (as a re-plan with
minimal change when an assignment is in force) and, unless it is a dry run, applies it:
only what changes is written: SessionParticipant rows added and removed, the session, reason
and waitlist position of the nominations whose outcome changed, one AssignmentRun (none when
nothing changed). :func:`replan_program` re-plans after a withdrawal or a
substitution and tells the people concerned by e-mail (:mod:`.emails`). What comes back is a
:class:`~.plan.Plan`; the reasons people are left out are told by :mod:`.reasons`.
"""

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Field
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.planning import assignment as planning
from nonprolif.program.models import Program
from nonprolif.training.models import Session, SessionParticipant
from nonprolif.training.models.nomination import AssignmentRun, Nomination, NominationStatus
from nonprolif.training.nominations.domain.emails import (
    promoted_message,
    send,
    withdrawn_message,
)
from nonprolif.training.nominations.domain.plan import (
    Plan,
    build_plan,
    labelled_details,
    waitlist_ranks,
)
from nonprolif.training.nominations.domain.problem import (
    Inputs,
    build_inputs,
    held_session_ids,
    planning_nominee_id,
)
from nonprolif.training.nominations.queries import latest_run

# Seconds the MIP may take (cross-item conflicts): the assignment runs in a web request too.
TIME_LIMIT = 5.0
OUTCOME_FIELDS = ["session", "outcome_code", "outcome_details", "waitlist_rank"]
_CHUNK = 1000  # rows per UPDATE statement (5 parameters each, far below SQLite's limit)


def _set_outcome(
    n: Nomination,
    session: Session | None,
    code: str,
    details: dict[str, Any],
    rank: int | None,
) -> bool:
    """Give ``n`` its outcome; whether anything changed."""
    changed = (
        n.session_id != (session.pk if session is not None else None)
        or n.outcome_code != code
        or n.outcome_details != details
        or n.waitlist_rank != rank
    )
    if changed:
        n.session = session
        n.outcome_code = code
        n.outcome_details = details
        n.waitlist_rank = rank
    return changed


def _write_outcomes(rows: list[Nomination]) -> None:
    """Store the outcome fields of ``rows``: one ``UPDATE … FROM (VALUES …)`` per thousand
    rows on PostgreSQL and SQLite (``bulk_update`` builds a CASE per row and field: 13 s of
    CPU for 20,000 rows), ``bulk_update`` elsewhere."""
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite") or (
        vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 33)
    ):
        Nomination.objects.bulk_update(rows, OUTCOME_FIELDS, batch_size=500)
        return
    meta = Nomination._meta
    q = connection.ops.quote_name
    table = q(meta.db_table)
    columns = []
    for name in OUTCOME_FIELDS:
        field = meta.get_field(name)
        assert isinstance(field, Field)
        columns.append(q(str(field.column)))
    assert meta.pk is not None
    pk = q(str(meta.pk.column))
    casts = ("::bigint", "::bigint", "::varchar", "::jsonb", "::integer")
    if vendor == "sqlite":
        casts = ("", "", "", "", "")
    row_sql = "(" + ", ".join(f"%s{c}" for c in casts) + ")"
    sets = ", ".join(
        f"{col} = v.{name}"
        for col, name in zip(columns, ("session_id", "code", "details", "rank"), strict=True)
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            params: list[Any] = []
            for n in chunk:
                params += [
                    n.pk,
                    n.session_id,
                    n.outcome_code,
                    json.dumps(n.outcome_details),
                    n.waitlist_rank,
                ]
            # Only the model's own quoted table and column names are formatted in; every
            # value is a parameter.
            cursor.execute(
                f"WITH v(id, session_id, code, details, rank) AS "  # noqa: S608
                f"(VALUES {', '.join([row_sql] * len(chunk))}) "
                f"UPDATE {table} SET {sets} FROM v WHERE {table}.{pk} = v.id",
                params,
            )


def _apply(
    inputs: Inputs,
    result: planning.Assignment,
    *,
    actor: User | None,
    trigger: str,
    always: bool = False,
) -> AssignmentRun | None:
    """Write what ``result`` changes: participants added and removed, the nominations whose
    session, reason or waitlist position changed, one AssignmentRun and one audit entry.
    When nothing changes (and not ``always``), nothing is written and None is returned: the
    assignment in force stays the one of the latest run."""
    now = clock.now()
    user = actor if getattr(actor, "pk", None) else None
    rank = waitlist_ranks(inputs, result)
    removed: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
    changed: list[Nomination] = []
    for nid, n in inputs.nominations.items():
        new = result.placements.get(nid)
        old = inputs.current.get(nid)
        if old != new and old is not None:
            removed.append((inputs.open_sessions[old].pk, n.official_id))
        if old != new and new is not None:
            added.append((inputs.open_sessions[new].pk, n.official_id))
        reason = result.unassigned.get(nid)
        out = reason is not None and new is None
        if _set_outcome(
            n,
            inputs.open_sessions[new] if new is not None else None,
            reason.code if reason is not None and out else "",
            labelled_details(inputs, reason) if reason is not None and out else {},
            rank.get(nid),
        ):
            changed.append(n)
    for n in inputs.others:
        code, details = inputs.excluded.get(n.pk, ("", {}))
        if _set_outcome(n, inputs.held_places.get(n.pk), code, details, None):
            changed.append(n)
    if not (removed or added or changed or always):
        return None
    gone = [inputs.participant_pk[pair] for pair in removed if pair in inputs.participant_pk]
    for start in range(0, len(gone), _CHUNK):
        SessionParticipant.objects.filter(pk__in=gone[start : start + _CHUNK]).delete()
    SessionParticipant.objects.bulk_create(
        [
            SessionParticipant(session_id=s, official_id=o, added_by=user, added_at=now)
            for s, o in added
        ],
        ignore_conflicts=True,
        batch_size=_CHUNK,
    )
    _write_outcomes(changed)
    run = AssignmentRun.objects.create(
        program=inputs.program,
        trigger=trigger,
        run_by=user,
        run_at=now,
        method=result.method,
        optimal=result.optimal,
        objective=dict(result.objective),
    )
    record(
        actor=actor,
        action="assignment.apply",
        obj=inputs.program,
        changes={
            "trigger": [None, trigger],
            "added": [None, sorted([list(pair) for pair in added])],
            "removed": [None, sorted([list(pair) for pair in removed])],
            "nominations": [None, sorted(n.pk for n in changed)],
            "assigned": [None, result.objective.get("assigned")],
            "waitlist": [None, len(result.waitlist)],
        },
    )
    return run


def run_assignment(
    *,
    actor: User | None,
    program: Program,
    dry_run: bool = False,
    method: str = "auto",
    time_limit: float = TIME_LIMIT,
) -> Plan:
    """Assign the program's approved nominees to its sessions not held yet, optimally (see
    ``nonprolif.planning.assignment``). When an assignment is in force it is re-planned with
    as few changes as possible (the people placed keep precedence for a seat).

    ``actor`` must hold ``training.run_assignment`` on the program (coordinators); None means
    the command line. With ``dry_run`` nothing is written.

    ``time_limit`` bounds the MIP the solver needs for cross-item conflicts (when it stops
    there the plan is kept and marked not optimal, see ``nonprolif.planning.assignment``).

    Side effects unless ``dry_run``, in one transaction, only for what changes:
    SessionParticipant rows added and removed; the session, left-out reason and waitlist
    position of each approved nomination whose outcome changed; one AssignmentRun and one
    audit entry ("assignment.apply", listing the participants added and removed and the
    nominations updated). A run that changes nothing writes nothing (``plan.run`` is then
    the latest run). Infeasible or over-subscribed programs leave nominees out with their
    reasons; they never raise.
    """
    if actor is not None and not actor.has_perm("training.run_assignment", program):
        raise PermissionDenied(_("You are not allowed to run the assignment."))
    with transaction.atomic():
        inputs = build_inputs(program)
        result = planning.solve(
            inputs.problem, current=inputs.current, method=method, time_limit=time_limit
        )
        plan = build_plan(inputs, result, dry_run=dry_run)
        if not dry_run:
            plan.run = _apply(
                inputs, result, actor=actor, trigger=AssignmentRun.Trigger.RUN
            ) or latest_run(program)
    return plan


def release_seat(nomination: Nomination) -> int:
    """Remove the nominee from the item's sessions not held yet (his nomination keeps the
    session it was placed in, for the record). Returns the rows removed."""
    held = held_session_ids(nomination.program)
    deleted, _rows = (
        SessionParticipant.objects.filter(
            official_id=nomination.official_id,
            session__program_id=nomination.program_id,
            session__item_key=nomination.item_key,
        )
        .exclude(session__in=held)
        .delete()
    )
    return deleted


def replan_program(
    *,
    actor: User | None,
    program: Program,
    withdraw: Nomination | None = None,
    reason: str = "",
    seat_for: Mapping[int, int] | None = None,
) -> Nomination | Plan | None:
    """:func:`replan` answering the withdrawn nomination when there is one, else the plan."""
    plan = replan(actor=actor, program=program, withdraw=withdraw, reason=reason, seat_for=seat_for)
    return withdraw if withdraw is not None else plan


def replan(
    *,
    actor: User | None,
    program: Program,
    withdraw: Nomination | None = None,
    reason: str = "",
    seat_for: Mapping[int, int] | None = None,
) -> Plan | None:
    """Withdraw ``withdraw`` (if given) and re-plan the program's assignment with minimal
    change: ``seat_for`` (nomination pk → session pk) gives nominees a seat they hold by
    right (a substitute the seat of the nominee he replaces). Without an assignment in force
    (no AssignmentRun yet) nothing is re-planned: the withdrawn nominee only leaves his seat.

    Side effects, in one transaction: the withdrawn nomination's status, withdrawn_by/at and
    reason, one audit entry ("nomination.withdraw"); his SessionParticipant row removed; the
    writes of an applied assignment (trigger "withdrawal"). After it, one e-mail to the
    withdrawn participant (when he held a seat) and one to each nominee promoted from the
    waitlist, each in the official's language. Returns the plan (None when no assignment is
    in force); its ``promoted`` are the nominees who took a seat from the waitlist.
    """
    in_force = AssignmentRun.objects.filter(program=program).exists()
    messages = []
    with transaction.atomic():
        inputs = build_inputs(program, include=withdraw) if in_force else None
        held_seat = None
        if withdraw is not None:
            held_seat = next(
                (
                    s
                    for s in Session.objects.filter(
                        program=program,
                        item_key=withdraw.item_key,
                        participants__official=withdraw.official_id,
                    )
                ),
                None,
            )
            before = withdraw.status
            withdraw.status = NominationStatus.WITHDRAWN
            withdraw.withdrawn_by = actor if getattr(actor, "pk", None) else None
            withdraw.withdrawn_at = clock.now()
            withdraw.withdrawal_reason = reason
            withdraw.save(
                update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"]
            )
            record(
                actor=actor,
                action="nomination.withdraw",
                obj=withdraw,
                changes={"status": [before, withdraw.status], "reason": [None, reason]},
            )
        if inputs is None:
            if withdraw is not None:
                release_seat(withdraw)
            return None
        current = dict(inputs.current)
        for nomination_pk, session_pk in (seat_for or {}).items():
            nid, sid = f"n{nomination_pk}", f"s{session_pk}"
            if nid in inputs.nominations and sid in inputs.open_sessions:
                current.setdefault(nid, sid)
        gone = planning_nominee_id(withdraw) if withdraw is not None else None
        if gone in inputs.nominations:
            result = planning.replan(
                inputs.problem, current, withdrawn=[gone], time_limit=TIME_LIMIT
            )
        else:
            if withdraw is not None:
                release_seat(withdraw)
            result = planning.solve(inputs.problem, current=current, time_limit=TIME_LIMIT)
        plan = build_plan(inputs, result, dry_run=False)
        plan.run = _apply(
            inputs, result, actor=actor, trigger=AssignmentRun.Trigger.WITHDRAWAL, always=True
        )
        if gone in inputs.nominations:
            withdrawn = inputs.nominations[gone]
            withdrawn.outcome_code = planning.WITHDRAWN
            Nomination.objects.filter(pk=withdrawn.pk).update(
                outcome_code=planning.WITHDRAWN, session=None, waitlist_rank=None
            )
        if withdraw is not None and held_seat is not None:
            messages.append(withdrawn_message(withdraw, held_seat))
        for n in plan.promoted:
            if n.session is not None and (withdraw is None or n.pk != withdraw.pk):
                messages.append(promoted_message(n, n.session))
    send([m for m in messages if m is not None])
    if withdraw is not None:
        plan.promoted = [n for n in plan.promoted if n.pk != withdraw.pk]
    return plan
