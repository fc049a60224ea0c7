"""Run the load benchmark: start ``nonprolif serve`` on the generated database, run the
locust scenarios (``locustfile.py``) headless in two modes, print requests/s, p50, p95 and p99
per page and the errors, and stop the server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gen NONPROLIF_DATA_DIR=.data \\
        PYTHONPATH=src python benchmarks/load/run.py [--users 50] [--time 60s]

Modes: ``people`` (each user waits 1-3 s between requests; the target is a p95 under 200 ms
and no error) and ``saturation`` (no wait: the throughput the server reaches). The server
listens on 127.0.0.1 only, without TLS: the run sets SESSION_COOKIE_SECURE=0 and
CSRF_COOKIE_SECURE=0 for it. The database needs a generated data set made with enough logins
(``nonprolif generate --logins-per-role 15``), so that no two simulated users share an
authenticator code. locust comes from benchmarks/requirements.txt.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLICES = 15  # pools of writes per agency: one per liaison login of the agency


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    import django

    django.setup()


def write_targets(path: Path) -> None:
    """What the scenarios visit and write: per program its items, sessions, past sessions;
    the meetings with their agencies; per agency, officials free to nominate (not nominated
    for the item) and submitted nominations to withdraw; names to search for."""
    from django.db.models import Q
    from django.utils import timezone

    from nonprolif.core.models import Agency, Official
    from nonprolif.events.models import Conference, Meeting
    from nonprolif.program.models import Program, ProposalItem
    from nonprolif.seed.generate import AGENCY_PREFIX, PROGRAM_PREFIX
    from nonprolif.training.models import Nomination, Session

    rng = random.Random(1)
    today = timezone.localdate()
    programs = []
    for program in Program.objects.filter(code__startswith=PROGRAM_PREFIX).order_by("code"):
        items = ProposalItem.objects.filter(proposal__program=program, kind="training")
        sessions = Session.objects.filter(program=program)
        everyone = sessions.filter(target_agencies__isnull=True, audience="everyone")
        programs.append(
            {
                "code": program.code,
                "items": [str(i.key) for i in items],
                "open_items": [str(i.key) for i in items if not i.target_agencies.exists()],
                "sessions": list(sessions.values_list("pk", flat=True)),
                "open_sessions": list(everyone.values_list("pk", flat=True)),
                "past_sessions": list(
                    everyone.filter(end__lt=today, participants__isnull=False)
                    .distinct()
                    .values_list("pk", flat=True)
                ),
            }
        )
    meetings = [
        {"id": m.pk, "agencies": list(m.agencies.values_list("pk", flat=True))}
        for m in Meeting.objects.filter(program__code__startswith=PROGRAM_PREFIX).order_by("pk")
    ]
    first = programs[0]
    open_item = str(first["open_items"][0])
    nominated = set(
        Nomination.objects.filter(program__code=first["code"], item_key=open_item).values_list(
            "official_id", flat=True
        )
    )
    agencies = {}
    for agency in Agency.objects.filter(code__startswith=AGENCY_PREFIX, kind="national"):
        free = [
            [first["code"], open_item, pk]
            for pk in Official.objects.filter(agency=agency, seniority="working")
            .order_by("pk")
            .values_list("pk", flat=True)[:3000]
            if pk not in nominated
        ][: 40 * SLICES]
        submitted = list(
            Nomination.objects.filter(agency=agency, status="submitted")
            .order_by("pk")
            .values_list("pk", flat=True)[: 40 * SLICES]
        )
        agencies[agency.code] = {"free": free, "submitted": submitted}
    names = sorted(
        {
            name.split()[0].lower()
            for name in Official.objects.filter(~Q(family_names=""))
            .order_by("pk")
            .values_list("family_names", flat=True)[:500]
        }
    )
    conference = Conference.objects.filter(acronym__startswith=PROGRAM_PREFIX).first()
    rng.shuffle(names)
    path.write_text(
        json.dumps(
            {
                "programs": programs,
                "meetings": meetings,
                "agencies": agencies,
                "slices": SLICES,
                "names": names[:50],
                "conference": conference.pk if conference else None,
            }
        ),
        encoding="utf-8",
    )


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"run.py: the server did not answer {url} within {seconds:.0f} s")


def summarise(prefix: Path, mode: str) -> None:
    stats = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115
    print(f"\n### {mode}\n")
    print("| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    rows = [row for row in stats if row["Name"] != "Aggregated"]
    rows.sort(key=lambda row: -float(row["95%"] or 0))
    for row in [*rows, *[r for r in stats if r["Name"] == "Aggregated"]]:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    failures = list(
        csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8"))  # noqa: SIM115
    )
    if failures:
        print("\nerrors:")
        for row in failures:
            print(f"- {row['Name']}: {row['Error'][:160]} (x{row['Occurrences']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="60s", help="locust -t for each mode (default 60s)")
    parser.add_argument("--modes", default="people,saturation")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--serve-args",
        default="--threads 8",
        help="options of `nonprolif serve` (default --threads 8)",
    )
    parser.add_argument("--logins", help="the logins file (default DATA_DIR/generated-logins.json)")
    parser.add_argument("--out", help="locust CSV directory (default DATA_DIR/load)")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("run.py: set DATABASE_URL to the generated PostgreSQL database", file=sys.stderr)
        return 2
    setup()
    from django.conf import settings

    out = Path(args.out or settings.DATA_DIR / "load")
    out.mkdir(parents=True, exist_ok=True)
    logins = Path(args.logins or settings.DATA_DIR / "generated-logins.json")
    targets = out / "targets.json"
    write_targets(targets)
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    command = [sys.executable, "-m", "nonprolif.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(args.port), *shlex.split(args.serve_args)]
    print("server:", " ".join(command), flush=True)
    server = subprocess.Popen(command, env=env)
    try:
        host = f"http://127.0.0.1:{args.port}"
        wait_for(f"{host}/login/", 120)
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            prefix = out / mode
            locust = [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py")]
            locust += ["--headless", "-u", str(args.users), "-r", str(args.spawn_rate)]
            locust += ["-t", args.time, "--host", host, "--csv", str(prefix), "--only-summary"]
            # Statistics restart once every user is spawned: the sign-ins of the ramp-up
            # (Argon2, slow on purpose) stay in the log, not in the table.
            locust += ["--stop-timeout", "35", "--reset-stats"]
            run_env = {
                **env,
                "LOAD_MODE": mode,
                "LOAD_LOGINS": str(logins),
                "LOAD_TARGETS": str(targets),
            }
            print(f"\nmode {mode}:", " ".join(locust), flush=True)
            with open(f"{prefix}.log", "w", encoding="utf-8") as log:
                subprocess.run(locust, env=run_env, check=False, stdout=log, stderr=log)
            summarise(prefix, mode)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
