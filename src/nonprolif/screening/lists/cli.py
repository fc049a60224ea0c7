"""The lists' subcommands of ``screening``: ``import-list --source SOURCE FILE [--list CODE]
[--as USERNAME]`` (the next snapshot of a list and its delta), ``lists`` (every list with its
latest snapshot) and ``load-controls FILE [--as USERNAME]`` (a control-list CSV).

Without ``--as`` the command acts as the system (no permission asked, audited by nobody);
with it, as that user, through the same rules as the pages (a refusal is audited as denied).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from nonprolif.core.management.commands.account import acting_user
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.core.models import User
from nonprolif.screening.lists.domain import import_list, load_controls
from nonprolif.screening.models import ListSnapshot, ListSource, Watchlist


def register(subparsers) -> None:
    imports = subparsers.add_parser(
        "import-list", help="import a list file as the next snapshot of its list"
    )
    imports.add_argument("--source", required=True, choices=ListSource.values)
    imports.add_argument("file", metavar="FILE", help="the list file")
    imports.add_argument(
        "--list", dest="list_code", metavar="CODE", help="the list (default: the source's code)"
    )
    imports.add_argument("--as", dest="acting", metavar="USERNAME", help="act as this user")
    imports.set_defaults(handler=import_list_command)
    lists = subparsers.add_parser("lists", help="every list with its latest snapshot")
    lists.set_defaults(handler=lists_command)
    controls = subparsers.add_parser(
        "load-controls", help="load a control-list CSV (entries created or updated)"
    )
    controls.add_argument("file", metavar="FILE", help="the control-list file (CSV)")
    controls.add_argument("--as", dest="acting", metavar="USERNAME", help="act as this user")
    controls.set_defaults(handler=load_controls_command)


def _actor(options: dict[str, Any]) -> User | None:
    username = options.get("acting")
    return acting_user(username) if username else None


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > settings.UPLOAD_MAX_BYTES:
            raise CommandError(
                f"file: {path} is larger than {settings.UPLOAD_MAX_BYTES} bytes; it was not read."
            )
        return file.read_bytes()
    except OSError as error:
        raise CommandError(f"file: {error}") from error


def _run(service, **kwargs):
    try:
        return service(**kwargs)
    except ValidationError as error:
        raise CommandError(validation_message(error)) from error
    except PermissionDenied as error:
        raise CommandError(f"as: {error}") from error


def import_list_command(options: dict[str, Any], stdout, stderr) -> int:
    actor = _actor(options)
    data = _read(options["file"])
    snapshot = _run(
        import_list,
        source=options["source"],
        data=data,
        file_name=Path(options["file"]).name,
        actor=actor,
        list_code=options.get("list_code"),
    )
    stdout.write(
        f"{snapshot.watchlist.code}: snapshot {snapshot.number}, {snapshot.entry_count} entries "
        f"({snapshot.added_count} added, {snapshot.changed_count} changed, "
        f"{snapshot.removed_count} removed)\n"
    )
    return 0


def lists_command(options: dict[str, Any], stdout, stderr) -> int:
    header = ("code", "source", "snapshot", "published", "entries", "threshold")
    rows = [header]
    latest = {
        snapshot.watchlist_id: snapshot
        for snapshot in ListSnapshot.objects.order_by("watchlist", "number")
    }
    for watchlist in Watchlist.objects.order_by("code"):
        snapshot = latest.get(watchlist.pk)
        rows.append(
            (
                watchlist.code,
                watchlist.source,
                str(snapshot.number) if snapshot else "-",
                str(snapshot.published_on or "-") if snapshot else "-",
                str(snapshot.entry_count) if snapshot else "0",
                f"{watchlist.threshold:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        stdout.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )
    return 0


def load_controls_command(options: dict[str, Any], stdout, stderr) -> int:
    counts = _run(load_controls, data=_read(options["file"]), actor=_actor(options))
    stdout.write(
        f"{counts['entries']} control-list entries: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged\n"
    )
    return 0
