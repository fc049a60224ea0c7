"""Reads of outreach visits.

Every selector starts from ``Visit.objects.visible_to`` (a visit takes the access of its
stakeholder); follow-ups from ``ActionItem.objects.visible_to`` (the coordination rule:
the visiting agency took part in the visit's meeting). ``get_visit_for`` raises Http404 for
a missing row and an invisible one alike. A page of visits costs a fixed number of queries.
"""

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, User
from nonprolif.core.search import Folded, fold
from nonprolif.core.web.forms import as_id
from nonprolif.events.models import ActionItem
from nonprolif.outreach.models import AwarenessMaterial, Stakeholder, Visit

FILTERS = ("q", "stakeholder", "agency", "date_from", "date_to")


def visits_for(
    user: User,
    *,
    q: str | None = None,
    stakeholder: Stakeholder | int | str | None = None,
    agency: Agency | str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Visit]:
    """The visits ``user`` may read, newest first: ``q`` words of the stakeholder's name
    (accents and case folded), ``stakeholder`` one stakeholder (or its id), ``agency`` the
    visiting agency (or its code), ``date_from``/``date_to`` the dates (inclusive). Each
    row carries ``follow_up_count``: its follow-ups the user reads."""
    rows = Visit.objects.visible_to(user).select_related(
        "stakeholder", "stakeholder__responsible_agency", "agency", "meeting"
    )
    if stakeholder not in (None, ""):
        number = stakeholder.pk if isinstance(stakeholder, Stakeholder) else as_id(stakeholder)
        rows = rows.filter(stakeholder_id=number) if number is not None else rows.none()
    if agency:
        rows = (
            rows.filter(agency=agency)
            if isinstance(agency, Agency)
            else rows.filter(agency__code=agency)
        )
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    words = (q or "").split()
    if words:
        rows = rows.annotate(folded_name=Folded("stakeholder__name"))
        for word in words:
            rows = rows.filter(folded_name__contains=fold(word))
    follow_ups = ActionItem.objects.visible_to(user).values("pk")
    return rows.annotate(
        follow_up_count=Count(
            "meeting__action_items", filter=Q(meeting__action_items__in=follow_ups)
        )
    ).order_by("-date", "-pk")


def get_visit_for(user: User, pk: Any) -> Visit:
    """The visit ``pk`` if ``user`` may read it; Http404 otherwise (missing alike)."""
    number = as_id(pk)
    visit = (
        None
        if number is None
        else Visit.objects.visible_to(user)
        .select_related(
            "stakeholder",
            "stakeholder__responsible_agency",
            "stakeholder__program",
            "agency",
            "meeting",
            "created_by",
        )
        .filter(pk=number)
        .first()
    )
    if visit is None:
        raise Http404(_("No such visit."))
    return visit


def visit_materials(user: User, visit: Visit) -> QuerySet[AwarenessMaterial]:
    """The materials handed over at the visit that ``user`` reads in the library."""
    return (
        AwarenessMaterial.objects.visible_to(user).filter(visits=visit).order_by("title_es", "pk")
    )


def visit_follow_ups(user: User, visit: Visit) -> QuerySet[ActionItem]:
    """The visit's follow-ups (its meeting's action items) that ``user`` reads, by due date."""
    return (
        ActionItem.objects.visible_to(user)
        .filter(meeting_id=visit.meeting_id)
        .select_related("owner_agency", "owner_official")
        .order_by("due_date", "pk")
    )


def offered_materials(user: User) -> QuerySet[AwarenessMaterial]:
    """The materials a visit form offers: the library ``user`` reads."""
    return AwarenessMaterial.objects.visible_to(user).order_by("title_es", "pk")
