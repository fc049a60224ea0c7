"""Writes made to fail midway, for the tests that a service writes all or nothing.

The fault is put on the model class (``Model.save``), never on a service module's names, so
that the tests hold wherever the services live::

    before = table_rows(Registration, AuditEntry)
    failing = fail_save(AuditEntry, when=audited("registration.create"))
    with failing as fault, pytest.raises(InjectedError):
        register_official(...)
    assert fault.hit
    assert table_rows(Registration, AuditEntry) == before

Run such tests with ``@pytest.mark.django_db(transaction=True)``: the service then runs as in
production, in autocommit with no transaction around it, so only its own
``transaction.atomic`` can undo what it wrote (and ``select_for_update`` outside one fails on
PostgreSQL as it would in production).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.db import models


class InjectedError(Exception):
    """Raised by a write that a test made fail."""


@dataclass
class Fault:
    hit: bool = False
    seen: Any = None  # what ``look`` returned just before the write failed


@contextmanager
def fail_save(
    model: type[models.Model],
    *,
    after: int = 0,
    when: Callable[[Any], bool] | None = None,
    look: Callable[[], Any] | None = None,
) -> Iterator[Fault]:
    """While active, ``model.save`` raises :class:`InjectedError` on the ``after + 1``-th call
    for an instance that ``when`` accepts (any instance by default); the calls before it save
    as usual, other instances too. ``look`` is called just before failing (inside the
    service's transaction): its answer is kept as ``fault.seen``, to show what had been
    written by then."""
    fault = Fault()
    original = model.save
    saved = 0

    def save(self, *args, **kwargs):
        nonlocal saved
        if not fault.hit and (when is None or when(self)):
            if saved >= after:
                fault.hit = True
                fault.seen = look() if look is not None else None
                raise InjectedError(f"{model.__name__}.save made to fail")
            saved += 1
        return original(self, *args, **kwargs)

    with mock.patch.object(model, "save", save):
        yield fault


@contextmanager
def fail_bulk_create(
    model: type[models.Model], *, after: int = 0, look: Callable[[], Any] | None = None
) -> Iterator[Fault]:
    """While active, a ``bulk_create`` of ``model`` rows writes the first ``after`` of them
    (really, as a batch) and then raises :class:`InjectedError`, as a bulk insert that fails
    midway would (the next batch refused). ``look`` as for :func:`fail_save`."""
    fault = Fault()
    original = models.QuerySet.bulk_create

    def bulk_create(self, objs, *args, **kwargs):
        if self.model is not model or fault.hit:
            return original(self, objs, *args, **kwargs)
        objs = list(objs)
        if after:
            original(self, objs[:after], *args, **kwargs)
        fault.hit = True
        fault.seen = look() if look is not None else None
        raise InjectedError(f"{model.__name__} bulk_create made to fail after {after} rows")

    with mock.patch.object(models.QuerySet, "bulk_create", bulk_create):
        yield fault


def table_rows(*tables: type[models.Model]) -> dict[str, list[dict]]:
    """Every row of each model's table (auto-created many-to-many tables too), as field
    values in primary-key order: equal before and after when nothing was written."""
    return {
        table._meta.label: list(table._base_manager.order_by("pk").values()) for table in tables
    }


def audited(action: str) -> Callable[[Any], bool]:
    """``when=`` for :func:`fail_save` on AuditEntry: the entries of ``action``."""
    return lambda entry: entry.action == action
