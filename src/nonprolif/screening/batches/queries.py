"""Reads of batches and their alerts, always from ``visible_to``: a batch the user may not
see is missing (404) like one that does not exist."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nonprolif.core.models import User
from nonprolif.screening.models import Alert, AlertStatus, Batch


def batches_for(user: User) -> QuerySet[Batch]:
    """The batches ``user`` may see, newest first, with their agency and submitter."""
    return (
        Batch.objects.visible_to(user)
        .select_related("agency", "submitted_by")
        .order_by("-created_at", "-pk")
    )


def get_batch_for(user: User, pk: int) -> Batch:
    """The batch ``pk`` if ``user`` may see it; Http404 otherwise (missing or not his)."""
    return get_object_or_404(batches_for(user), pk=pk)


def batch_alerts(user: User, batch: Batch, *, status: str = "") -> QuerySet[Alert]:
    """The alerts of ``batch`` that ``user`` may see, best score first (ties by id), with
    what a results row shows: the party or goods line, the list entry and its list, or the
    control-list entry. ``status`` narrows them."""
    alerts = (
        Alert.objects.visible_to(user)
        .filter(batch=batch)
        .select_related("party", "line", "entry__watchlist", "control_entry", "snapshot")
        .order_by("-score", "pk")
    )
    if status in AlertStatus.values:
        alerts = alerts.filter(status=status)
    return alerts
