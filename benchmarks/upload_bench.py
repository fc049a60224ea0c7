"""Benchmark of the nomination upload: the bulk path against the per-row service, same run.

On a database of its own (``--database sqlite`` in a temporary directory, or ``--database
postgresql``: ``DATABASE_URL``, created when missing), migrated and seeded with the built-in
program (``seed --demo``), it adds ``2 x rows`` fresh officials (bulk inserts) to the
training item that takes every agency, writes each half as a CSV of ``official_id,
language, preferences``, then imports:

Ours runs first (so that the per-row run's thousands of objects cannot slow it down):

- ours: ``import_nominations`` (rows checked against what is read once; one bulk insert;
  one audit entry listing the created ids);
- per-row: the service as it was before (each row checked with ``nomination_errors``, then
  written with ``write_nomination``: one Nomination row, its own audit entry), in one
  transaction with the import's audit entry, as the upload did.

Times are the import only (the CSV is parsed once for both, ``parse`` reports it), wall
clock and this process's CPU time (``cpu s``: on SQLite the database's work too; on
PostgreSQL the server's is not in it: a loaded machine stretches the wall clock more). The
coordinator of the demo imports (he may nominate any agency's officials). Queries are
counted with a ``connection.execute_wrapper`` (every statement, insert batches included).

    .venv/bin/python benchmarks/upload_bench.py --database sqlite --rows 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bulk \\
        .venv/bin/python benchmarks/upload_bench.py --database postgresql --rows 5000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))


def _configure(database: str) -> None:
    if database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ["NONPROLIF_DATA_DIR"] = tempfile.mkdtemp(prefix="nonprolif-upload-bench-")
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            raise SystemExit("--database postgresql needs DATABASE_URL=postgres://…/<name>")
        _create_database(url)
        os.environ.setdefault("NONPROLIF_DATA_DIR", tempfile.mkdtemp(prefix="nonprolif-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    import django

    django.setup()


def _create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        found = connection.execute(query, [name]).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def per_row_import(*, actor, program, item, rows):
    """The upload as it was: the officials read once, then each row checked and written on
    its own (``nomination_errors`` then ``write_nomination``: a Nomination row and an audit
    entry each), and the import's audit entry, in one transaction."""
    from django.db import transaction
    from django.db.models.functions import Lower

    from nonprolif.core.domain.audit import record
    from nonprolif.core.models import Official
    from nonprolif.training.nominations.domain.nominations import (
        NominationInput,
        nomination_errors,
        write_nomination,
    )

    visible = Official.objects.visible_to(actor).select_related("agency")
    by_id = {o.pk: o for o in visible.filter(pk__in={r.official_id for r in rows})}
    emails = {r.email.lower() for r in rows if r.email}
    by_email = {
        o.email.lower(): o
        for o in visible.annotate(e=Lower("email")).filter(e__in=emails).order_by("pk")
    }
    good, taken, bad = [], set(), 0
    for row in rows:
        official = (
            by_id.get(row.official_id) if row.official_id else by_email.get(row.email.lower())
        )
        data = NominationInput(
            official=official,
            language=row.language,
            unavailable=row.unavailable,
            preferences=row.preferences,
        )
        errors = nomination_errors(actor=actor, program=program, item=item, data=data, taken=taken)
        if official is not None:
            taken.add(official.pk)
        if errors or row.errors:
            bad += 1
        else:
            good.append(data)
    if bad:
        raise SystemExit(f"per-row: {bad} bad rows in a benchmark file")
    created = []
    with transaction.atomic():
        for data in good:
            created.append(write_nomination(actor=actor, program=program, item=item, data=data))
        record(
            actor=actor,
            action="nomination.import",
            obj=program,
            changes={"item_key": [None, str(item.key)], "imported": [None, len(created)]},
        )
    return created


def _setup(rows: int, seed: int):
    from django.core.management import call_command

    from nonprolif.core.models import Agency, Official, Seniority, User
    from nonprolif.program.models import Program
    from nonprolif.training.models.nomination import ItemSettings
    from nonprolif.training.nominations.queries import nomination_items

    call_command("migrate", verbosity=0)
    if not Program.objects.filter(code="mx-2009").exists():
        call_command("seed", demo=True, verbosity=0)
    program = Program.objects.get(code="mx-2009")
    item = next(i for i in nomination_items(program) if not i.senior)
    ItemSettings.objects.filter(program=program, item_key=item.key).update(
        nomination_opens=None, nomination_closes=None
    )
    actor = User.objects.get(username="coordinador")
    agencies = list(Agency.objects.filter(pk__in=item.plan.target_agency_ids))
    rng = random.Random(seed)
    tag = f"{time.time_ns():x}"
    Official.objects.bulk_create(
        Official(
            agency=rng.choice(agencies),
            given_names=f"Bench{i}",
            family_names=f"Upload {tag}",
            seniority=Seniority.WORKING,
            email=f"bench-{tag}-{i}@example.org",
            language=rng.choice(["es-mx", "en"]),
        )
        for i in range(2 * rows)
    )
    officials = list(
        Official.objects.filter(family_names=f"Upload {tag}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = item.plan.cohort_count or 1

    def csv(ids) -> bytes:
        lines = ["official_id,language,preferences"]
        for pk in ids:
            prefs = rng.sample(range(1, count + 1), k=rng.randint(0, count))
            lines.append(f'{pk},{rng.choice(["", "en", "es-mx"])},"{",".join(map(str, prefs))}"')
        return ("\n".join(lines) + "\n").encode()

    return actor, program, item, csv(officials[:rows]), csv(officials[rows:])


def _counting(statements: list[str]):
    """An execute wrapper that keeps every statement run in ``statements``."""

    def wrapper(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _configure(args.database)

    from django.db import connection

    from nonprolif.training.models.nomination import Nomination
    from nonprolif.training.nominations.domain.upload import import_nominations
    from nonprolif.training.nominations.imports import parse_upload

    actor, program, item, ours_csv, baseline_csv = _setup(args.rows, args.seed)
    actor.role_names  # noqa: B018 (read once, as the request's middleware does)

    started = time.perf_counter()
    ours_rows, errors = parse_upload("ours.csv", ours_csv)
    parse_s = time.perf_counter() - started
    baseline_rows, baseline_errors = parse_upload("per-row.csv", baseline_csv)
    assert not errors, errors
    assert not baseline_errors, baseline_errors

    results = {}
    for name, run in (
        (
            "ours",
            lambda: (
                import_nominations(actor=actor, program=program, item=item, rows=ours_rows).created
            ),
        ),
        (
            "per-row",
            lambda: per_row_import(actor=actor, program=program, item=item, rows=baseline_rows),
        ),
    ):
        statements: list[str] = []
        with connection.execute_wrapper(_counting(statements)):
            started, cpu = time.perf_counter(), time.process_time()
            created = run()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert len(created) == args.rows, (name, len(created))
        assert Nomination.objects.filter(pk__in=[n.pk for n in created]).count() == args.rows
        results[name] = (seconds, cpu, len(statements))

    ours_s, ours_cpu, ours_q = results["ours"]
    base_s, base_cpu, base_q = results["per-row"]
    print(f"database: {connection.vendor}, rows: {args.rows}, parse: {parse_s:.2f} s")
    print(f"{'method':<8} {'import s':>9} {'cpu s':>7} {'queries':>8} {'x ours':>7}")
    print(f"{'ours':<8} {ours_s:>9.2f} {ours_cpu:>7.2f} {ours_q:>8} {1:>7.1f}")
    print(f"{'per-row':<8} {base_s:>9.2f} {base_cpu:>7.2f} {base_q:>8} {base_s / ours_s:>7.1f}")
    print(f"ratio per-row / ours: {base_s / ours_s:.1f}")


if __name__ == "__main__":
    main()
