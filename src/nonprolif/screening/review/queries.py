"""Reads of the review: the alert queue, one alert with its trail, the cleared parties.

Every selector starts from ``Alert.objects.visible_to`` or ``Suppression.objects.visible_to``
(coordinators and auditors every agency's, the others their agency's); ``get_..._for``
raises Http404 for a missing row and an invisible one alike. A page of alerts or cleared
parties costs a fixed number of queries: what it shows comes with ``select_related``.
"""

import re
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor
from nonprolif.core.search import Folded, fold
from nonprolif.core.web.forms import as_id
from nonprolif.intel.models import IntelReport
from nonprolif.screening.models import Alert, AlertDecision, AlertStatus, Suppression
from nonprolif.screening.models.batch import screens_for_agency

#: The states of a cleared party: in force while its entry still has the version cleared,
#: lapsed once an import changed or removed the entry.
IN_FORCE, LAPSED = "in_force", "lapsed"
ALERT_NUMBER = re.compile(r"^\s*(?:ALR-)?(\d{1,18})\s*$", re.IGNORECASE)

ALERT_RELATED = (
    "batch",
    "agency",
    "party",
    "line",
    "entry__watchlist",
    "control_entry",
    "decided_by",
)


def _visible_alerts(user: Actor) -> QuerySet[Alert]:
    return Alert.objects.visible_to(user).select_related(*ALERT_RELATED)


def _narrowed(
    rows: QuerySet[Alert], *, batch: Any = None, list_code: str | None = None, q: str | None = None
) -> QuerySet[Alert]:
    if batch not in (None, ""):
        number = as_id(batch)
        rows = rows.filter(batch_id=number) if number is not None else rows.none()
    if list_code:
        rows = rows.filter(Q(entry__watchlist__code=list_code) | Q(control_entry__regime=list_code))
    words = (q or "").strip()
    if words:
        number_match = ALERT_NUMBER.match(words)
        condition = Q(folded_query__contains=fold(words)) | Q(folded_entry__contains=fold(words))
        if number_match and as_id(number_match.group(1)) is not None:
            condition |= Q(pk=int(number_match.group(1)))
        rows = rows.annotate(
            folded_query=Folded("query_name"), folded_entry=Folded("entry_name")
        ).filter(condition)
    return rows


def alerts_for(
    user: Actor,
    status: str | None = None,
    batch: Any = None,
    list_code: str | None = None,
    q: str | None = None,
) -> QuerySet[Alert]:
    """The alerts ``user`` may read, open ones first, then newest first; narrowed by status,
    batch (its id), list (a watchlist code or a control regime) and ``q`` (the party's or
    the entry's name, folded; or the alert's number, ``ALR-12`` or ``12``). A value that
    names nothing gives no rows."""
    rows = _narrowed(_visible_alerts(user), batch=batch, list_code=list_code, q=q)
    if status:
        rows = rows.filter(status=status) if status in AlertStatus.values else rows.none()
    return rows.annotate(
        queue=Case(
            When(status=AlertStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("queue", "-created_at", "-id")


def status_counts(
    user: Actor, batch: Any = None, list_code: str | None = None, q: str | None = None
) -> dict[str, int]:
    """How many alerts of each status ``user`` may read under the same filters but the
    status (every status present, 0 when none): one grouped query."""
    rows = _narrowed(Alert.objects.visible_to(user), batch=batch, list_code=list_code, q=q)
    counts = dict.fromkeys(AlertStatus.values, 0)
    for row in rows.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def get_alert_for(user: Actor, pk: Any) -> Alert:
    """The alert ``pk`` with its party or goods line and its entry, if ``user`` may read it;
    Http404 otherwise."""
    number = as_id(pk)
    alert = _visible_alerts(user).filter(pk=number).first() if number is not None else None
    if alert is None:
        raise Http404(_("No such alert."))
    return alert


def decisions_for(user: Actor, alert: Alert) -> QuerySet[AlertDecision]:
    """The trail of ``alert`` (one ``user`` may read), oldest first, with who decided."""
    if not Alert.objects.visible_to(user).filter(pk=alert.pk).exists():
        return AlertDecision.objects.none()
    return (
        AlertDecision.objects.filter(alert_id=alert.pk)
        .select_related("actor")
        .order_by("decided_at", "id")
    )


def alert_report(user: Actor, alert: Alert) -> IntelReport | None:
    """The intelligence report ``alert`` was escalated to, if ``user`` may read it (the report
    has its own access: clearance and releasability)."""
    if alert.report_id is None:
        return None
    return (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .select_related("classification")
        .filter(pk=alert.report_id)
        .first()
    )


def alert_suppression(alert: Alert) -> Suppression | None:
    """The cleared party of a party's alert (its agency, party key, entry and version), or
    None; the caller read the alert through its access."""
    if alert.party is None:
        return None
    return (
        Suppression.objects.filter(
            agency_id=alert.agency_id,
            party_key=alert.party.party_key,
            entry_id=alert.entry_id,
            entry_version=alert.entry_version,
        )
        .select_related("entry")
        .first()
    )


def _in_force() -> Q:
    return Q(entry__version=F("entry_version"), entry__removed_in__isnull=True)


def suppressions_for(
    user: Actor, state: str | None = None, q: str | None = None
) -> QuerySet[Suppression]:
    """The cleared parties ``user`` may read, newest first, each with ``in_force`` (its entry
    still has the version cleared and is on its list); ``state`` keeps the in-force or the
    lapsed ones; ``q`` searches the party's name (folded)."""
    rows = (
        Suppression.objects.visible_to(user)
        .select_related("agency", "entry__watchlist", "alert", "created_by")
        .annotate(in_force=ExpressionWrapper(_in_force(), output_field=BooleanField()))
    )
    if state == IN_FORCE:
        rows = rows.filter(_in_force())
    elif state == LAPSED:
        rows = rows.exclude(_in_force())
    elif state:
        rows = rows.none()
    words = (q or "").strip()
    if words:
        rows = rows.annotate(folded_party=Folded("party_name")).filter(
            folded_party__contains=fold(words)
        )
    return rows.order_by("-created_at", "-id")


def get_suppression_for(user: Actor, pk: Any) -> Suppression:
    """The cleared party ``pk`` if ``user`` may read it; Http404 otherwise."""
    number = as_id(pk)
    row = suppressions_for(user).filter(pk=number).first() if number is not None else None
    if row is None:
        raise Http404(_("No such cleared party."))
    return row


def open_alert_count(user: Actor) -> int | None:
    """How many open alerts of his agency a liaison or an analyst of a national agency has
    to review (one query); None for anyone else (no review count on his home page)."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None or not screens_for_agency(user):
        return None
    return (
        Alert.objects.visible_to(user).filter(agency_id=agency_id, status=AlertStatus.OPEN).count()
    )
