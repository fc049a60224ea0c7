"""A DBA's tampering with the audit table, past the PostgreSQL trigger that refuses it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def past_the_trigger() -> Iterator[None]:
    """On PostgreSQL, run the block in replica mode (ordinary triggers do not fire: what a
    superuser can do); on SQLite there is no trigger to pass."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")


def tamper(sql: str, params: list | tuple = ()) -> None:
    with past_the_trigger(), connection.cursor() as cursor:
        cursor.execute(sql, params)
