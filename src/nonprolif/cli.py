"""The ``nonprolif`` command: run the demo, serve in production, load data, manage accounts."""

import argparse
import atexit
import json
import os
import subprocess
import sys
from pathlib import Path

DESCRIPTION = """\
nonprolif: the program-office platform for a national WMD non-proliferation program.

Data live in NONPROLIF_DATA_DIR (default ./data: the SQLite database and the secret key)
unless DATABASE_URL points to PostgreSQL. Every setting comes from the environment; see
nonprolif/settings.py.
"""

EPILOG = """\
examples:
  nonprolif demo                          try it: built-in 2009 program, demo logins
  nonprolif seed                          load the built-in 2009 program (idempotent)
  nonprolif createuser ana --role liaison --agency SEDENA --as admin
  nonprolif account grant ana coordinator --as admin   (another admin approves:)
  nonprolif account approve 1 --as admin2
  nonprolif serve --host 0.0.0.0 --port 8000 --threads 8
  nonprolif serve --workers 4 --threads 4   4 processes of 4 threads (gunicorn; not on Windows)
  nonprolif worker --workers 2            2 background task workers (database or Redis backend)
  nonprolif review --program mx-2009 --as ana --accept-all
  nonprolif calendar --program mx-2009 --format json
  nonprolif assign --program mx-2009 --dry-run
  nonprolif report --program mx-2009 --lang es --format pdf --output informe.pdf
  nonprolif audit verify                  check the audit trail's hash chain
  nonprolif unlock ana --as admin          lift a sign-in lockout (or --address 10.0.0.7)
  nonprolif generate --officials 50300 --nominations 200000 --programs 20 --seed 1
  nonprolif intel export --report 7 --output informe.json --as analista-sedena
  nonprolif intel import bundle.json --as analista-sedena
  nonprolif screening import-list --source un consolidated.xml
  nonprolif screening screen pedimentos.csv --output results.csv --threshold 0.9
  nonprolif exercise aar --exercise 1 --lang es --format pdf --output aar.pdf
  nonprolif matrix export --program mx-2009 --format xlsx --output matriz-1540.xlsx
  nonprolif manage migrate                any Django management command

Run "nonprolif COMMAND --help" for the options of a command.
"""


# Subcommands that are the Django management command of the same name, options and all.
DJANGO_COMMANDS = {
    "review": "record review decisions on a program's proposal items (coordinators)",
    "calendar": "print a program's training calendar as a table, JSON, CSV or iCalendar",
    "assign": "assign approved nominees to sessions optimally; print the plan and the reasons",
    "report": "write a program status report as a reporting cable (PDF, HTML or Markdown)",
    "worker": "run N background task workers for TASKS_BACKEND (database or Redis)",
    "account": "manage logins as an administrator: roles, agency, activation, role grants",
    "audit": "verify the audit trail's hash chain (audit verify), print its head (audit head)",
    "unlock": "lift the sign-in lockout of a username or a client address (administrators)",
    "otp_reset": "remove a user's lost authenticator and recovery codes (administrators)",
    "generate": "generate a seeded national-scale data set and load-test logins (benchmarks)",
    "intel": "exchange intelligence reports as STIX 2.1 bundles (intel export, intel import)",
    "screening": "import sanctions lists, screen declarations and goods (screening --help)",
    "exercise": "write an exercise's after-action report / improvement plan (PDF or HTML)",
    "matrix": "export a program's UNSCR 1540 implementation matrix (XLSX or PDF)",
}


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _add_address(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=_positive_int, default=8000, help="port to listen on (default 8000)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nonprolif",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo",
        help="run the demo: migrate, load the 2009 program and demo data, serve on localhost",
        description=(
            "Set DEBUG=1 (unless DEBUG is set) and NONPROLIF_TODAY to the demo's date inside "
            "the 2009 program (unless set; empty keeps the real clock), apply the migrations, "
            "load the built-in 2009 program with the demonstration data (fictional officials, "
            "one login per role), "
            "print the demo logins and the address, then run Django's development server."
        ),
    )
    _add_address(demo)
    demo.add_argument(
        "--reload", action="store_true", help="restart the server when the code changes"
    )

    serve = commands.add_parser(
        "serve",
        help="serve in production: collect static files, then run waitress or gunicorn",
        description=(
            "Collect the static files (collectstatic --noinput), then serve the application: "
            "with --workers 1 (the default) in one waitress process of --threads threads; "
            "with more, in that many gunicorn worker processes of --threads threads each, "
            "forked from a master that loaded the application once (POSIX only), which SIGTERM "
            "stops gracefully (requests in progress are finished first). Apply migrations "
            "beforehand with `nonprolif manage migrate`; put a TLS-terminating proxy in front "
            "and set ALLOWED_HOSTS."
        ),
    )
    _add_address(serve)
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="worker processes (default 1; e.g. the number of cores: more need gunicorn)",
    )
    serve.add_argument(
        "--threads", type=_positive_int, default=4, help="threads per worker process (default 4)"
    )
    serve.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="do not collect the static files first (they were collected at installation)",
    )

    seed = commands.add_parser(
        "seed",
        help="load the built-in 2009 program (migrating first if needed); idempotent",
        description=(
            "Apply the migrations if needed, then load the built-in 2009 program: its "
            "agencies, the program, the partner's training proposal with its items and the "
            "meetings. Running it twice changes nothing."
        ),
    )
    seed.add_argument(
        "--demo",
        action="store_true",
        help="also load demonstration data: fictional officials and one login per role",
    )
    seed.add_argument(
        "--document", metavar="PATH", help="load this program document (JSON) instead"
    )
    seed.add_argument(
        "--demo-document", metavar="PATH", help="with --demo: this demo document (JSON) instead"
    )

    createuser = commands.add_parser(
        "createuser",
        help="create a login with a role (coordinator, liaison, partner, auditor, ...)",
        description=(
            "Create a login with one role. Liaisons need a national agency and partners a "
            "partner agency. The password is asked for in a terminal, read from standard "
            "input with --password-stdin, or left unusable with --no-password. Once an "
            "administrator exists, --as ADMIN names the administrator who creates it (a "
            "coordinator or auditor role then waits for another administrator's approval); "
            "without --as, only a fresh install's first logins are created."
        ),
    )
    createuser.add_argument("username", help="the login name")
    createuser.add_argument(
        "--role",
        required=True,
        help="coordinator, liaison, partner, auditor or administrator",
    )
    createuser.add_argument("--agency", metavar="CODE", help="the agency code, e.g. SEDENA")
    createuser.add_argument(
        "--as",
        dest="acting",
        metavar="ADMIN",
        help="the administrator who creates it (required once an administrator exists)",
    )
    createuser.add_argument("--email", default="", help="e-mail address")
    createuser.add_argument("--first-name", default="", help="given names")
    createuser.add_argument("--last-name", default="", help="family names")
    createuser.add_argument(
        "--language", default="es-mx", choices=["es-mx", "en"], help="preferred language"
    )
    password = createuser.add_mutually_exclusive_group()
    password.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    password.add_argument(
        "--no-password", action="store_true", help="no usable password (set one later)"
    )

    for name, summary in DJANGO_COMMANDS.items():
        commands.add_parser(
            name,
            help=summary,
            description=f"{summary}. `nonprolif {name} --help` lists its options.",
            add_help=False,
        )

    commands.add_parser(
        "manage",
        help="run any Django management command (nonprolif manage help lists them)",
        description="Pass everything after `manage` to Django's management commands.",
        add_help=False,
    )
    return parser


def _setup() -> None:
    import django

    django.setup()


# The built-in demo document; its "today" is the date the demo clock shows.
DEMO_DOCUMENT = Path(__file__).resolve().parent / "seed" / "fixtures" / "mx-2009-demo.json"


def demo_today() -> str:
    """The date (YYYY-MM-DD) the built-in demo document fixes for the demo clock."""
    return str(json.loads(DEMO_DOCUMENT.read_text(encoding="utf-8")).get("today") or "")


def _demo(args) -> None:
    os.environ.setdefault("DEBUG", "1")
    # Settings read NONPROLIF_TODAY when they load: set it before django.setup(). Set but
    # empty (NONPROLIF_TODAY=) keeps the real clock.
    os.environ.setdefault("NONPROLIF_TODAY", demo_today())
    _setup()
    from django.core.management import call_command

    # With --reload, Django re-runs this command in a child process (RUN_MAIN=true): the data
    # are loaded once, by the parent.
    if os.environ.get("RUN_MAIN") != "true":
        call_command("seed", demo=True)
        today = os.environ["NONPROLIF_TODAY"]
        if today:
            print(f"\nThe demo clock shows {today} (NONPROLIF_TODAY; set it empty for today).")
        print(f"\nOpen http://{args.host}:{args.port}/ and sign in with a demo login above.")
        print("Stop the server with Ctrl+C.\n", flush=True)
        # The background work (screening batches, reminders) needs a worker: one, beside the
        # server, stopped with it.
        worker = subprocess.Popen([sys.executable, "-m", "nonprolif.cli", "worker"])
        atexit.register(_stop, worker)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=args.reload)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _serve(args) -> None:
    if args.workers > 1 and sys.platform == "win32":
        from django.core.management.base import CommandError

        raise CommandError(
            "--workers: several processes need gunicorn, which does not run on Windows; "
            "use --workers 1 and more --threads"
        )
    _setup()
    from django.core.management import call_command

    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    from nonprolif.wsgi import application  # after collectstatic: WhiteNoise indexes the files

    print(
        f"Serving nonprolif on http://{args.host}:{args.port}/ "
        f"({args.workers} processes of {args.threads} threads)",
        flush=True,
    )
    if args.workers == 1:
        from waitress import serve

        serve(application, host=args.host, port=args.port, threads=args.threads)
    else:
        _gunicorn(application, args)


def _gunicorn(application, args) -> None:
    """Serve ``application`` (loaded here, in the master) with gunicorn: ``args.workers``
    forked processes of ``args.threads`` threads (gthread workers), no access log (as with
    waitress), errors on standard error. SIGTERM: graceful stop (30 s for requests in
    progress); SIGINT: quick stop."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    host = f"[{args.host}]" if ":" in args.host else args.host
    options = {
        "bind": f"{host}:{args.port}",
        "workers": args.workers,
        "worker_class": "gthread",
        "threads": args.threads,
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "graceful_timeout": 30,
        "proc_name": "nonprolif",
        # No control socket: it would be one per user ($HOME/.gunicorn), shared by every
        # instance on the host.
        "control_socket_disable": True,
    }

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    # The workers are forked from this process: none may inherit its database connection.
    connections.close_all()
    Server().run()


def _seed(args) -> None:
    _setup()
    from django.core.management import call_command

    call_command(
        "seed",
        demo=args.demo,
        document=args.document,
        demo_document=args.demo_document,
    )


def _createuser(args) -> None:
    _setup()
    from django.core.management import call_command

    call_command(
        "createuser",
        args.username,
        role=args.role,
        acting=args.acting,
        agency=args.agency,
        email=args.email,
        first_name=args.first_name,
        last_name=args.last_name,
        language=args.language,
        password_stdin=args.password_stdin,
        no_password=args.no_password,
    )


HANDLERS = {"demo": _demo, "serve": _serve, "seed": _seed, "createuser": _createuser}


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process arguments). Returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")

    if argv and argv[0] == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["nonprolif manage", *argv[1:]])
        return 0
    if argv and argv[0] in DJANGO_COMMANDS:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["nonprolif", *argv])
        return 0

    args = build_parser().parse_args(argv)
    from django.core.management.base import CommandError

    try:
        HANDLERS[args.command](args)
    except CommandError as error:
        print(f"nonprolif {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
