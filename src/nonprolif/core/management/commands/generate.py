"""``manage.py generate``: a seeded national-scale data set for benchmarks and load tests."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.seed.generate import (
    AGENCY_PREFIX,
    DEFAULT_PASSWORD,
    GenerationRefusedError,
    GenerationSpec,
    generate,
)


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Generate a seeded national-scale data set (agencies of Zipf-like sizes, officials, "
        "programs with items and sessions, nominations, attendance, certificates, meetings "
        "and action items, a conference with registrations) with bulk inserts, and sign-in "
        "accounts for the load test. The database must be migrated and hold no data that "
        f"were not generated (generated agencies are coded {AGENCY_PREFIX}…) unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--officials", type=_count, default=50_300, help="default 50300")
        parser.add_argument("--nominations", type=_count, default=200_000, help="default 200000")
        parser.add_argument("--programs", type=_count, default=20, help="default 20")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"password of every generated login (default {DEFAULT_PASSWORD})",
        )
        parser.add_argument(
            "--logins-per-role",
            type=_count,
            default=1,
            help="accounts per role and per agency for the liaisons (default 1)",
        )
        parser.add_argument(
            "--logins-file",
            metavar="PATH",
            help="where to write the logins as JSON (default DATA_DIR/generated-logins.json)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add the generated data beside data that were not generated",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["officials"] < 1 or options["programs"] < 1:
            raise CommandError("--officials and --programs: at least 1")
        if options["logins_per_role"] < 1:
            raise CommandError("--logins-per-role: at least 1")
        try:
            validate_password(options["password"])
        except ValidationError as error:
            raise CommandError("--password: " + " ".join(error.messages)) from None
        logins_file = Path(options["logins_file"] or settings.DATA_DIR / "generated-logins.json")
        spec = GenerationSpec(
            officials=options["officials"],
            nominations=options["nominations"],
            programs=options["programs"],
            seed=options["seed"],
            password=options["password"],
            logins_per_role=options["logins_per_role"],
            logins_file=logins_file,
            force=options["force"],
        )
        try:
            result = generate(spec)
        except GenerationRefusedError as error:
            raise CommandError(f"refused: {error}") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        for label, count in sorted(result.counts.items()):
            self.stdout.write(f"{label:32} {count:>9,}")
        self.stdout.write(f"logins ({len(result.logins)}) written to {logins_file}")
        steps = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.steps.items())
        self.stdout.write(f"generated in {result.seconds:.1f} s ({steps})")
