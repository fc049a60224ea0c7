from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nonprolif.api.schema import COMMITTED, render_openapi


class Command(BaseCommand):
    help = "Write the API's OpenAPI document (default: the committed copy in the package)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(COMMITTED), help="file to write; - for stdout")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        document = render_openapi()
        if output == "-":
            self.stdout.write(document, ending="")
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(document)
            self.stdout.write(f"wrote {output}")
