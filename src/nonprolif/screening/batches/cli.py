"""The batches' subcommands of ``screening``, the offline tool (nothing is saved as a batch):

- ``screen FILE --output results.csv [--threshold T] [--workers N]``: the file read and
  checked as an upload is, its parties screened against the lists in the database, a progress
  bar on standard error, the matches written as CSV (row, declaration, name, list, entry
  reference, entry name, score, explanation) in row order, best match first. ``--workers N``
  shares the chunks (``SCREENING_CHUNK_SIZE`` rows) among N processes, which inherit the
  index built once; the output is the same whatever N.
- ``goods FILE [--output F]``: the file's goods lines against the control lists, each match
  with its reasons, as CSV on standard output or in F.

A bad file exits with an error listing every bad row (row, column, why).
"""

import csv
import io
import multiprocessing
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from nonprolif.core.spreadsheets import safe_cell
from nonprolif.matching.goods import match_line
from nonprolif.matching.names import NameIndex, Thresholds, screen
from nonprolif.screening.batches import engine
from nonprolif.screening.batches.exports import explanation_text
from nonprolif.screening.batches.reading import BatchFile, PartyRow, error_lines, read_batch
from nonprolif.screening.batches.tasks import chunk_ranges, chunk_size
from nonprolif.screening.models import ListEntry

SCREEN_HEADERS = [
    "row",
    "declaration",
    "name",
    "list",
    "entry_reference",
    "entry_name",
    "score",
    "explanation",
]
GOODS_HEADERS = ["row", "declaration", "description", "regime", "code", "score", "reasons"]


def register(subparsers) -> None:
    screening = subparsers.add_parser(
        "screen", help="screen a batch file's parties against the lists (nothing is saved)"
    )
    screening.add_argument("file", metavar="FILE", help="the batch file (CSV or XLSX)")
    screening.add_argument("--output", required=True, metavar="CSV", help="the results file")
    screening.add_argument(
        "--threshold", type=float, metavar="T", help="one threshold for every list (0 to 1)"
    )
    screening.add_argument(
        "--workers", type=int, default=1, metavar="N", help="processes to share the work"
    )
    screening.set_defaults(handler=screen_command)
    goods = subparsers.add_parser(
        "goods", help="screen a batch file's goods lines against the control lists"
    )
    goods.add_argument("file", metavar="FILE", help="the batch file (CSV or XLSX)")
    goods.add_argument("--output", metavar="CSV", help="the results file (default: print)")
    goods.set_defaults(handler=goods_command)


def read_file(path: str) -> BatchFile:
    """The batch file at ``path``, read and checked; CommandError listing every error."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"file: {error}") from error
    content = read_batch(path, data)
    if content.errors:
        raise CommandError("\n".join(["the file has errors:", *error_lines(content.errors)]))
    return content


# The index and thresholds a worker process screens with (set before the pool forks).
_index: NameIndex | None = None
_thresholds: Thresholds | None = None


def screen_parties(parties: list[PartyRow]) -> list[tuple[PartyRow, Any]]:
    """(party, match) for each match of ``parties`` against the process's index."""
    assert _index is not None
    assert _thresholds is not None
    return [
        (party, match)
        for party in parties
        for match in screen(engine.party_for(party), _index, _thresholds)  # type: ignore[arg-type]
    ]


def _chunks(parties: list[PartyRow]) -> list[list[PartyRow]]:
    ranges = chunk_ranges([party.row for party in parties], chunk_size())
    return [[p for p in parties if start <= p.row < stop] for start, stop in ranges]


def _progress(stderr):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(file=stderr),
        transient=False,
    )


def _results(chunks, workers: int, stderr, total: int):
    """The chunks' results in chunk order, the bar moved as each is done."""
    with _progress(stderr) as bar:
        task = bar.add_task("screening", total=total)
        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                yield screen_parties(chunk)
                bar.advance(task, len(chunk))
            return
        # The children inherit the index (fork) and never touch the database.
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(chunks))) as pool:
            for chunk, found in zip(chunks, pool.imap(screen_parties, chunks), strict=True):
                yield found
                bar.advance(task, len(chunk))


def screen_command(options: dict[str, Any], stdout, stderr) -> int:
    global _index, _thresholds
    threshold = options.get("threshold")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise CommandError("--threshold: a threshold is a score from 0 to 1")
    workers = options.get("workers")
    workers = 1 if workers is None else workers
    if workers < 1:
        raise CommandError("--workers: at least 1")
    content = read_file(options["file"])
    _index = engine.current_index()
    _thresholds = Thresholds(threshold) if threshold is not None else engine.list_thresholds()
    found = []
    for part in _results(_chunks(content.parties), workers, stderr, len(content.parties)):
        found.extend(part)
    references = dict(
        ListEntry.objects.filter(pk__in={int(m.entry_id) for _p, m in found}).values_list(
            "pk", "external_id"
        )
    )
    rows = [
        [
            party.row,
            party.declaration,
            party.name,
            match.source,
            references.get(int(match.entry_id), ""),
            match.entry_name,
            f"{match.score:.4f}",
            explanation_text(engine.explanation(match.explanation)),
        ]
        for party, match in found
    ]
    _write(options["output"], SCREEN_HEADERS, rows, stdout)
    stdout.write(
        f"{len(content.parties)} parties screened, {len(rows)} matches: {options['output']}\n"
    )
    return 0


def goods_command(options: dict[str, Any], stdout, stderr) -> int:
    content = read_file(options["file"])
    index = engine.goods_index()
    rows = []
    for line in content.lines:
        result = match_line(engine.line_for(line), index)  # type: ignore[arg-type]
        for match in engine.goods_alerts(result):
            rows.append(
                [
                    line.row,
                    line.declaration,
                    line.description,
                    match.regime,
                    match.code,
                    f"{match.score:.4f}",
                    explanation_text(engine.explanation(match.reasons)),
                ]
            )
        for number in result.invalid_cas:
            rows.append(
                [
                    line.row,
                    line.declaration,
                    line.description,
                    "",
                    "",
                    "",
                    f"CAS-shaped number with a wrong check digit: {number}",
                ]
            )
    output = options.get("output")
    _write(output, GOODS_HEADERS, rows, stdout)
    if output:
        stdout.write(f"{len(content.lines)} goods lines screened, {len(rows)} matches: {output}\n")
    return 0


def _write(path: str | None, headers: list[str], rows: list[list], stdout) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    if path is None:
        stdout.write(text.getvalue())
        return
    try:
        Path(path).write_text(text.getvalue(), encoding="utf-8")
    except OSError as error:
        raise CommandError(f"--output: {error}") from error
