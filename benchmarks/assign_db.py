"""End-to-end benchmark of ``nonprolif assign`` through the database, against the code before.

Builds a seeded program with bulk inserts (its own generator): eight national agencies of
uneven size, ``n / 1000`` training items of 15 monthly cohorts of 60 seats (0.9 seats per
nominee), items starting a week apart (so they overlap in time), one nomination per official
and a second one, for another item, for one official in ten; a quarter of the nominees
unavailable for one cohort, half ranking one to three cohorts; agency seats of 35 % of each
item; at most 40 % of a session from one agency. Then, on the same database, for the code
before (``--baseline``, a source tree such as /work/main/src) and ours (this worktree's
src): a dry run, an applied run (both from an empty assignment) and, for ours, a second
applied run with nothing changed. Each run is a child process (``manage.py assign``
called in it): wall and CPU time (of that process: PostgreSQL's own work is not in it), peak
resident memory, queries, and rows written (the row counts
of its INSERT, UPDATE and DELETE statements).

    .venv/bin/python benchmarks/assign_db.py --nominees 20000 --seed 1 --db sqlite,postgres \\
        --baseline /work/main/src

PostgreSQL: ``--postgres postgres://postgres@127.0.0.1:5432/solver`` (the database is dropped
and made again). SQLite: a fresh file in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OURS = HERE.parent / "src"
AGENCIES = ("CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS")
AGENCY_WEIGHTS = (3, 2, 2, 1.5, 1, 1, 1, 0.5)
PROGRAM = "bench-assign"


# ------------------------------------------------------------------------------------------
# The generator (runs in a child with our code)


def build(n_nominees: int, seed: int) -> dict:
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from nonprolif.core.models import Agency, AgencyKind, Official, Seniority, User
    from nonprolif.core.roles import Role
    from nonprolif.program.domain.review import decide_item
    from nonprolif.program.models import ItemKind, Program, Proposal, ProposalItem
    from nonprolif.training.models import Session
    from nonprolif.training.models.nomination import (
        AgencySeats,
        ItemSettings,
        Nomination,
        NominationStatus,
    )
    from nonprolif.training.nominations.queries import nomination_items

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    agencies = [
        Agency.objects.create(
            code=code,
            name_es=f"Agencia {code}",
            name_en=f"Agency {code}",
            country="MX",
            kind=AgencyKind.NATIONAL,
        )
        for code in AGENCIES
    ]
    partner = Agency.objects.create(
        code="PARTNER", name_es="Socio", name_en="Partner", country="US", kind=AgencyKind.PARTNER
    )
    coordinator = User.objects.create(username="bench-coordinator", agency=agencies[0])
    coordinator.groups.add(Group.objects.get_or_create(name=str(Role.COORDINATOR))[0])
    program = Program.objects.create(
        code=PROGRAM, name_es="Programa", name_en="Program", country="MX", lead_agency=agencies[0]
    )
    program.member_agencies.set(agencies)
    program.partner_agencies.set([partner])
    proposal = Proposal.objects.create(
        program=program,
        submitted_by=partner,
        title_es="Propuesta",
        title_en="Proposal",
        submitted_on=date(2009, 8, 28),
    )
    n_items = max(1, round(n_nominees / 1000))
    for i in range(n_items):
        item = ProposalItem.objects.create(
            proposal=proposal,
            number=i + 1,
            kind=ItemKind.TRAINING,
            title_es=f"Curso {i + 1}",
            title_en=f"Course {i + 1}",
            cohort_size=60,
            cohort_count=15,
            start_date=date(2010, 1, 4) + timedelta(days=7 * i),
            cadence_months=1,
            session_days=5,
        )
        decide_item(item=item, decision="accepted", actor=coordinator)
    items = nomination_items(program)
    cohorts: dict[str, list[tuple[int, date, date]]] = {}
    for s in Session.objects.filter(program=program).order_by("start"):
        cohorts.setdefault(str(s.item_key), []).append((s.cohort, s.start, s.end))
    seats_of = {key: 60 * len(c) for key, c in cohorts.items()}
    for item in items:
        key = str(item.key)
        ItemSettings.objects.create(program=program, item_key=item.key, max_agency_share=40)
        AgencySeats.objects.bulk_create(
            AgencySeats(
                program=program, item_key=item.key, agency=a, seats=math.ceil(0.35 * seats_of[key])
            )
            for a in agencies
        )

    n_officials = round(n_nominees / 1.1)
    officials = Official.objects.bulk_create(
        (
            Official(
                agency=rng.choices(agencies, AGENCY_WEIGHTS)[0],
                given_names=f"Nombre{j}",
                family_names=f"Apellido{j} Pérez",
                position="Analista",
                seniority=Seniority.SENIOR if rng.random() < 0.2 else Seniority.WORKING,
                email=f"official{j}@example.gob.mx",
            )
            for j in range(n_officials)
        ),
        batch_size=2000,
    )
    popularity = [rng.lognormvariate(0, 0.5) for _ in items]
    t0 = datetime(2009, 9, 1, 9, 0, tzinfo=UTC)
    rows = []
    for j in range(n_nominees):
        official = officials[j % n_officials]
        taken = {rows[j - n_officials].item_key} if j >= n_officials else set()
        item = rng.choices(items, popularity)[0]
        while item.key in taken:
            item = rng.choices(items, popularity)[0]
        key = str(item.key)
        unavailable = []
        if rng.random() < 0.25:
            _c, start, end = rng.choice(cohorts[key])
            unavailable = [[start.isoformat(), end.isoformat()]]
        prefs = []
        if rng.random() < 0.5:
            prefs = [c for c, _s, _e in rng.sample(cohorts[key], rng.randint(1, 3))]
        at = t0 + timedelta(seconds=rng.randrange(30 * 86400))
        rows.append(
            Nomination(
                program=program,
                item_key=item.key,
                official=official,
                agency=official.agency,
                status=NominationStatus.APPROVED,
                unavailable=unavailable,
                preferences=prefs,
                order_at=at,
                submitted_at=at,
                submitted_by=coordinator,
                decided_at=at,
                decided_by=coordinator,
            )
        )
    Nomination.objects.bulk_create(rows, batch_size=2000)
    return {
        "seconds": time.perf_counter() - started,
        "items": len(items),
        "sessions": Session.objects.filter(program=program).count(),
        "officials": n_officials,
        "nominations": len(rows),
    }


def reset() -> None:
    """Back to no assignment (participants, runs and nominations' outcomes cleared)."""
    from nonprolif.training.models import SessionParticipant
    from nonprolif.training.models.nomination import AssignmentRun, Nomination

    SessionParticipant.objects.filter(session__program__code=PROGRAM).delete()
    AssignmentRun.objects.filter(program__code=PROGRAM).delete()
    Nomination.objects.filter(program__code=PROGRAM).update(
        session=None, outcome_code="", outcome_details={}, waitlist_rank=None
    )


def assign(dry_run: bool) -> dict:
    from django.core.management import call_command
    from django.db import connection

    counts = {"queries": 0, "rows_written": 0, "writes": 0}

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        counts["queries"] += 1
        words = sql.lstrip().split(None, 1)
        verb = words[0].upper() if words else ""
        if verb == "WITH" and any(w in sql.upper() for w in (" UPDATE ", " INSERT ", " DELETE ")):
            verb = "UPDATE"
        if verb in {"INSERT", "UPDATE", "DELETE"}:
            counts["writes"] += 1
            counts["rows_written"] += max(0, context["cursor"].rowcount)
        return result

    out = open(os.devnull, "w")  # noqa: SIM115 (the command's table is not measured here)
    connection.ensure_connection()
    sqlite = connection.vendor == "sqlite"
    changes_before = connection.connection.total_changes if sqlite else 0
    started = time.perf_counter()
    cpu = time.process_time()
    with connection.execute_wrapper(wrapper):
        args = ["assign", "--program", PROGRAM, "--format", "json"]
        call_command(*args, *(["--dry-run"] if dry_run else []), stdout=out)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if sqlite:  # the sqlite3 module reports no row count for WITH … UPDATE
        counts["rows_written"] = connection.connection.total_changes - changes_before
    from nonprolif.training.models.nomination import AssignmentRun

    run = AssignmentRun.objects.filter(program__code=PROGRAM).order_by("-pk").first()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **counts,
        "optimal": run.optimal if run and not dry_run else None,
        "assigned": run.objective.get("assigned") if run and not dry_run else None,
        "method": run.method if run and not dry_run else None,
    }


def child(what: str, args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    import django

    django.setup()
    if what == "build":
        result = build(args.nominees, args.seed)
    elif what == "reset":
        reset()
        result = {}
    else:
        result = assign(dry_run=what == "dry")
    print("RESULT " + json.dumps(result))


# ------------------------------------------------------------------------------------------
# The harness


def run_child(what: str, src: Path, env: dict, args: argparse.Namespace) -> dict:
    env = {**os.environ, **env, "PYTHONPATH": str(src)}
    cmd = [
        sys.executable,
        __file__,
        "--child",
        what,
        "--nominees",
        str(args.nominees),
        "--seed",
        str(args.seed),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode or not lines:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
    return json.loads(lines[-1][len("RESULT ") :])


def fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nominees", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/solver")
    parser.add_argument("--baseline", type=Path, default=None, help="src of the code before")
    parser.add_argument("--codes", default="baseline,ours", help="which code to run")
    parser.add_argument("--child", default=None)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args)
        return

    head = (
        f"{'db':<9} {'code':<9} {'run':<8} {'time s':>8} {'cpu s':>7} {'x ours':>7} {'peak MB':>8} "
        f"{'queries':>8} {'writes':>7} {'rows written':>12} {'assigned':>8} {'optimal':>7}"
    )
    for db in args.db.split(","):
        with tempfile.TemporaryDirectory() as data_dir:
            env = {"NONPROLIF_DATA_DIR": data_dir}
            if db == "postgres":
                fresh_postgres(args.postgres)
                env["DATABASE_URL"] = args.postgres
            else:
                env["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
            built = run_child("build", OURS, env, args)
            print(f"\n{db}: built {built}", flush=True)
            print(head)
            print("-" * len(head))
            codes = [("ours", OURS)] if "ours" in args.codes else []
            if args.baseline and "baseline" in args.codes:
                codes.insert(0, ("baseline", args.baseline))
            rows = []
            for name, src in codes:
                run_child("reset", OURS, env, args)
                rows.append((name, "dry run", run_child("dry", src, env, args)))
                rows.append((name, "applied", run_child("apply", src, env, args)))
                if name == "ours":
                    rows.append((name, "again", run_child("apply", src, env, args)))
            ours = {run: r for name, run, r in rows if name == "ours"}
            for name, run, r in rows:
                if "error" in r:
                    print(f"{db:<9} {name:<9} {run:<8} error: {r['error']}")
                    continue
                base = ours.get(run, {}).get("seconds")
                ratio = r["seconds"] / base if base else float("nan")
                print(
                    f"{db:<9} {name:<9} {run:<8} {r['seconds']:>8.2f} {r.get('cpu', 0):>7.2f} "
                    f"{ratio:>7.1f} "
                    f"{r['peak_mb']:>8.0f} {r['queries']:>8} {r['writes']:>7} "
                    f"{r['rows_written']:>12} {'-' if r['assigned'] is None else r['assigned']:>8} "
                    f"{'-' if r['optimal'] is None else ('yes' if r['optimal'] else 'no'):>7}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
