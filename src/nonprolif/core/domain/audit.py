"""The audit trail: every service writes one entry per change."""

from collections.abc import Collection, Mapping
from typing import Any

from django.db import models

from nonprolif.core.models import Actor, AuditEntry, Outcome, User


def snapshot(instance: models.Model, fields: Collection[str] | None = None) -> dict[str, Any]:
    """Plain values of the concrete fields of ``instance`` (for before/after diffs)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
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


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    outcome: str = Outcome.ALLOWED,
) -> AuditEntry:
    """Write one audit entry (by nobody when ``actor`` is not a stored user); ``outcome`` is
    ``Outcome.DENIED`` for an attempt that was refused. Side effect: one AuditEntry row."""
    return AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) and actor.pk else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=dict(changes or {}),
        outcome=outcome,
    )
