"""The stakeholders endpoints, on the same selectors and services as the pages: the registry
(filtered, paginated, exported), one stakeholder, registering and changing one, its contacts.

Invisible or missing: 404; visible but not changeable (an analyst, an auditor, another
agency's liaison for the coordinator's rows): 403, the refusal audited; bad input: 422
naming each field.
"""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.core.spreadsheets import spreadsheet_openapi
from nonprolif.intel.models import CbrnCategory
from nonprolif.outreach.stakeholders.domain import (
    add_contact,
    create_stakeholder,
    update_stakeholder,
)
from nonprolif.outreach.stakeholders.exports import stakeholders_answer
from nonprolif.outreach.stakeholders.queries import (
    get_stakeholder_for,
    stakeholder_contacts,
    stakeholder_programs,
    stakeholders_for,
)
from nonprolif.outreach.stakeholders.schemas import (
    OutreachContactIn,
    OutreachContactOut,
    OutreachStakeholderDetailOut,
    OutreachStakeholderFilters,
    OutreachStakeholderIn,
    OutreachStakeholderOut,
    OutreachStakeholderPatch,
)
from nonprolif.program.queries.agencies import agency_by_code

router = Router(tags=["outreach"])


def _filters(filters: OutreachStakeholderFilters) -> dict[str, Any]:
    return {name: value for name, value in filters.dict().items() if value}


def _categories(user, codes: list[str]) -> list[CbrnCategory]:
    wanted = list(dict.fromkeys(codes))
    found = {c.code: c for c in CbrnCategory.objects.visible_to(user).filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError(
            {
                "cbrn_categories": _("Unknown CBRN category: %(codes)s.")
                % {"codes": ", ".join(missing)}
            }
        )
    return [found[code] for code in wanted]


def _fields(user, data: dict[str, Any]) -> dict[str, Any]:
    """The service's fields from the body: codes turned into rows."""
    if "responsible_agency" in data:
        data["responsible_agency"] = agency_by_code(
            user, data["responsible_agency"], field_name="responsible_agency"
        )
    if "cbrn_categories" in data:
        data["cbrn_categories"] = _categories(user, data["cbrn_categories"] or [])
    return data


@router.get("/outreach/stakeholders", response={200: list[OutreachStakeholderOut]})
@paginate(LimitOffsetPagination)
def list_outreach_stakeholders(request, filters: Query[OutreachStakeholderFilters]):
    """The stakeholders the caller reads (his agency's; every one for coordinators and
    auditors), by name; ``q``, ``sector``, ``kind``, ``state``, ``agency`` and ``program``
    narrow them."""
    return stakeholders_for(request.auth, **_filters(filters))


@router.post("/outreach/stakeholders", response={201: OutreachStakeholderDetailOut, **WRITE_ERRORS})
@service_errors
def post_outreach_stakeholder(request, payload: OutreachStakeholderIn):
    """Register a stakeholder: a coordinator for any national agency of the program, a
    liaison for his own agency (the responsible agency when none is given)."""
    data = payload.dict()
    code = data.pop("program")
    program = stakeholder_programs(request.auth).filter(code=code).first()
    if program is None:
        raise ValidationError({"program": _("Unknown program: %(code)s.") % {"code": code}})
    stakeholder = create_stakeholder(
        actor=request.auth, program=program, **_fields(request.auth, data)
    )
    return Status(201, get_stakeholder_for(request.auth, stakeholder.pk))


@router.get(
    "/outreach/stakeholders/export",
    response={200: None, 404: ErrorOut},
    openapi_extra=spreadsheet_openapi("The stakeholders the caller reads"),
)
def get_outreach_stakeholders_export(
    request,
    filters: Query[OutreachStakeholderFilters],
    format: Literal["csv", "xlsx"] = "csv",
):
    """The stakeholders the caller reads, under the list's filters, as CSV or XLSX."""
    return stakeholders_answer(request, request.auth, format, _filters(filters))


@router.get(
    "/outreach/stakeholders/{stakeholder_id}",
    response={200: OutreachStakeholderDetailOut, 404: ErrorOut},
)
def get_outreach_stakeholder(request, stakeholder_id: int):
    """One stakeholder: its facts, CBRN categories and responsible agency."""
    return get_stakeholder_for(request.auth, stakeholder_id)


@router.patch(
    "/outreach/stakeholders/{stakeholder_id}",
    response={200: OutreachStakeholderDetailOut, **WRITE_ERRORS},
)
@service_errors
def patch_outreach_stakeholder(request, stakeholder_id: int, payload: OutreachStakeholderPatch):
    """Change the fields given (a coordinator, or a liaison of the responsible agency)."""
    stakeholder = get_stakeholder_for(request.auth, stakeholder_id)
    data = payload.dict(exclude_unset=True)
    update_stakeholder(actor=request.auth, stakeholder=stakeholder, **_fields(request.auth, data))
    return get_stakeholder_for(request.auth, stakeholder_id)


@router.get(
    "/outreach/stakeholders/{stakeholder_id}/contacts",
    response={200: list[OutreachContactOut], 404: ErrorOut},
)
@paginate(LimitOffsetPagination)
def list_outreach_stakeholder_contacts(request, stakeholder_id: int):
    """The stakeholder's contacts, by name."""
    return stakeholder_contacts(request.auth, get_stakeholder_for(request.auth, stakeholder_id))


@router.post(
    "/outreach/stakeholders/{stakeholder_id}/contacts",
    response={201: OutreachContactOut, **WRITE_ERRORS},
)
@service_errors
def post_outreach_stakeholder_contact(request, stakeholder_id: int, payload: OutreachContactIn):
    """Add a contact (a coordinator, or a liaison of the responsible agency)."""
    stakeholder = get_stakeholder_for(request.auth, stakeholder_id)
    return Status(201, add_contact(actor=request.auth, stakeholder=stakeholder, **payload.dict()))
