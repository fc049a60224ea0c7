"""``nonprolif audit verify [--head SEQ:HASH]`` and ``nonprolif audit head``: check the audit
trail's hash chain, and print its head for copying to a store outside the database."""

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nonprolif.core.domain.audit import chain_head, verify_chain

HEAD_PATTERN = re.compile(r"^(\d+):([0-9a-f]{64})$")


def parse_head(value: str) -> tuple[int, str]:
    match = HEAD_PATTERN.match(value.strip().lower())
    if match is None:
        raise CommandError(f"--head must be SEQ:HASH (a number, a colon, 64 hex digits): {value}")
    return int(match.group(1)), match.group(2)


class Command(BaseCommand):
    help = (
        "The audit trail's hash chain. `verify` recomputes every entry's hash in sequence "
        "order and exits with status 1 naming the first bad entry (edited, deleted or "
        "reordered); with --head SEQ:HASH it also checks that the chain still holds that "
        "head, copied earlier by `head` to a store outside the database (this catches "
        "entries removed from the end). `head` prints SEQ:HASH of the last entry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="verify|head")
        verify = subcommands.add_parser("verify", help="recompute and check the chain")
        verify.add_argument(
            "--head",
            metavar="SEQ:HASH",
            help="a head printed earlier by `audit head`, which the chain must still contain",
        )
        subcommands.add_parser("head", help="print the head of the chain as SEQ:HASH")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head":
            seq, entry_hash = chain_head()
            self.stdout.write(f"{seq}:{entry_hash}")
            return
        expected = parse_head(options["head"]) if options.get("head") else None
        report = verify_chain(expected_head=expected)
        if not report.ok:
            raise CommandError(
                f"audit chain broken: {report.problem} ({report.checked} entries verified "
                "before it)",
                returncode=1,
            )
        self.stdout.write(
            f"audit chain intact: {report.checked} entries, head {report.head_seq}:"
            f"{report.head_hash}"
        )
