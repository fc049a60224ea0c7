"""Nominating the officials of an upload (CSV or XLSX, read by
:mod:`nonprolif.training.nominations.imports`): all or nothing, or only the good rows."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Official, User
from nonprolif.program.models import Program
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.domain.nominations import (
    ItemChecks,
    NominationInput,
    item_checks,
    new_nomination,
)
from nonprolif.training.nominations.imports import ParsedRow, RowError
from nonprolif.training.nominations.queries import NominationItem


@dataclass
class ImportReport:
    """What an upload did: the nominations created and the errors of each bad row."""

    created: list[Nomination] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    only_good: bool = False

    @property
    def imported(self) -> bool:
        return bool(self.created)

    @property
    def bad_rows(self) -> int:
        return len({error.row for error in self.errors})


# Which upload column a nomination field comes from (for the row report).
FIELD_COLUMNS = {
    "official": "official",
    "language": "language",
    "unavailable": "unavailable",
    "preferences": "preferences",
    "__all__": "",
}


# The fields of a nomination that come from an upload's cells, validated row by row (its
# other fields are set by the service: the program, the item, the official read for the
# whole upload, the actor, the status and the times).
CELL_FIELDS = {"language", "unavailable", "preferences"}
NOT_CELLS = [f.name for f in Nomination._meta.concrete_fields if f.name not in CELL_FIELDS]


def import_nominations(
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    rows: Sequence[ParsedRow],
    file_errors: Iterable[RowError] = (),
    only_good: bool = False,
) -> ImportReport:
    """Nominate the officials of an upload's ``rows`` (parsed by
    ``nonprolif.training.nominations.imports``: each with its row number, the values it could
    read and the errors of its cells; ``file_errors``: errors of the file itself, such as a
    missing column, which import nothing even with ``only_good``).

    All or nothing: when any row is bad nothing is imported and the report lists every error
    (row, column, why); with ``only_good`` the good rows are imported and the bad ones
    reported. Officials are looked up among those the actor can see (by id or e-mail), so an
    official of another agency is "unknown" to a liaison.

    Every row is checked first, against what is read once for the whole upload (the
    officials named, by id and by e-mail; those already nominated for the item; the item's
    agencies and window), then the good rows are written together: a fixed number of
    queries whatever the number of rows (the inserts go in batches where the database limits
    the size of one statement, as SQLite does). The nominations are those a nomination one
    by one would make (status "submitted", awaiting the coordinator); their waitlist order
    (``order_at``) follows the rows, a microsecond apart, as if they had been made one after
    the other in the file's order.

    Side effects, in one transaction: one Nomination row per row imported and one audit
    entry ("nomination.import", on the program) whose object ids are the nominations created.
    No e-mail: a nomination tells nobody until the assignment places it. When another
    nomination of one of the officials is made at the same moment, nothing is imported and
    his row is reported. PermissionDenied unless the actor may nominate (a coordinator or a
    liaison).
    """
    if not (actor.has_perm("training.manage_seats", program) or actor.has_role("liaison")):
        raise PermissionDenied(_("You are not allowed to do this."))
    report = ImportReport(rows=len(rows), only_good=only_good)
    if file_errors:
        report.errors.extend(file_errors)
        return report
    officials = _named_officials(actor, rows)
    checks = item_checks(
        actor=actor, program=program, item=item, officials=[o for o in officials if o]
    )
    good = _checked_rows(report, checks, rows, officials)
    if (report.errors and not only_good) or not good:
        return report
    try:
        report.created = _write(actor=actor, program=program, item=item, good=good, report=report)
    except IntegrityError:
        # Another nomination of one of these officials was committed since the check (the
        # one-active-nomination constraint): report his row, write nothing.
        fresh = item_checks(
            actor=actor, program=program, item=item, officials=[data.official for _r, data in good]
        )
        clashes = [
            RowError(
                row.number,
                row.official_column,
                _("The official is already nominated for this item."),
            )
            for row, data in good
            if data.official is not None and data.official.pk in fresh.nominated
        ]
        if not clashes:
            raise
        report.errors = sorted([*report.errors, *clashes], key=lambda error: error.row)
    return report


def _named_officials(actor: User, rows: Sequence[ParsedRow]) -> list[Official | None]:
    """The official each row names, among those the actor can see (None: none such), in two
    queries (by id, by e-mail) whatever the number of rows."""
    visible = Official.objects.visible_to(actor)
    ids = {row.official_id for row in rows if row.official_id is not None}
    emails = {row.email.lower() for row in rows if row.email}
    by_id = {o.pk: o for o in visible.filter(pk__in=ids)} if ids else {}
    by_email: dict[str, Official] = {}
    if emails:
        found = visible.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        for match in found.order_by("pk"):
            by_email.setdefault(match.email.lower(), match)
    return [
        by_id.get(row.official_id)
        if row.official_id is not None
        else (by_email.get(row.email.lower()) if row.email else None)
        for row in rows
    ]


def _checked_rows(
    report: ImportReport,
    checks: ItemChecks,
    rows: Sequence[ParsedRow],
    officials: Sequence[Official | None],
) -> list[tuple[ParsedRow, NominationInput]]:
    """The good rows with their nomination; every error of the bad ones put on ``report``,
    each naming its row and column. No queries."""
    good: list[tuple[ParsedRow, NominationInput]] = []
    taken: set[int] = set()
    for row, official in zip(rows, officials, strict=True):
        row_errors = list(row.errors)
        data = NominationInput(
            official=official,
            language=row.language,
            unavailable=row.unavailable,
            preferences=row.preferences,
        )
        if official is None and not any(e.column == row.official_column for e in row_errors):
            row_errors.append(
                RowError(
                    row.number,
                    row.official_column,
                    _("No official you can see has this id or e-mail."),
                )
            )
        for name, message in checks.errors(data, taken).items():
            if name == "official" and official is None:
                continue
            column = row.official_column if name == "official" else FIELD_COLUMNS.get(name, name)
            if any(e.column == column for e in row_errors):
                continue
            row_errors.append(RowError(row.number, column, message))
        if official is not None:
            taken.add(official.pk)
        if row_errors:
            report.errors.extend(row_errors)
        else:
            good.append((row, data))
    return good


def _write(
    *,
    actor: User,
    program: Program,
    item: NominationItem,
    good: list[tuple[ParsedRow, NominationInput]],
    report: ImportReport,
) -> list[Nomination]:
    """Insert the good rows' nominations and the import's audit entry, in one transaction."""
    now = clock.now()
    nominations = []
    for index, (_row, data) in enumerate(good):
        nomination = new_nomination(
            actor=actor,
            program=program,
            item=item,
            data=data,
            now=now,
            order_at=now + datetime.timedelta(microseconds=index),
        )
        nomination.full_clean(exclude=NOT_CELLS, validate_unique=False, validate_constraints=False)
        nominations.append(nomination)
    with transaction.atomic():
        created = Nomination.objects.bulk_create(nominations)
        record(
            actor=actor,
            action="nomination.import",
            obj=program,
            object_ids=[nomination.pk for nomination in created],
            changes={
                "item_key": [None, str(item.key)],
                "imported": [None, len(created)],
                "rejected_rows": [None, report.bad_rows],
            },
        )
    return created
