"""Issuing program status reports: each gets the next reference number of its program and
year, and is recorded in the audit trail."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import AuditEntry, User
from nonprolif.events.models.coordination import program_today
from nonprolif.program.models import Program
from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose import check_options, compose_cable
from nonprolif.reports.compose.cable import Cable
from nonprolif.reports.queries import cable_facts

REPORT_ACTION = "program.report"


def next_reference(program: Program, moment: datetime.datetime) -> str:
    """The next reference number of the program's reports: CODE-YEAR-SEQUENCE, the sequence
    counting the reports issued for the program that year (from the audit trail)."""
    issued = AuditEntry.objects.filter(
        action=REPORT_ACTION,
        object_type=program._meta.label_lower,
        object_id=str(program.pk),
        at__year=moment.year,
    ).count()
    return f"{program.code.upper()}-{moment.year}-{issued + 1:04d}"


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

    Side effects: one audit entry ("program.report") naming the reference, language, date
    and marking (the sequence of reference numbers comes from these entries).
    PermissionDenied unless the actor may generate reports (coordinators, auditors);
    ValidationError naming the field on a bad language or marking. Either writes nothing.
    """
    if not actor.has_perm("reports.view_program_report", program):
        raise PermissionDenied(_("You are not allowed to do this."))
    check_options(language=language, marking=marking)
    now = now or timezone.now()
    as_of = as_of or program_today(program.time_zone, now)
    facts = cable_facts(actor, program, language=language, as_of=as_of)
    with transaction.atomic():
        reference = next_reference(program, now)
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
