"""``manage.py intel export (--report ID | --query WORDS) --output FILE --as USER`` and
``manage.py intel import FILE --as USER``: STIX 2.1 bundles from the shell, through the same
services and access rule as the pages and the API (an export carries only the reports the
user may read; an import is all-or-nothing). Both are audited, a refusal as denied."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import translation

from nonprolif.core.management.commands.account import acting_user
from nonprolif.core.management.commands.seed import validation_message
from nonprolif.intel.exchange.domain import (
    export_bundle,
    import_bundle,
    max_import_bytes,
    refuse_export,
)
from nonprolif.intel.exchange.queries import search_reports
from nonprolif.intel.reports.queries import get_report_for


class Command(BaseCommand):
    help = (
        "Exchange intelligence reports as STIX 2.1 bundles: export one report (--report) or "
        "the reports a search matches (--query) to a file, as the user named with --as (only "
        "what he may read); import a bundle as draft reports of his agency, all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = actions.add_parser(
            "export", help="write a report or a search's results as a STIX 2.1 bundle"
        )
        which = export.add_mutually_exclusive_group(required=True)
        which.add_argument("--report", type=int, metavar="ID", help="the report's id")
        which.add_argument("--query", metavar="WORDS", help="the search's words")
        export.add_argument("--output", required=True, metavar="FILE", help="the bundle file")
        export.add_argument("--as", required=True, dest="acting", metavar="USER")
        imports = actions.add_parser("import", help="import a STIX 2.1 bundle as draft reports")
        imports.add_argument("file", metavar="FILE", help="the bundle (JSON)")
        imports.add_argument("--as", required=True, dest="acting", metavar="USER")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["acting"])
        with translation.override(user.language or None):
            try:
                if options["action"] == "export":
                    self.export(user, options)
                else:
                    self.import_(user, options)
            except ValidationError as error:
                raise CommandError(validation_message(error)) from error
            except PermissionDenied as error:
                raise CommandError(f"as: {error}") from error

    def export(self, user, options: dict[str, Any]) -> None:
        if options["report"] is not None:
            try:
                reports: Any = [get_report_for(user, options["report"])]
            except Http404 as error:
                refuse_export(actor=user, report_id=options["report"])
                raise CommandError(f"report: there is no report {options['report']}.") from error
            query = None
        else:
            query = options["query"].strip()
            if not query:
                raise CommandError("query: give the words to search for.")
            reports = search_reports(user, query)
        bundle, exported = export_bundle(actor=user, reports=reports, query=query)
        try:
            Path(options["output"]).write_text(bundle.serialize(pretty=True), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"output: {error}") from error
        self.stdout.write(f"{len(exported)} report(s) written to {options['output']}.")

    def import_(self, user, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > max_import_bytes():
                raise CommandError(f"file: larger than {max_import_bytes()} bytes.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"file: {error}") from error
        result = import_bundle(actor=user, data=data)
        for report in result.reports:
            self.stdout.write(f"{report.reference}\t{report.stix_id}")
        self.stdout.write(
            f"{len(result.reports)} report(s) imported as drafts, "
            f"{result.entities_created} new entit(ies), {result.links} link(s)."
        )
