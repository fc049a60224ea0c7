"""The audit trail: every service writes one entry per change."""

from django.db import models

from nonprolif.core.models import AuditEntry


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """Plain values of the concrete fields of ``instance`` (for before/after diffs)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = field.value_from_object(instance)
        values[field.name] = value if isinstance(value, int | float | bool | None) else str(value)
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(*, actor, action: str, obj: models.Model, changes: dict | None = None) -> AuditEntry:
    """Write one audit entry. Side effect: one AuditEntry row."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
    )
