"""Creating and editing programs."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, User
from nonprolif.program.models import Program

from ._common import collect, ids, merge_errors, reject_unknown

PROGRAM_FIELDS = {
    "code",
    "name_es",
    "name_en",
    "description_es",
    "description_en",
    "country",
    "lead_agency",
    "time_zone",
    "target_trainees",
    "start_date",
}


def _agency_errors(
    *,
    lead_agency: Agency | None,
    member_agencies: Iterable[Agency],
    partner_agencies: Iterable[Agency],
) -> ValidationError | None:
    """The same agency cannot be both a member (or the lead) and a partner."""
    if lead_agency is not None and lead_agency.pk in ids(partner_agencies):
        return ValidationError(
            {"partner_agencies": _("The lead agency cannot also be a partner agency.")}
        )
    both = ids(member_agencies) & ids(partner_agencies)
    if both:
        names = ", ".join(sorted(a.code for a in partner_agencies if a.pk in both))
        return ValidationError(
            {
                "partner_agencies": _("An agency cannot be both a member and a partner: %(codes)s.")
                % {"codes": names}
            }
        )
    return None


def create_program(
    *,
    actor: User,
    member_agencies: Iterable[Agency] = (),
    partner_agencies: Iterable[Agency] = (),
    **fields: Any,
) -> Program:
    """Create a program with its member and partner agencies.

    ``fields`` are the program's own fields (code, name_es, name_en, description_es,
    description_en, country, lead_agency, time_zone, target_trainees, start_date).

    Side effects: one Program row, its member/partner agency links, one audit entry
    ("program.create"). Raises PermissionDenied unless the actor may add programs, and
    ValidationError (naming the field) on bad input; nothing is written then.
    """
    reject_unknown(fields, PROGRAM_FIELDS)
    require_perm(actor, "program.add_program")
    members, partners = list(member_agencies), list(partner_agencies)
    program = Program(**fields)
    merge_errors(
        collect(program),
        _agency_errors(
            lead_agency=fields.get("lead_agency"),
            member_agencies=members,
            partner_agencies=partners,
        ),
    )
    with transaction.atomic():
        program.save()
        program.member_agencies.set(members)
        program.partner_agencies.set(partners)
        after = snapshot(program)
        after["member_agencies"] = sorted(a.code for a in members)
        after["partner_agencies"] = sorted(a.code for a in partners)
        record(actor=actor, action="program.create", obj=program, changes=diff({}, after))
    return program


def update_program(
    *,
    actor: User,
    program: Program,
    member_agencies: Iterable[Agency] | None = None,
    partner_agencies: Iterable[Agency] | None = None,
    **fields: Any,
) -> Program:
    """Change a program's fields and, when given, its member and partner agencies.

    Side effects: the Program row and its agency links are updated, one audit entry
    ("program.update") with the changes. Raises PermissionDenied unless the actor may change
    the program, ValidationError (naming the field) on bad input; nothing is written then.
    """
    reject_unknown(fields, PROGRAM_FIELDS)
    require_perm(actor, "program.change_program", program)
    before = snapshot(program)
    before["member_agencies"] = sorted(program.member_agencies.values_list("code", flat=True))
    before["partner_agencies"] = sorted(program.partner_agencies.values_list("code", flat=True))
    members = (
        list(member_agencies)
        if member_agencies is not None
        else list(program.member_agencies.all())
    )
    partners = (
        list(partner_agencies)
        if partner_agencies is not None
        else list(program.partner_agencies.all())
    )
    for name, value in fields.items():
        setattr(program, name, value)
    try:
        merge_errors(
            collect(program),
            _agency_errors(
                lead_agency=program.lead_agency if program.lead_agency_id is not None else None,
                member_agencies=members,
                partner_agencies=partners,
            ),
        )
    except ValidationError:
        program.refresh_from_db()
        raise
    with transaction.atomic():
        program.save()
        program.member_agencies.set(members)
        program.partner_agencies.set(partners)
        after = snapshot(program)
        after["member_agencies"] = sorted(a.code for a in members)
        after["partner_agencies"] = sorted(a.code for a in partners)
        record(actor=actor, action="program.update", obj=program, changes=diff(before, after))
    return program
