"""Nominating the officials of an upload (CSV or XLSX, read by
:mod:`nonprolif.training.nominations.imports`): all or nothing, or only the good rows."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

import nonprolif.training.nominations.rules  # noqa: F401 (registers the permissions)
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Official, User
from nonprolif.program.models import Program
from nonprolif.training.models.nomination import Nomination
from nonprolif.training.nominations.domain.nominations import (
    NominationInput,
    nomination_errors,
    write_nomination,
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

    Side effects: one Nomination row and one audit entry ("nomination.submit") per row
    imported, one audit entry ("nomination.import") on the program when any was.
    PermissionDenied unless the actor may nominate (a coordinator or a liaison).
    """
    if not (actor.has_perm("training.manage_seats", program) or actor.has_role("liaison")):
        raise PermissionDenied(_("You are not allowed to do this."))
    report = ImportReport(rows=len(rows), only_good=only_good)
    if file_errors:
        report.errors.extend(file_errors)
        return report
    visible = Official.objects.visible_to(actor).select_related("agency")
    ids = {row.official_id for row in rows if row.official_id is not None}
    emails = {row.email.lower() for row in rows if row.email}
    by_id = {o.pk: o for o in visible.filter(pk__in=ids)}
    by_email: dict[str, Official] = {}
    if emails:
        found = visible.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        for match in found.order_by("pk"):
            by_email.setdefault(match.email.lower(), match)
    good: list[NominationInput] = []
    taken: set[int] = set()
    for row in rows:
        row_errors = list(row.errors)
        official = None
        if row.official_id is not None:
            official = by_id.get(row.official_id)
        elif row.email:
            official = by_email.get(row.email.lower())
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
        checks = nomination_errors(actor=actor, program=program, item=item, data=data, taken=taken)
        for name, message in checks.items():
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
            good.append(data)
    if report.errors and not only_good:
        return report
    if not good:
        return report
    with transaction.atomic():
        for data in good:
            report.created.append(
                write_nomination(actor=actor, program=program, item=item, data=data)
            )
        record(
            actor=actor,
            action="nomination.import",
            obj=program,
            changes={
                "item_key": [None, str(item.key)],
                "imported": [None, len(report.created)],
                "rejected_rows": [None, report.bad_rows],
            },
        )
    return report
