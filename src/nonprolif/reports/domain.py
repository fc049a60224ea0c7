"""Issuing program status reports: each gets the next reference number of its program and
year, and is recorded in the audit trail."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.models import AuditEntry, User
from nonprolif.events.models.coordination import program_today
from nonprolif.program.models import Program
from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose import check_options, compose_cable
from nonprolif.reports.compose.cable import Cable
from nonprolif.reports.models import ReportSequence
from nonprolif.reports.queries import cable_facts

REPORT_ACTION = "program.report"


def _reports_in_audit_trail(program: Program, year: int) -> int:
    """How many reports the audit trail records for ``program`` in ``year``: where the
    sequence of a program and year starts when it was numbered before sequences existed."""
    return AuditEntry.objects.filter(
        action=REPORT_ACTION,
        object_type=program._meta.label_lower,
        object_id=str(program.pk),
        at__year=year,
    ).count()


def next_reference(*, program: Program, moment: datetime.datetime) -> str:
    """Take the next reference number of ``program``'s reports: CODE-YEAR-SEQUENCE, the
    sequence counting the reports issued for the program in ``moment``'s year.

    Must run inside ``transaction.atomic()``: the program's sequence row for the year is
    locked (SELECT … FOR UPDATE) until the transaction ends, so a concurrent caller waits
    and then takes the number after this one; a rolled-back transaction gives its number
    back. Side effects: creates the sequence row on the year's first report (starting from
    the reports the audit trail already records), adds one to it.
    """
    year = moment.year
    # get_or_create reads under the lock; when two callers create the year's row at once, the
    # unique constraint makes the second one read (and wait for) the first one's row.
    sequence, _created = ReportSequence.objects.select_for_update().get_or_create(
        program=program,
        year=year,
        defaults={"last_number": _reports_in_audit_trail(program, year)},
    )
    sequence.last_number += 1
    sequence.full_clean()
    sequence.save(update_fields=["last_number"])
    return f"{program.code.upper()}-{year}-{sequence.last_number:04d}"


def issue_cable(
    *,
    actor: User,
    program: Program,
    language: str,
    as_of: datetime.date | None = None,
    marking: str = v.DEFAULT_MARKING,
    now: datetime.datetime | None = None,
) -> Cable:
    """Generate the program's status report as ``actor`` sees it (see
    ``reports.queries.build_cable``) and give it the next reference number.

    Side effects, in one transaction: the program's report sequence for the year is created
    or advanced by one (``next_reference``; concurrent reports of one program wait for each
    other there); one audit entry ("program.report") on the program naming the reference,
    language, date and marking. PermissionDenied unless the actor may generate reports
    (coordinators, auditors); ValidationError naming the field on a bad language or
    marking. Either writes nothing.
    """
    if not actor.has_perm("reports.view_program_report", program):
        raise PermissionDenied(_("You are not allowed to do this."))
    check_options(language=language, marking=marking)
    now = now or clock.now()
    as_of = as_of or program_today(program.time_zone, now)
    facts = cable_facts(actor, program, language=language, as_of=as_of)
    with transaction.atomic():
        reference = next_reference(program=program, moment=now)
        cable = compose_cable(
            facts, language=language, marking=marking, reference=reference, now=now
        )
        record(
            actor=actor,
            action=REPORT_ACTION,
            obj=program,
            changes={
                "reference": [None, reference],
                "language": [None, language],
                "as_of": [None, cable.as_of.isoformat()],
                "marking": [None, marking],
            },
        )
    return cable
