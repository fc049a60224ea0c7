"""Upsert one row by its natural key: create it, or bring it to the document's values."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import User

from .result import SeedResult

M = TypeVar("M", bound=models.Model)


class LookUp(enum.Enum):
    """A type of its own for the default of ``upsert(existing=...)`` (None means "no row")."""

    LOOK_UP = enum.auto()


LOOK_UP: Final = LookUp.LOOK_UP  # upsert(existing=...) default: find the row by its key


def _natural(obj: models.Model) -> str:
    return getattr(obj, "code", None) or str(obj.pk)


def _clean(obj: models.Model, where: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {
                where if name == NON_FIELD_ERRORS else f"{where}.{name}": messages
                for name, messages in error.message_dict.items()
            }
        ) from None


def upsert(
    model: type[M],
    *,
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    m2m: Mapping[str, Sequence[models.Model]] | None = None,
    where: str,
    result: SeedResult,
    actor: User | None = None,
    existing: M | Literal[LookUp.LOOK_UP] | None = LOOK_UP,
) -> M:
    """Create the ``model`` row found by ``key`` or bring it to ``values`` and ``m2m``.

    ``existing`` is the row found by ``key`` (or None) when the caller already fetched it in
    bulk; by default it is looked up. Validates with ``full_clean()`` (errors are named
    ``<where>.<field>``). Saves only when a value differs. Side effects: the row (created or
    updated), its many-to-many links, and one audit entry ``seed.create`` or ``seed.update``
    (with the changed fields) when something changed; none when nothing did.
    """
    m2m = m2m or {}
    label = model._meta.label_lower
    obj = model._default_manager.filter(**key).first() if existing is LOOK_UP else existing
    if obj is None:
        obj = model(**key, **values)
        _clean(obj, where)
        obj.save()
        changes = diff({}, snapshot(obj))
        for name, related in m2m.items():
            getattr(obj, name).set(related)
            changes[name] = [None, sorted(_natural(o) for o in related)]
        record(actor=actor, action="seed.create", obj=obj, changes=changes)
        result.created[label] += 1
        return obj

    before = snapshot(obj, fields=list(values))
    for name, value in values.items():
        setattr(obj, name, value)
    changes = diff(before, snapshot(obj, fields=list(values)))
    if changes:
        _clean(obj, where)
        obj.save(update_fields=list(changes))
    for name, related in m2m.items():
        manager = getattr(obj, name)
        current = list(manager.all())
        if {o.pk for o in current} != {o.pk for o in related}:
            manager.set(related)
            changes[name] = [
                sorted(_natural(o) for o in current),
                sorted(_natural(o) for o in related),
            ]
    if changes:
        record(actor=actor, action="seed.update", obj=obj, changes=changes)
        result.updated[label] += 1
    return obj
