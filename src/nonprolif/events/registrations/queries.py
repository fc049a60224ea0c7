"""Reads of conference registrations and quotas. Every selector starts from
``visible_to(user)``; ``get_registration_for`` raises Http404 when the registration is missing
or not visible."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Official, User
from nonprolif.events.models import (
    Conference,
    Registration,
    RegistrationQuota,
    RegistrationStatus,
)
from nonprolif.events.models.registrations import SEAT_HOLDING


def registrations_for(user: User) -> QuerySet[Registration]:
    """The registrations ``user`` can see, with the official, agency, conference and who
    registered, decided and checked in."""
    return Registration.objects.visible_to(user).select_related(
        "conference__program",
        "official",
        "agency",
        "registered_by",
        "decided_by",
        "checked_in_by",
    )


def conference_registrations(
    user: User, conference: Conference, *, status: str = "", agency: str = "", q: str = ""
) -> QuerySet[Registration]:
    """The registrations of ``conference`` ``user`` can see, by family name; optionally of
    one status, one agency (code), and matching every word of ``q`` in the official's names
    or agency code."""
    registrations = registrations_for(user).filter(conference=conference)
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    if agency:
        registrations = registrations.filter(agency__code=agency)
    for word in q.split():
        registrations = registrations.filter(
            Q(official__given_names__icontains=word)
            | Q(official__family_names__icontains=word)
            | Q(agency__code__icontains=word)
            | Q(agency__acronym__icontains=word)
        )
    return registrations.order_by("official__family_names", "official__given_names", "pk")


def checkin_list(user: User, conference: Conference, *, q: str = "") -> QuerySet[Registration]:
    """The approved registrations of ``conference`` ``user`` can see, by family name."""
    return conference_registrations(user, conference, status=RegistrationStatus.APPROVED, q=q)


def get_registration_for(user: User, pk: int | str) -> Registration:
    """The registration ``pk`` if ``user`` can see it; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such registration.")) from None
    registration = registrations_for(user).filter(pk=pk).first()
    if registration is None:
        raise Http404(_("No such registration."))
    return registration


def registration_counts(registrations: QuerySet[Registration]) -> dict[str, int]:
    """{status: count} of the given (already scoped) registrations, plus "checked_in"."""
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for row in registrations.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["checked_in"] = registrations.filter(checked_in_at__isnull=False).count()
    return counts


def conference_quotas(user: User, conference: Conference) -> QuerySet[RegistrationQuota]:
    """The quotas of ``conference`` ``user`` can see (a liaison: his agency's), each with
    ``taken``: the registrations holding one of its seats, and ``free``."""
    taken = (
        Registration.objects.filter(
            conference=OuterRef("conference"), agency=OuterRef("agency"), status__in=SEAT_HOLDING
        )
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        RegistrationQuota.objects.visible_to(user)
        .filter(conference=conference)
        .select_related("agency")
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
        .annotate(free=F("seats") - F("taken"))
        .order_by("agency__code")
    )


def registerable_officials(user: User, conference: Conference) -> QuerySet[Official]:
    """Officials ``user`` may register for ``conference``: visible to him, active, of an
    agency with a quota there, and not already holding a seat."""
    holding = Registration.objects.filter(conference=conference, status__in=SEAT_HOLDING)
    return (
        Official.objects.visible_to(user)
        .filter(
            active=True,
            agency__in=RegistrationQuota.objects.filter(conference=conference).values("agency"),
        )
        .exclude(pk__in=holding.values("official"))
        .select_related("agency")
        .order_by("agency__code", "family_names", "given_names")
    )
