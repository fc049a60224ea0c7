"""Plans and timings of the hottest read queries at national size, before and after.

One run measures two code trees on data built by the same seeded bulk script, each tree on
its own database (its own migrations: the "before" tree has not the indexes of the "after"
tree), and prints the median time of each query, the ratio, and the plans:

    /work/main/.venv/bin/python benchmarks/query_plans.py \\
        --before /path/to/baseline/src --after src --engine postgresql --runs 5

``--engine postgresql`` uses the databases ``queries_before`` and ``queries`` on
127.0.0.1:5432 (EXPLAIN ANALYZE); ``--engine sqlite`` the files ``.data/queries_before.sqlite3``
and ``.data/queries.sqlite3`` (EXPLAIN QUERY PLAN). A database is built on first use (8 to 13
minutes on the loaded 2-core machine): 50,300 officials in 8 national agencies of very
different sizes, 20 programs, about 1,000 sessions, 200,000 nominations, 35,000
participants, about 134,000 attendance marks, about 24,000 certificates, 200 meetings with
2,000 action items, 200,000 audit entries. ``--rebuild`` drops and builds again.

Each side runs in a child process with its tree first on ``PYTHONPATH`` (``_side``), and
goes through the project's own selectors (the queries the pages and the API run), as the
users who run them: a coordinator, and the liaison of the second largest agency.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OFFICIALS = 50_300
NOMINATIONS_PER_ITEM = 1_000
PROGRAMS = 20
ITEMS_PER_PROGRAM = 10
COHORTS_PER_ITEM = 5
SEATS_PER_SESSION = 35
AUDIT_ENTRIES = 200_000
AGENCY_WEIGHTS = [0.34, 0.22, 0.14, 0.10, 0.08, 0.06, 0.04, 0.02]
GIVEN = str.split(
    "María José Juan Luis Ana Carlos Sofía Jorge Lucía Miguel Ángel Fernanda Raúl Mónica "
    "Andrés Verónica Héctor Gabriela Sergio Patricia Jesús Adriana Ramón Elena Óscar Rocío "
    "Iván Beatriz Tomás Isabel Ricardo Alejandra Martín Paola Rubén Claudia Víctor Daniela"
)
FAMILY = str.split(
    "García Hernández Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Flores "
    "Gómez Morales Vázquez Reyes Jiménez Torres Díaz Gutiérrez Ruiz Mendoza Aguilar Ortiz "
    "Moreno Castillo Romero Álvarez Méndez Chávez Rivera Juárez Ramos Domínguez Herrera "
    "Medina Castro Vargas Guzmán Velázquez Muñoz Rojas Núñez Ibáñez Peña Cortés Salazar"
)
POSITIONS = ["Analista", "Director de área", "Subdirector", "Jefe de departamento", "Inspector"]


def _setup(db: str, engine: str) -> None:
    if engine == "postgresql":
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / '.data' / (db + '.sqlite3')}"
    os.environ.setdefault("NONPROLIF_DATA_DIR", str(ROOT / ".data"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    import django

    django.setup()


def _drop(db: str, engine: str) -> None:
    if engine == "postgresql":
        # the PostgreSQL client tools on PATH
        dropdb = ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db]
        subprocess.run(dropdb, check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)  # noqa: S607
    else:
        (ROOT / ".data" / (db + ".sqlite3")).unlink(missing_ok=True)


def _exists(db: str, engine: str) -> bool:
    if engine == "postgresql":
        query = f"SELECT 1 FROM pg_database WHERE datname = '{db}'"  # noqa: S608 (our own name)
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", query]
        done = subprocess.run(psql, capture_output=True, text=True, check=True)
        out = done.stdout.strip()
        return out == "1"
    return (ROOT / ".data" / (db + ".sqlite3")).exists()


def build(seed: int) -> dict[str, float]:
    """Migrate and fill the database with the national data set (bulk inserts)."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction

    from nonprolif.core.models import Agency, AuditEntry, Official, User
    from nonprolif.events.models import ActionItem, Meeting
    from nonprolif.program.models import Program
    from nonprolif.training.models import (
        Attendance,
        Certificate,
        Nomination,
        Session,
        SessionParticipant,
    )

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with transaction.atomic():
        groups = {
            r: Group.objects.get_or_create(name=r)[0]
            for r in ("coordinator", "liaison", "auditor", "partner")
        }
        national = Agency.objects.bulk_create(
            Agency(
                code=f"AG{i}",
                name_es=f"Agencia {i}",
                name_en=f"Agency {i}",
                country="MX",
                kind="national",
            )
            for i in range(len(AGENCY_WEIGHTS))
        )
        partners = Agency.objects.bulk_create(
            Agency(
                code=f"PT{i}",
                name_es=f"Socio {i}",
                name_en=f"Partner {i}",
                country="US",
                kind="partner",
            )
            for i in range(2)
        )
        coordinator = User.objects.create(username="coordinator")
        coordinator.groups.add(groups["coordinator"])
        for agency in national:
            liaison = User.objects.create(username=f"liaison-{agency.code}", agency=agency)
            liaison.groups.add(groups["liaison"])
        agency_of = rng.choices(national, weights=AGENCY_WEIGHTS, k=OFFICIALS)
        officials = []
        for agency in agency_of:
            given = rng.choice(GIVEN) + (" " + rng.choice(GIVEN) if rng.random() < 0.4 else "")
            family = rng.choice(FAMILY) + " " + rng.choice(FAMILY)
            handle = (given.split()[0] + "." + family.split()[0]).lower()
            officials.append(
                Official(
                    agency=agency,
                    given_names=given,
                    family_names=family,
                    position=rng.choice(POSITIONS),
                    email=f"{handle}{rng.randrange(10**6)}@gob.mx",
                    seniority="senior" if rng.random() < 0.1 else "working",
                )
            )
        officials = Official.objects.bulk_create(officials, batch_size=5000)
        programs = []
        for p in range(PROGRAMS):
            programs.append(
                Program.objects.create(
                    code=f"P{p:02}",
                    name_es=f"Programa {p}",
                    name_en=f"Program {p}",
                    country="MX",
                    lead_agency=national[p % len(national)],
                    target_trainees=5000,
                )
            )
            programs[-1].member_agencies.set(national)
            programs[-1].partner_agencies.set([partners[p % 2]])
        sessions = []
        target_rows = []
        item_keys: dict[int, list[uuid.UUID]] = {}
        for program in programs:
            item_keys[program.pk] = [
                uuid.UUID(int=rng.getrandbits(128)) for _ in range(ITEMS_PER_PROGRAM)
            ]
            for number, key in enumerate(item_keys[program.pk], start=1):
                first = date(2024, 1, 8) + timedelta(days=rng.randrange(0, 700))
                targeted = rng.random() < 0.3
                for cohort in range(1, COHORTS_PER_ITEM + 1):
                    start = first + timedelta(days=91 * (cohort - 1))
                    days = [(start + timedelta(days=d)).isoformat() for d in range(5)]
                    sessions.append(
                        Session(
                            program=program,
                            item_key=key,
                            item_number=number,
                            title_es=f"Curso {number}",
                            title_en=f"Course {number}",
                            audience="everyone",
                            cohort=cohort,
                            start=start,
                            end=start + timedelta(days=4),
                            days=days,
                            planned=start,
                            capacity=SEATS_PER_SESSION,
                            planned_capacity=SEATS_PER_SESSION,
                        )
                    )
                    if targeted:
                        target_rows.append((len(sessions) - 1, rng.sample(national, 3)))
            senior = national[program.pk % len(national)]
            start = date(2025, 3, 3)
            sessions.append(
                Session(
                    program=program,
                    item_key=item_keys[program.pk][0],
                    item_number=1,
                    title_es="Curso 1",
                    title_en="Course 1",
                    audience="senior",
                    audience_agency=senior,
                    start=start,
                    end=start + timedelta(days=4),
                    days=[(start + timedelta(days=d)).isoformat() for d in range(5)],
                    planned=start,
                    capacity=SEATS_PER_SESSION,
                    planned_capacity=SEATS_PER_SESSION,
                )
            )
        sessions = Session.objects.bulk_create(sessions, batch_size=2000)
        through = Session.target_agencies.through
        through.objects.bulk_create(
            through(session_id=sessions[i].pk, agency_id=a.pk)
            for i, ags in target_rows
            for a in ags
        )
        by_item: dict[tuple[int, uuid.UUID], list[Session]] = {}
        for s in sessions:
            if s.audience == "everyone":
                by_item.setdefault((s.program_id, s.item_key), []).append(s)
        nominations = []
        for program in programs:
            for key in item_keys[program.pk]:
                for official in rng.sample(officials, NOMINATIONS_PER_ITEM):
                    r = rng.random()
                    status = (
                        "approved"
                        if r < 0.6
                        else "submitted"
                        if r < 0.85
                        else "declined"
                        if r < 0.95
                        else "withdrawn"
                    )
                    at = now - timedelta(minutes=rng.randrange(0, 800_000))
                    nominations.append(
                        Nomination(
                            program=program,
                            item_key=key,
                            official=official,
                            agency_id=official.agency_id,
                            status=status,
                            order_at=at,
                            submitted_at=at,
                        )
                    )
        nominations = Nomination.objects.bulk_create(nominations, batch_size=5000)
        participants = []
        placed = []
        approved: dict[tuple[int, uuid.UUID], list[Nomination]] = {}
        for n in nominations:
            if n.status == "approved":
                approved.setdefault((n.program_id, n.item_key), []).append(n)
        for item, rows in approved.items():
            rows.sort(key=lambda n: n.order_at)
            for index, s in enumerate(by_item[item]):
                for n in rows[index * SEATS_PER_SESSION : (index + 1) * SEATS_PER_SESSION]:
                    participants.append(SessionParticipant(session=s, official_id=n.official_id))
                    n.session = s
                    placed.append(n)
        participants = SessionParticipant.objects.bulk_create(participants, batch_size=5000)
        Nomination.objects.bulk_update(placed, ["session"], batch_size=5000)
        session_by_id = {s.pk: s for s in sessions}
        official_by_id = {o.pk: o for o in officials}
        marks = []
        certificates = []
        for part in participants:
            s = session_by_id[part.session_id]
            if s.start >= date(2026, 1, 1):
                continue
            present = 0
            for day in s.days:
                mark = rng.random() < 0.88
                present += mark
                marks.append(Attendance(participant=part, day=day, present=mark))
            if present >= 4:
                o = official_by_id[part.official_id]
                certificates.append(
                    Certificate(
                        program_id=s.program_id,
                        session=s,
                        official=o,
                        official_name=o.full_name,
                        item_key=s.item_key,
                        item_number=s.item_number,
                        title_es=s.title_es,
                        title_en=s.title_en,
                        start=s.start,
                        end=s.end,
                        days_total=5,
                        days_present=present,
                        completion_percent=80,
                        code=f"{rng.getrandbits(64):016X}",
                        issued_at=datetime.combine(s.end, datetime.min.time(), UTC)
                        + timedelta(days=3, seconds=rng.randrange(86_400)),
                    )
                )
        Attendance.objects.bulk_create(marks, batch_size=5000)
        Certificate.objects.bulk_create(certificates, batch_size=5000)
        meetings = []
        for program in programs:
            for m in range(10):
                meetings.append(
                    Meeting(
                        program=program,
                        title_es=f"Reunión {m}",
                        title_en=f"Meeting {m}",
                        date=date(2024, 1, 15) + timedelta(days=rng.randrange(900)),
                        place="CDMX",
                    )
                )
        meetings = Meeting.objects.bulk_create(meetings)
        mthrough = Meeting.agencies.through
        mthrough.objects.bulk_create(
            mthrough(meeting_id=m.pk, agency_id=a.pk)
            for m in meetings
            for a in rng.sample(national, rng.randrange(2, len(national) + 1))
        )
        members = {}
        for row in mthrough.objects.values_list("meeting_id", "agency_id"):
            members.setdefault(row[0], []).append(row[1])
        ActionItem.objects.bulk_create(
            ActionItem(
                meeting=m,
                title_es=f"Acción {i}",
                title_en=f"Action {i}",
                owner_agency_id=rng.choice(members[m.pk]),
                due_date=m.date + timedelta(days=rng.randrange(10, 200)),
                status=rng.choice(["open", "open", "done", "in_progress"]),
            )
            for m in meetings
            for i in range(10)
        )
        users = list(User.objects.all())
        start = now - timedelta(days=400)
        AuditEntry.objects.bulk_create(
            (
                AuditEntry(
                    seq=i,
                    at=start + timedelta(seconds=i * 170),
                    actor=(actor := rng.choice(users)),
                    actor_name=actor.username,
                    action=rng.choice(
                        ["official.view", "nomination.list", "session.view", "official.update"]
                    ),
                    object_type="core.official",
                    object_id=str(rng.choice(officials).pk),
                    prev_hash="0" * 64,
                    entry_hash="0" * 64,
                )
                for i in range(1, AUDIT_ENTRIES + 1)
            ),
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"build_seconds": time.perf_counter() - started}


def hot_queries():
    """(name, user, function returning the SQL-running thing) for the ten hottest reads."""
    from nonprolif.core.models import AuditEntry, User
    from nonprolif.core.queries import (
        audit_actions,
        audit_entries,
        audit_object_types,
        search_officials,
    )
    from nonprolif.events.coordination.queries.action_items import action_items_for
    from nonprolif.program.models import Program
    from nonprolif.training.attendance.queries import attendance_sheet
    from nonprolif.training.calendar.queries import program_sessions
    from nonprolif.training.certificates.queries import certificates_for
    from nonprolif.training.models import Session
    from nonprolif.training.nominations.queries import program_nominations
    from nonprolif.training.progress.queries import program_progress

    coordinator = User.objects.get(username="coordinator")
    liaison = User.objects.get(username="liaison-AG1")
    program = Program.objects.get(code="P03")
    session = (
        Session.objects.filter(program=program, audience="everyone", start__lt=date(2026, 1, 1))
        .order_by("pk")
        .first()
    )
    assert session is not None
    del AuditEntry
    return [
        ("officials page 1 by name", coordinator, lambda u: list(search_officials(u)[:50])),
        (
            "officials page 500 by name",
            coordinator,
            lambda u: list(search_officials(u)[24950:25000]),
        ),
        (
            "officials search 'mar gonz'",
            coordinator,
            lambda u: list(search_officials(u, q="mar gonz")[:50]),
        ),
        ("liaison's nominations count", liaison, lambda u: program_nominations(u, program).count()),
        (
            "liaison's nominations page",
            liaison,
            lambda u: list(program_nominations(u, program)[:50]),
        ),
        ("liaison's sessions", liaison, lambda u: list(program_sessions(u, program))),
        (
            "liaison's attendance (API)",
            liaison,
            lambda u: attendance_sheet(u, session, date(2026, 6, 1)),
        ),
        ("liaison's progress", liaison, lambda u: program_progress(u, program)),
        ("coordinator's progress", coordinator, lambda u: program_progress(u, program)),
        ("certificates by date", liaison, lambda u: list(certificates_for(u)[:50])),
        ("action items", liaison, lambda u: list(action_items_for(u)[:50])),
        (
            "audit log, its filters' choices",
            coordinator,
            lambda u: (audit_actions(u), audit_object_types(u)),
        ),
        (
            "audit log of one actor",
            coordinator,
            lambda u: list(audit_entries(u, actor="coordinator")[:50]),
        ),
    ]


def explain(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(f"{row[1]:>3} {row[3]}" for row in cursor.fetchall())


def measure(runs: int) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    for name, user, run in hot_queries():
        user = type(user).objects.get(pk=user.pk)  # fresh role cache
        run(user)  # warm
        times = []
        for _ in range(runs):
            user = type(user).objects.get(pk=user.pk)
            user.role_names  # noqa: B018 (the role query is not the query measured)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                run(user)
                times.append((time.perf_counter() - started) * 1000)
        statements = [q["sql"] for q in ctx.captured_queries]
        plans = [
            (q["sql"], explain(q["sql"], None))
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        results.append(
            {
                "name": name,
                "ms": statistics.median(times),
                "queries": len(statements),
                "plans": plans,
            }
        )
    return results


def side(args) -> None:
    _setup(args.db, args.engine)
    info: dict = {}
    if args.rebuild or not _exists(args.db, args.engine):
        _drop(args.db, args.engine)
        info = build(args.seed)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.no_analyze:  # statistics as a maintained database has them
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    info["results"] = measure(args.runs)
    print(json.dumps(info))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--before", help="the baseline's src directory")
    parser.add_argument("--after", default=str(ROOT / "src"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--plans", action="store_true", help="print every plan")
    parser.add_argument(
        "--no-analyze", action="store_true", help="measure without refreshing the statistics"
    )
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", default="queries", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        side(args)
        return
    sides = [("after", args.after, "queries")]
    if args.before:
        sides.insert(0, ("before", args.before, "queries_before"))
    out = {}
    for label, src, db in sides:
        env = dict(os.environ, PYTHONPATH=str(Path(src).resolve()))
        command = [
            sys.executable,
            __file__,
            "--side",
            "--db",
            db,
            "--engine",
            args.engine,
            "--runs",
            str(args.runs),
            "--seed",
            str(args.seed),
        ]
        if args.rebuild:
            command.append("--rebuild")
        if args.no_analyze:
            command.append("--no-analyze")
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"{label} failed")
        out[label] = json.loads(done.stdout.strip().splitlines()[-1])
        if "build_seconds" in out[label]:
            print(f"{label}: built in {out[label]['build_seconds']:.0f} s")
    print(f"\n{args.engine}, median of {args.runs} runs (ms; queries)\n")
    header = "| query |" + "".join(f" {label} |" for label, _, _ in sides)
    if args.before:
        header += " ratio |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    names = [r["name"] for r in out["after"]["results"]]
    for i, name in enumerate(names):
        cells = []
        for label, _, _ in sides:
            r = out[label]["results"][i]
            cells.append(f"{r['ms']:.1f} ({r['queries']})")
        line = f"| {name} | " + " | ".join(cells) + " |"
        if args.before:
            ratio = out["before"]["results"][i]["ms"] / out["after"]["results"][i]["ms"]
            line += f" {ratio:.1f}x |"
        print(line)
    if args.plans:
        print("\nThe plan of each entry's costliest statement (`--plans`):")
        for i, name in enumerate(names):
            for label, _, _ in sides:
                sql, plan = _costliest(out[label]["results"][i]["plans"])
                print(f"\n<details><summary>{name}: {label}</summary>\n")
                print("```\n" + _shorten(sql) + "\n--\n" + plan + "\n```\n</details>")


def _execution_ms(plan: str) -> float:
    for line in plan.splitlines():
        if line.strip().startswith("Execution Time:"):
            return float(line.split(":")[1].split()[0])
    return len(plan)  # SQLite's EXPLAIN QUERY PLAN has no times: the longest plan


def _costliest(plans: list) -> tuple[str, str]:
    return max(plans, key=lambda pair: _execution_ms(pair[1]), default=("(none)", ""))


def _shorten(sql: str) -> str:
    """The statement without its column list (SELECT … FROM)."""
    head, _, rest = sql.partition(" FROM ")
    if head.startswith("SELECT") and len(head) > 120:
        return "SELECT … FROM " + rest  # noqa: S608 (printed, never run)
    return sql


if __name__ == "__main__":
    main()
