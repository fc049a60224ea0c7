"""Bulk inserts of plain rows: PostgreSQL's COPY where the database is PostgreSQL (no model
instances, no per-row SQL), Django's ``bulk_create`` elsewhere.

A row is a dict of attribute names (``official_id``, not ``official``) to values; a column it
leaves out takes the field's default (``auto_now``/``auto_now_add`` fields: now). JSON fields
take Python values; generated columns are left to the database. With ``ids=True`` the new
primary keys are returned in row order (on PostgreSQL they are drawn from the table's
sequence first, then written explicitly).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 5000


def _columns(model: type[models.Model]) -> list[models.Field]:
    """The columns a row gives: every concrete field but the primary key and the generated
    ones (the database computes those)."""
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]


def _defaults(fields: list[models.Field]) -> dict[str, Any]:
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default() or not f.null:
            defaults[f.attname] = f.get_default()
        else:
            defaults[f.attname] = None
    return defaults


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def insert_rows(
    model: type[models.Model], rows: list[dict[str, Any]], *, ids: bool = False
) -> list[int]:
    """Insert ``rows`` into ``model``'s table; the new ids when ``ids`` (else [])."""
    if not rows:
        return []
    fields = _columns(model)
    defaults = _defaults(fields)
    if connection.vendor != "postgresql":
        created = model._default_manager.bulk_create(
            [model(**{**defaults, **row}) for row in rows], batch_size=BATCH
        )
        return [obj.pk for obj in created] if ids else []
    json_columns = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    columns = [str(f.column) for f in fields]
    new_ids = _reserve_ids(model, len(rows)) if ids else []
    if ids:
        columns = [str(model._meta.pk.column), *columns]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
    with connection.cursor() as wrapper, wrapper.cursor.copy(sql) as copy:
        for n, row in enumerate(rows):
            values = []
            for name in names:
                value = row[name] if name in row else defaults[name]
                if name in json_columns:
                    value = json.dumps(value)
                values.append(value)
            copy.write_row((new_ids[n], *values) if ids else values)
    return new_ids
