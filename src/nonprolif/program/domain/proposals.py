"""Creating and editing partner proposals."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, User
from nonprolif.core.rules import is_coordinator
from nonprolif.program.models import Program, Proposal

from ._common import collect, merge_errors, reject_unknown

PROPOSAL_FIELDS = {"title_es", "title_en", "summary_es", "summary_en", "submitted_on", "version"}


def _visible_program(actor: User, program: Program | str | None) -> Program:
    """The program (an instance or a code) if the actor can see it; else a ValidationError
    on ``program`` (a program one cannot see does not exist for one)."""
    if isinstance(program, Program):
        found = Program.objects.visible_to(actor).filter(pk=program.pk).first()
    elif isinstance(program, str) and program:
        found = Program.objects.visible_to(actor).filter(code=program).first()
    else:
        found = None
    if found is None:
        raise ValidationError({"program": _("There is no such program.")})
    return found


def _next_version(program: Program, submitted_by: Agency) -> int:
    latest = Proposal.objects.filter(program=program, submitted_by=submitted_by).aggregate(
        latest=Max("version")
    )["latest"]
    return (latest or 0) + 1


def _version_error(proposal: Proposal) -> ValidationError | None:
    """One version number per program and submitting agency."""
    if proposal.version is None or proposal.submitted_by_id is None:
        return None
    taken = (
        Proposal.objects.filter(
            program_id=proposal.program_id,
            submitted_by_id=proposal.submitted_by_id,
            version=proposal.version,
        )
        .exclude(pk=proposal.pk)
        .exists()
    )
    if taken:
        return ValidationError(
            {"version": _("This agency already has a proposal with this version number.")}
        )
    return None


def create_proposal(
    *,
    actor: User,
    program: Program | str | None,
    submitted_by: Agency | None = None,
    version: int | None = None,
    **fields: Any,
) -> Proposal:
    """Record a partner agency's proposal to a program.

    ``program`` is a Program or its code. ``submitted_by`` defaults to the actor's agency;
    it must be one of the program's partner agencies, and a partner may submit only for its
    own agency. ``version`` defaults to the next version of that agency's proposals to the
    program. ``fields``: title_es, title_en, summary_es, summary_en, submitted_on.

    Side effects: one Proposal row and one audit entry ("proposal.create"). A program the
    actor cannot see or that does not exist is a ValidationError on ``program``; other bad
    input a ValidationError naming the field; PermissionDenied if the actor may not propose
    to the program. Nothing is written in those cases.
    """
    reject_unknown(fields, PROPOSAL_FIELDS - {"version"})
    found = _visible_program(actor, program)
    require_perm(actor, "program.add_proposal", found)
    if submitted_by is None:
        submitted_by = actor.agency
    errors = None
    if submitted_by is None:
        errors = ValidationError({"submitted_by": _("Choose the agency that submits it.")})
    elif not found.partner_agencies.filter(pk=submitted_by.pk).exists():
        errors = ValidationError(
            {"submitted_by": _("The submitting agency must be a partner of the program.")}
        )
    elif not is_coordinator(actor) and submitted_by.pk != actor.agency_id:
        errors = ValidationError(
            {"submitted_by": _("You can submit proposals only for your own agency.")}
        )
    proposal = Proposal(program=found, submitted_by=submitted_by, **fields)
    if version is not None:
        proposal.version = version
    elif submitted_by is not None:
        proposal.version = _next_version(found, submitted_by)
    merge_errors(errors, _version_error(proposal), collect(proposal, validate_constraints=False))
    with transaction.atomic():
        proposal.save()
        record(
            actor=actor,
            action="proposal.create",
            obj=proposal,
            changes=diff({}, snapshot(proposal)),
        )
    return proposal


def update_proposal(*, actor: User, proposal: Proposal, **fields: Any) -> Proposal:
    """Change a proposal's titles, summaries, submission date or version number.

    Side effects: the Proposal row is updated and one audit entry ("proposal.update") holds
    the changes. PermissionDenied unless the actor may change the proposal; ValidationError
    naming the field on bad input. Nothing is written in those cases.
    """
    reject_unknown(fields, PROPOSAL_FIELDS)
    require_perm(actor, "program.change_proposal", proposal)
    before = snapshot(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    try:
        merge_errors(_version_error(proposal), collect(proposal, validate_constraints=False))
    except ValidationError:
        proposal.refresh_from_db()
        raise
    with transaction.atomic():
        proposal.save()
        record(
            actor=actor,
            action="proposal.update",
            obj=proposal,
            changes=diff(before, snapshot(proposal)),
        )
    return proposal
