"""The audit trail: every service writes one entry per change, the read middleware one per
read (core/audit_reads.py), all through :func:`record`.

Entries form a hash chain (core/models/audit.py): an append locks the chain's head row for
the rest of its transaction, so two concurrent appends never take the same place. The
request's id and client address come from a context variable that the request middleware
sets (:func:`request_context`), so service writes made during a request carry them too.
"""

import contextvars
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from nonprolif.core.models import Actor, AuditEntry, AuditHead, Outcome, User
from nonprolif.core.models.audit import GENESIS_HASH, HASHED_FIELDS, chain_hash


@dataclass
class RequestContext:
    """The request being answered: its id, the client's address, and how many entries it
    has written so far (the read middleware writes one only when nothing else did)."""

    request_id: str = ""
    client_address: str = ""
    entries: int = 0


NO_REQUEST = RequestContext()
_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar("audit_request")


@contextmanager
def request_context(*, request_id: str, client_address: str) -> Iterator[RequestContext]:
    """While active, entries written in this thread or task carry this request id and
    client address."""
    context = RequestContext(request_id=request_id[:64], client_address=client_address[:64])
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


def current_context() -> RequestContext:
    return _context.get(NO_REQUEST)


def snapshot(instance: models.Model, fields: Collection[str] | None = None) -> dict[str, Any]:
    """Plain values of the concrete fields of ``instance`` (for before/after diffs); not of
    the columns the database computes (generated fields)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.generated or (fields is not None and field.name not in fields):
            continue
        value = field.value_from_object(instance)
        values[field.name] = value if isinstance(value, int | float | bool | None) else str(value)
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _actor_snapshot(actor: Actor) -> tuple[User | None, str, str, str]:
    """(the stored user or None, his username, his roles comma separated, his agency's code)."""
    if not isinstance(actor, User) or not actor.pk:
        return None, "", "", ""
    roles = ",".join(sorted(actor.role_names))
    agency = actor.agency.code if actor.agency_id and actor.agency else ""
    return actor, actor.username, roles, agency


def storable(value: Any) -> Any:
    """``value`` with every string made storable in any database and JSON column: a NUL is
    written as ``\\x00`` and a lone surrogate as its ``\\udxxx`` escape (a request may carry
    both; its entry must still be written). Dicts and lists are walked."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    if isinstance(value, Mapping):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    outcome: str = Outcome.ALLOWED,
    object_type: str = "",
    object_ids: Iterable[Any] | None = None,
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry to the chain (by nobody when ``actor`` is not a stored user).

    ``obj`` names the one object concerned; for a list, ``object_type`` and ``object_ids``
    (the ids shown) do. ``outcome`` is ``Outcome.DENIED`` for an attempt that was refused.
    Side effects, in one transaction (the caller's, when there is one): one AuditEntry row;
    the head row (AuditHead) is locked until that transaction ends and moved to the entry.
    """
    user, actor_name, roles, agency = _actor_snapshot(actor)
    context = _context.get(NO_REQUEST)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = str(obj.pk)
        object_repr = object_repr or str(obj)
    else:
        object_id = ""
    ids = [pk if isinstance(pk, int) else storable(str(pk)) for pk in (object_ids or [])]
    if obj is None and len(ids) == 1:
        object_id = str(ids[0])
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=user,
            actor_name=actor_name,
            role=roles,
            agency=agency,
            action=action[:64],
            object_type=object_type[:64],
            object_id=storable(object_id)[:64],
            object_ids=ids,
            object_repr=storable(object_repr)[:200],
            changes=storable(dict(changes or {})),
            outcome=outcome,
            request_id=context.request_id,
            client_address=context.client_address,
            prev_hash=head.entry_hash,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save()
        head.seq, head.entry_hash = entry.seq, entry.entry_hash
        head.save(update_fields=["seq", "entry_hash"])
    if context is not NO_REQUEST:
        context.entries += 1
    return entry


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chain` found: how many entries it checked, the last one's seq and
    hash, and the first problem (empty when the chain holds)."""

    checked: int
    head_seq: int
    head_hash: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def refuse(
    *,
    actor: Actor,
    action: str,
    why: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    object_type: str = "",
) -> NoReturn:
    """Audit a refused attempt (outcome denied) and raise PermissionDenied(why). Call it
    outside the service's transaction, so that the entry stays when the caller's fails."""
    record(
        actor=actor,
        action=action,
        obj=obj,
        changes=changes,
        outcome=Outcome.DENIED,
        object_type=object_type,
    )
    raise PermissionDenied(why)


def verify_chain(*, expected_head: tuple[int, str] | None = None) -> ChainReport:
    """Recompute the chain in ``seq`` order and report the first bad entry: a gap or a
    repeated number (deleted or reordered entries), a ``prev_hash`` that is not the previous
    entry's hash (deleted, reordered or edited entries before it), or a hash that does not
    match the entry's content (edited). Then the head row must name the last entry, and
    ``expected_head`` (seq and hash copied to an external store earlier) must still be in
    the chain, which catches entries removed from the end. Reads only."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    seen_expected = expected_head is None
    rows = AuditEntry.objects.order_by("seq").values("id", "entry_hash", *HASHED_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        where = f"entry seq {row['seq']} (id {row['id']})"
        if row["seq"] != expected_seq:
            problem = (
                f"{where}: expected seq {expected_seq}; entries were deleted or reordered"
                if row["seq"] > expected_seq
                else f"{where}: seq repeated or out of order"
            )
            return ChainReport(checked, expected_seq - 1, prev_hash, problem)
        if row["prev_hash"] != prev_hash:
            problem = (
                f"{where}: its prev_hash is not the hash of entry seq {expected_seq - 1}; "
                "an entry before it was deleted, reordered or edited"
            )
            return ChainReport(checked, expected_seq - 1, prev_hash, problem)
        if chain_hash(row) != row["entry_hash"]:
            problem = f"{where}: its content does not match its hash; it was edited"
            return ChainReport(checked, expected_seq - 1, prev_hash, problem)
        if expected_head is not None and row["seq"] == expected_head[0]:
            if row["entry_hash"] != expected_head[1]:
                problem = f"{where}: its hash is not the head recorded externally"
                return ChainReport(checked, expected_seq - 1, prev_hash, problem)
            seen_expected = True
        checked += 1
        expected_seq += 1
        prev_hash = row["entry_hash"]
    last_seq = expected_seq - 1
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.entry_hash) if head else (0, GENESIS_HASH)
    if (head_seq, head_hash) != (last_seq, prev_hash):
        problem = (
            f"the head names entry seq {head_seq} but the chain ends at seq {last_seq}; "
            "entries were removed from the end"
        )
        return ChainReport(checked, last_seq, prev_hash, problem)
    if not seen_expected:
        assert expected_head is not None
        problem = (
            f"entry seq {expected_head[0]} (the head recorded externally) is missing; "
            f"the chain ends at seq {last_seq}: entries were removed from the end"
        )
        return ChainReport(checked, last_seq, prev_hash, problem)
    return ChainReport(checked, last_seq, prev_hash)


def chain_head() -> tuple[int, str]:
    """The head of the chain as stored: the last entry's seq and hash (0 and the genesis
    hash for an empty trail)."""
    head = AuditHead.objects.filter(pk=1).first()
    return (head.seq, head.entry_hash) if head else (0, GENESIS_HASH)
