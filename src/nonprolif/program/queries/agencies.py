"""The agencies of a program, and agencies named by code in input."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, User
from nonprolif.program.models import Program


def program_agencies(program: Program) -> QuerySet[Agency]:
    """Every agency taking part in the program (lead, members, partners), with its parent."""
    return (
        Agency.objects.filter(
            Q(pk=program.lead_agency_id) | Q(member_programs=program) | Q(partner_programs=program)
        )
        .select_related("parent")
        .distinct()
        .order_by("kind", "code")
    )


def national_agency_ids(program: Program) -> set[int]:
    """The lead and member agencies of the program (where trainees come from)."""
    members = set(program.member_agencies.values_list("pk", flat=True))
    return members | {program.lead_agency_id}


def agencies_by_codes(user: User, codes: Iterable[str] | None, *, field_name: str) -> list[Agency]:
    """The agencies with these codes; a ValidationError on ``field_name`` naming any code
    that does not exist."""
    wanted = list(dict.fromkeys(codes or []))
    found = {a.code: a for a in Agency.objects.visible_to(user).filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError(
            {field_name: _("Unknown agency: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return [found[code] for code in wanted]


def agency_by_code(user: User, code: str | None, *, field_name: str) -> Agency | None:
    """The agency with this code (None for an empty code); ValidationError if unknown."""
    if not code:
        return None
    return agencies_by_codes(user, [code], field_name=field_name)[0]
