"""Reads of the stakeholder registry.

Every selector starts from ``Stakeholder.objects.visible_to`` (coordinators and auditors
every stakeholder; the liaisons and analysts of a national agency those their agency is
responsible for; nobody else any). ``get_..._for`` raises Http404 for a missing row and an
invisible one alike. A page of stakeholders costs a fixed number of queries.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, User
from nonprolif.core.rules import is_coordinator
from nonprolif.core.search import Folded, fold
from nonprolif.core.web.forms import as_id
from nonprolif.outreach.models import Contact, Stakeholder
from nonprolif.program.models import Program
from nonprolif.program.queries.agencies import national_agency_ids
from nonprolif.program.queries.programs import programs_for

FILTERS = ("q", "sector", "kind", "state", "agency", "program")


def stakeholders_for(
    user: User,
    *,
    q: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    state: str | None = None,
    agency: Agency | str | None = None,
    program: Program | str | None = None,
) -> QuerySet[Stakeholder]:
    """The stakeholders ``user`` may read, by name: ``q`` finds words of the name (accents
    and case folded), ``sector`` and ``kind`` are choices, ``state`` the state as written
    (case and accents folded), ``agency`` the responsible agency (or its code), ``program``
    the program (or its code)."""
    rows = Stakeholder.objects.visible_to(user).select_related("responsible_agency", "program")
    if sector:
        rows = rows.filter(sector=sector)
    if kind:
        rows = rows.filter(kind=kind)
    if agency:
        rows = (
            rows.filter(responsible_agency=agency)
            if isinstance(agency, Agency)
            else rows.filter(responsible_agency__code=agency)
        )
    if program:
        rows = (
            rows.filter(program=program)
            if isinstance(program, Program)
            else rows.filter(program__code=program)
        )
    words = (q or "").split()
    state_text = (state or "").strip()
    if words or state_text:
        rows = rows.annotate(folded_name=Folded("name"), folded_state=Folded("state"))
        for word in words:
            rows = rows.filter(folded_name__contains=fold(word))
        if state_text:
            rows = rows.filter(folded_state=fold(state_text))
    return rows.order_by("name", "pk")


def get_stakeholder_for(user: User, pk: Any) -> Stakeholder:
    """The stakeholder ``pk`` if ``user`` may read it; Http404 otherwise (missing alike)."""
    number = as_id(pk)
    stakeholder = (
        None
        if number is None
        else Stakeholder.objects.visible_to(user)
        .select_related("responsible_agency", "program", "created_by")
        .filter(pk=number)
        .first()
    )
    if stakeholder is None:
        raise Http404(_("No such stakeholder."))
    return stakeholder


def stakeholder_contacts(user: User, stakeholder: Stakeholder) -> QuerySet[Contact]:
    """The contacts of a stakeholder ``user`` may read (its contacts take its access)."""
    return Contact.objects.filter(
        stakeholder__in=Stakeholder.objects.visible_to(user).filter(pk=stakeholder.pk)
    ).order_by("name", "pk")


def get_contact_for(user: User, pk: Any) -> Contact:
    """The contact ``pk`` of a stakeholder ``user`` may read; Http404 otherwise."""
    number = as_id(pk)
    contact = (
        None
        if number is None
        else Contact.objects.filter(pk=number, stakeholder__in=Stakeholder.objects.visible_to(user))
        .select_related("stakeholder__responsible_agency", "stakeholder__program")
        .first()
    )
    if contact is None:
        raise Http404(_("No such contact."))
    return contact


def stakeholder_programs(user: User) -> QuerySet[Program]:
    """The programs ``user`` can see (those he may register stakeholders in)."""
    return programs_for(user).order_by("code")


def responsible_agencies(user: User, program: Program | None = None) -> QuerySet[Agency]:
    """The agencies ``user`` may make responsible for a stakeholder: the national agencies
    of ``program`` (of every program he sees, without one) for a coordinator, his own for
    a liaison."""
    if program is not None:
        ids = national_agency_ids(program)
    else:
        ids = set()
        for one in stakeholder_programs(user):
            ids |= national_agency_ids(one)
    if not is_coordinator(user):
        ids &= {user.agency_id} if user.agency_id else set()
    return Agency.objects.filter(pk__in=ids).order_by("code")


def filter_agencies(user: User) -> QuerySet[Agency]:
    """The agencies responsible for a stakeholder ``user`` reads (the list's agency filter)."""
    visible = Stakeholder.objects.visible_to(user)
    return Agency.objects.filter(pk__in=visible.values("responsible_agency_id")).order_by("code")
