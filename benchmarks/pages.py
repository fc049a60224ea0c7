"""The single-user table: every main page and API list, per role, at national scale.

Against a database made by ``nonprolif generate`` (DATABASE_URL, PostgreSQL for the figures
that count), in-process: Django's test Client (no network, no WSGI server) signed in with
``force_login`` and, for the roles that need a second factor, a session marked verified the
way ``tests/conftest.py`` does (the device id in the session). Each page is fetched once to
warm up, then ``--runs`` times; printed: the median time, the SQL queries
(CaptureQueriesContext), the bytes of the body, and a mark where the median exceeds 150 ms or
the body 300 KB (the targets of issue 10). A page whose first fetch takes over
``--slow`` seconds is measured once (that fetch), so the slowest pages do not take minutes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gen \\
        PYTHONPATH=src python benchmarks/pages.py [--runs 5] [--roles coordinator,liaison]

Reads are audited as in production: the run adds read entries to the audit trail of the
generated database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

TARGET_MS = 150
TARGET_BYTES = 300 * 1024

ROLES = {
    "coordinator": "gen-coordinator",
    "liaison": "gen-liaison-sdn",  # the largest agency: the liaison's worst case
    "partner": "gen-partner",
    "auditor": "gen-auditor",
}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    hosts = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1")
    os.environ["ALLOWED_HOSTS"] = f"{hosts},testserver"
    import django

    django.setup()


@dataclass
class Row:
    role: str
    page: str
    status: int
    median_ms: float
    runs: int
    queries: int
    size: int

    @property
    def marks(self) -> str:
        marks = []
        if self.status != 200:
            marks.append(f"HTTP {self.status}")
        if self.median_ms > TARGET_MS:
            marks.append(f"> {TARGET_MS} ms")
        if self.size > TARGET_BYTES:
            marks.append("> 300 KB")
        return ", ".join(marks)


def targets() -> list[tuple[str, str]]:
    """(page, URL) of every page and API list measured, on the first generated program."""
    from nonprolif.events.models import Conference
    from nonprolif.program.models import Program, ProposalItem
    from nonprolif.seed.generate import PROGRAM_PREFIX
    from nonprolif.training.models import Session

    program = Program.objects.filter(code__startswith=PROGRAM_PREFIX).order_by("code").first()
    if program is None:
        sys.exit("pages.py: no generated program; run `nonprolif generate` first")
    code = program.code
    item = ProposalItem.objects.filter(
        proposal__program=program, kind="training", target_agencies__isnull=True
    ).order_by("number")[0]
    past = (
        Session.objects.filter(item=item, participants__isnull=False, end__lt=time_today())
        .order_by("start")
        .first()
    )
    session = past or Session.objects.filter(item=item).order_by("start").first()
    if session is None:
        sys.exit("pages.py: the generated program has no session")
    conference = Conference.objects.filter(program=program).order_by("pk").first()
    pages = [
        ("home", "/"),
        ("program detail", f"/programs/{code}/"),
        ("item nominations", f"/programs/{code}/nominations/{item.key}/"),
        ("nomination index", f"/programs/{code}/nominations/"),
        ("session", f"/sessions/{session.pk}/"),
        ("assignment", f"/programs/{code}/assignment/"),
        ("attendance", f"/sessions/{session.pk}/attendance/"),
        ("progress", f"/programs/{code}/progress/"),
        ("certificates", f"/programs/{code}/certificates/"),
        ("officials p1", "/officials/"),
        ("officials p500", "/officials/?page=500"),
        ("officials search", "/officials/?q=garcia"),
        ("action items", f"/programs/{code}/action-items/"),
        ("timeline (calendar)", f"/programs/{code}/timeline/"),
        ("timeline (engagement)", f"/programs/{code}/timeline/engagement/"),
    ]
    if conference is not None:
        pages.append(("conference registrations", f"/conferences/{conference.pk}/registrations/"))
    api = "/api/v1"
    pages += [
        ("API officials", f"{api}/officials"),
        ("API nominations", f"{api}/programs/{code}/nominations"),
        ("API nomination items", f"{api}/programs/{code}/nomination-items"),
        ("API sessions", f"{api}/programs/{code}/sessions"),
        ("API timeline", f"{api}/programs/{code}/timeline"),
        ("API attendance", f"{api}/sessions/{session.pk}/attendance"),
        ("API progress", f"{api}/programs/{code}/progress"),
        ("API certificates", f"{api}/certificates"),
    ]
    return pages


def time_today():
    from django.utils import timezone

    return timezone.localdate()


def client_for(username: str):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from nonprolif.core import queries
    from nonprolif.core.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    if queries.second_factor_required(user):
        device = queries.totp_device_of(user)
        if device is None:
            sys.exit(f"pages.py: {username} has no authenticator; was it generated?")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(client, url: str, runs: int, slow: float) -> tuple[int, float, int, int, int]:
    """(status, median ms, runs, queries, bytes)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - began) * 1000
    body = b"".join(response) if response.streaming else response.content
    queries = len(captured.captured_queries)
    if first > slow * 1000:
        return response.status_code, first, 1, queries, len(body)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        again = client.get(url)
        if again.streaming:
            b"".join(again)
        times.append((time.perf_counter() - began) * 1000)
    return response.status_code, statistics.median(times), runs, queries, len(body)


def cell(row: Row) -> str:
    """``ms (runs) · queries q · KB``, in bold when over a target; the status when not 200."""
    if row.status != 200:
        return f"HTTP {row.status}"
    text = f"{row.median_ms:.0f} ({row.runs}) · {row.queries} q · {row.size / 1024:.0f} KB"
    return f"**{text}**" if row.marks else text


def pivot(rows: list[Row], pages: list[str], roles: list[str]) -> str:
    """A Markdown table: a line per page, a column per role."""
    by_key = {(row.page, row.role): row for row in rows}
    lines = [
        "| page | " + " | ".join(roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for page in pages:
        cells = [cell(by_key[page, role]) if (page, role) in by_key else "" for role in roles]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed fetches per page (default 5)")
    parser.add_argument(
        "--slow", type=float, default=3.0, help="measure once when the first fetch is slower"
    )
    parser.add_argument("--roles", default=",".join(ROLES), help="comma separated roles")
    args = parser.parse_args(argv)
    setup()
    from django.db import connection

    from nonprolif.core.models import Official
    from nonprolif.training.models import Nomination

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"{Official.objects.count():,} officials, {Nomination.objects.count():,} nominations"
    )
    pages = targets()
    rows: list[Row] = []
    roles = [role.strip() for role in args.roles.split(",") if role.strip()]
    for role in roles:
        client = client_for(ROLES[role])
        client.get("/")  # warm up: the first request of a client pays for imports and caches
        for page, url in pages:
            status, median, runs, queries, size = measure(client, url, args.runs, args.slow)
            rows.append(Row(role, page, status, median, runs, queries, size))
            print(
                f"  {role:11} {page:26} {status} {median:9.0f} ms  {queries:4} q "
                f"{size / 1024:8.1f} KB",
                file=sys.stderr,
                flush=True,
            )
    print()
    print(pivot(rows, [page for page, _url in pages], roles))
    ok = [r for r in rows if r.status == 200]
    over = [r for r in ok if r.median_ms > TARGET_MS or r.size > TARGET_BYTES]
    print()
    print(
        f"{len(rows)} measurements, {len(ok)} answered 200; {len(over)} of those over a target "
        f"(median {TARGET_MS} ms or {TARGET_BYTES // 1024} KB)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
