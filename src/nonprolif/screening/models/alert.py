"""Alerts, their review and the cleared parties.

An alert is a party matching a list entry (at the version it had) or a goods line matching a
control-list entry. It is routed to the batch's agency and takes the batch's access. Every
decision is a row of its history. A cleared party (``Suppression``) holds the entry's version:
it applies while the entry still has it, and lapses when a new import changes the entry.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.scoping import scoped

from .batch import visible_batch_q


class AlertStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alert status", "Open")
    TRUE_MATCH = "true_match", _("True match")
    FALSE_POSITIVE = "false_positive", _("False positive")
    ESCALATED = "escalated", pgettext_lazy("alert status", "Escalated")


class AlertQuerySet(models.QuerySet["Alert"]):
    def visible_to(self, user) -> Self:
        return scoped(self, visible_batch_q(user))


class Alert(models.Model):
    batch = models.ForeignKey(
        "screening.Batch", verbose_name=_("batch"), on_delete=models.CASCADE, related_name="alerts"
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    party = models.ForeignKey(
        "screening.ScreenedParty",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    line = models.ForeignKey(
        "screening.GoodsLine",
        verbose_name=_("goods line"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    entry = models.ForeignKey(
        "screening.ListEntry",
        verbose_name=_("list entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
    )
    entry_version = models.CharField(_("entry version"), max_length=16, blank=True)
    control_entry = models.ForeignKey(
        "screening.ControlListEntry",
        verbose_name=_("control-list entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
    )
    snapshot = models.ForeignKey(
        "screening.ListSnapshot",
        verbose_name=_("raised by the import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
        help_text=_("Empty when the batch's own screening raised it."),
    )
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=list)
    query_name = models.CharField(_("name screened"), max_length=500, blank=True)
    entry_name = models.CharField(_("name matched"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.ForeignKey(
        "intel.IntelReport",
        verbose_name=_("intelligence report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(party__isnull=False, entry__isnull=False, line__isnull=True)
                    & Q(control_entry__isnull=True)
                )
                | (
                    Q(line__isnull=False, control_entry__isnull=False, party__isnull=True)
                    & Q(entry__isnull=True)
                ),
                name="screening_alert_party_or_line",
            ),
            models.UniqueConstraint(
                fields=["party", "entry", "entry_version"],
                condition=Q(party__isnull=False),
                name="screening_alert_party_once",
            ),
            models.UniqueConstraint(
                fields=["line", "control_entry"],
                condition=Q(line__isnull=False),
                name="screening_alert_line_once",
            ),
        ]
        indexes = [
            models.Index(fields=["batch", "-score", "id"], name="screening_alert_batch"),
            models.Index(
                fields=["agency", "status", "-created_at", "-id"], name="screening_alert_queue"
            ),
            models.Index(fields=["status", "-created_at", "-id"], name="screening_alert_status"),
            models.Index(fields=["-created_at", "-id"], name="screening_alert_latest"),
        ]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"ALR-{self.pk}"


class AlertDecision(models.Model):
    """One decision on an alert, with its reason (the review trail; the audit has it too)."""

    alert = models.ForeignKey(
        Alert, verbose_name=_("alert"), on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=AlertStatus.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["alert", "decided_at", "pk"]
        indexes = [
            models.Index(fields=["alert", "decided_at", "id"], name="screening_decision_trail")
        ]
        verbose_name = _("alert decision")
        verbose_name_plural = _("alert decisions")

    def __str__(self) -> str:
        return f"ALR-{self.alert_id}:{self.decision}"


class SuppressionQuerySet(models.QuerySet["Suppression"]):
    def visible_to(self, user) -> Self:
        return scoped(self, visible_batch_q(user))

    def active(self) -> Self:
        """The suppressions still in force: their entry still has the version cleared."""
        return self.filter(entry__version=F("entry_version"), entry__removed_in__isnull=True)


class Suppression(models.Model):
    """A cleared party: ``party_key`` is not the list entry at ``entry_version``, for the
    agency that cleared it."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    party_key = models.CharField(_("party key"), max_length=64)
    party_name = models.CharField(_("party"), max_length=500)
    entry = models.ForeignKey(
        "screening.ListEntry",
        verbose_name=_("list entry"),
        on_delete=models.PROTECT,
        related_name="suppressions",
    )
    entry_version = models.CharField(_("entry version"), max_length=16)
    alert = models.ForeignKey(
        Alert,
        verbose_name=_("cleared on the alert"),
        on_delete=models.PROTECT,
        related_name="suppressions",
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("cleared"), auto_now_add=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "party_key", "entry", "entry_version"],
                name="screening_suppression_once",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "party_key"], name="screening_suppression_party"),
            models.Index(fields=["-created_at", "-id"], name="screening_suppression_latest"),
        ]
        verbose_name = _("cleared party")
        verbose_name_plural = _("cleared parties")

    def __str__(self) -> str:
        return f"CLR-{self.pk}"
