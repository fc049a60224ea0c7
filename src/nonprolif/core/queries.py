"""Reads of the core app (selectors). Every read of scoped data starts from ``visible_to``."""

import datetime
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.models import Actor, Agency, ApiToken, AuditEntry, Official, RoleGrant, User
from nonprolif.core.models.feed import FeedT, SecretFeedQuerySet
from nonprolif.core.models.token import hash_token
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm
from nonprolif.core.search import fold


def search_officials(
    user: Actor,
    *,
    q: str = "",
    agency: str = "",
    seniority: str = "",
    active: bool | None = None,
) -> QuerySet[Official]:
    """The officials ``user`` may see, narrowed by the filters.

    ``q``: every word must appear in the given names, family names, position or email,
    whatever the case and the accents (``maria`` finds María: see ``core.search``; the
    officials' ``search`` column holds those fields folded, a trigram index serves it on
    PostgreSQL). ``agency``: an agency code. ``seniority``: a Seniority value. ``active``:
    True/False, or None for both.
    """
    # The agencies come in a second query (a handful of rows), not through a join: the page is
    # then read in the order of the name index, whatever SQLite's statistics say (with a
    # join it may start from the agencies and sort every official).
    officials = Official.objects.visible_to(user).prefetch_related("agency")
    for word in q.split():
        # (a keyword dict: the type checker's Django plugin does not know generated fields)
        officials = officials.filter(**{"search__contains": fold(word)})
    if agency:
        officials = officials.filter(agency__code=agency)
    if seniority:
        officials = officials.filter(seniority=seniority)
    if active is not None:
        officials = officials.filter(active=active)
    return officials


def get_official_for(user: Actor, pk: int | str) -> Official:
    """The official ``pk`` if ``user`` may see it; Http404 when missing or not visible."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such official") from None
    official = Official.objects.visible_to(user).select_related("agency").filter(pk=pk).first()
    if official is None:
        raise Http404("No such official")
    return official


def agencies_for(user: Actor) -> QuerySet[Agency]:
    """Agencies ``user`` may see, each with ``official_count``: the number of its officials
    *visible to user* (a liaison sees 0 for other agencies, never their real numbers)."""
    visible = (
        Official.objects.visible_to(user)
        .filter(agency=OuterRef("pk"))
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Agency.objects.visible_to(user)
        .select_related("parent")
        .annotate(official_count=Coalesce(Subquery(visible, output_field=IntegerField()), Value(0)))
    )


def get_agency_for(user: Actor, code: str) -> Agency:
    """The agency with ``code`` (annotated like ``agencies_for``); Http404 when missing or
    not visible."""
    agency = agencies_for(user).filter(code=code).first()
    if agency is None:
        raise Http404("No such agency")
    return agency


def official_filter_agencies(user: Actor) -> QuerySet[Agency]:
    """Agencies worth offering in the officials filter: those of officials ``user`` sees."""
    return Agency.objects.visible_to(user).filter(
        pk__in=Official.objects.visible_to(user).values("agency")
    )


def assignable_agencies(user: Actor) -> QuerySet[Agency]:
    """Agencies ``user`` may put officials in, by the ``core.change_official`` rule."""
    agencies = list(Agency.objects.visible_to(user))
    allowed = [
        agency.pk
        for agency in agencies
        if has_perm("core.change_official", user, Official(agency=agency))
    ]
    return Agency.objects.filter(pk__in=allowed)


def tokens_of(user: Actor) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first."""
    return ApiToken.objects.visible_to(user)


def get_token_for(user: Actor, pk: int | str) -> ApiToken:
    """One of the user's own tokens; Http404 for anybody else's or a missing one."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such token") from None
    token = ApiToken.objects.visible_to(user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such token")
    return token


def audit_entries(
    user: Actor,
    *,
    object_type: str = "",
    actor: str = "",
    agency: str = "",
    action: str = "",
    outcome: str = "",
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries ``user`` may read (auditors and coordinators: all; others: their own),
    newest first, narrowed by the filters: ``object_type`` (e.g. "core.official"), ``actor``
    (every word in the username, given or family name, as it was or is), ``agency`` (a
    code), ``action`` (exact, or a prefix ending in "."), ``outcome``, and the time range
    [``since``, ``until``)."""
    entries = AuditEntry.objects.visible_to(user).select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    for word in actor.split():
        # the logins whose names hold the word: a subquery on the (small) user table, so
        # that the trail itself is read in its order (no join, no OR across two tables)
        named = User.objects.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
        ).values("pk")
        entries = entries.filter(Q(actor_name__icontains=word) | Q(actor_id__in=named))
    if agency:
        entries = entries.filter(agency__iexact=agency)
    if action:
        entries = (
            entries.filter(action__startswith=action)
            if action.endswith(".")
            else entries.filter(action=action)
        )
    if outcome:
        entries = entries.filter(outcome=outcome)
    if since is not None:
        entries = entries.filter(at__gte=since)
    if until is not None:
        entries = entries.filter(at__lt=until)
    return entries


def _trail_values(user: Actor, column: str) -> list[str]:
    """The distinct values of ``column`` (one with an index that starts with it) among the
    entries ``user`` may read, in order. Over the whole trail, a loose index scan: one index
    probe per value (a recursive query), not a read of every entry: the trail only grows."""
    entries = AuditEntry.objects.visible_to(user)
    if not (
        isinstance(user, User)
        and user.is_active
        and (user.has_role(Role.AUDITOR) or user.has_role(Role.COORDINATOR))
    ):
        return list(entries.order_by(column).values_list(column, flat=True).distinct())
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    name = connection.ops.quote_name(column)
    sql = (
        f"WITH RECURSIVE v(value) AS (SELECT MIN({name}) FROM {table} UNION ALL "  # noqa: S608 (names, no input)
        f"SELECT (SELECT MIN({name}) FROM {table} WHERE {name} > v.value) FROM v "
        "WHERE v.value IS NOT NULL) SELECT value FROM v WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [value for (value,) in cursor.fetchall()]


def audit_actions(user: Actor) -> list[str]:
    """The distinct actions among the entries ``user`` may read."""
    return _trail_values(user, "action")


def audit_object_types(user: Actor) -> list[str]:
    """The distinct object types among the entries ``user`` may read."""
    return _trail_values(user, "object_type")


def grants_for(user: Actor, *, state: str = "") -> QuerySet[RoleGrant]:
    """Role grants an administrator sees (all; nobody else sees any), newest first,
    optionally of one state."""
    grants = RoleGrant.objects.visible_to(user).select_related("user", "requested_by", "decided_by")
    if state:
        grants = grants.filter(state=state)
    return grants


def get_grant_for(user: Actor, pk: int | str) -> RoleGrant:
    """One role grant; Http404 for a missing one and for a user who may not see grants."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such grant") from None
    grant = grants_for(user).filter(pk=pk).first()
    if grant is None:
        raise Http404("No such grant")
    return grant


def accounts_for(user: Actor, *, q: str = "") -> QuerySet[User]:
    """The logins an administrator manages (all; nobody else sees any), by username, with
    their roles and agency; ``q`` finds words in the username, names and e-mail."""
    if not has_perm("core.manage_accounts", user):
        return User.objects.none()
    accounts = User.objects.select_related("agency", "clearance").prefetch_related(
        "groups", Prefetch("role_grants", queryset=RoleGrant.objects.pending())
    )
    for word in q.split():
        accounts = accounts.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return accounts.order_by("username")


def get_account_for(user: Actor, pk: int | str) -> User:
    """One login an administrator manages; Http404 for a missing one and for anybody who
    does not manage accounts."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such account") from None
    account = accounts_for(user).filter(pk=pk).first()
    if account is None:
        raise Http404("No such account")
    return account


# Sign-in: lockouts and second factors.


@dataclass(frozen=True)
class Lockout:
    """A username or a client address locked out now: its failures within the cool-off, the
    last one, and when the lockout ends by itself."""

    kind: str  # "username" or "address"
    value: str
    failures: int
    last_failure: datetime.datetime
    ends: datetime.datetime


def current_lockouts(user: Actor) -> list[Lockout]:
    """The usernames and client addresses locked out now (administrators only; nobody else
    sees any), usernames first, each by its last failure, newest first."""
    if not has_perm("core.unlock_logins", user):
        return []
    cool_off = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    found = []
    for kind, field in (("username", "username"), ("address", "ip_address")):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        found += [
            Lockout(
                kind=kind,
                value=row[field],
                failures=row["failures"],
                last_failure=row["last"],
                ends=row["last"] + cool_off,
            )
            for row in rows
        ]
    return found


def second_factor_required(user: Actor) -> bool:
    """Must ``user`` prove a second factor to use the application: he has a role listed in
    OTP_REQUIRED_ROLES, his clearance is above the lowest two levels, or he enrolled a device
    of his own accord."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.role_names & set(settings.OTP_REQUIRED_ROLES):
        return True
    if user.clearance is not None and user.clearance.needs_second_factor:
        return True
    return totp_device_of(user) is not None


def totp_device_of(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator (TOTP) device, if he enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user has."""
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def active_feed_by_token(feeds: SecretFeedQuerySet[FeedT], raw: str) -> FeedT:
    """The active feed of ``feeds`` whose secret is ``raw`` (a feed behind a secret URL: the
    training calendar's, the conference's agenda); Http404 when unknown, revoked, or when
    its creator can no longer sign in."""
    feed = feeds.active().filter(token_hash=hash_token(raw or "")).first()
    if feed is None or not feed.created_by.is_active:  # type: ignore[attr-defined]
        raise Http404(_("No such feed."))
    return feed
