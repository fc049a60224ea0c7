"""Batches: a file of declarations or licence applications an agency submits, its parties and
goods lines, screened in the background.

Scoping (``visible_to``): coordinators and auditors see every batch; a liaison or an analyst
of a national agency sees his agency's; nobody else any. Parties, lines and alerts take their
batch's access (``visible_batch_q`` with a prefix).
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.roles import Role
from nonprolif.core.scoping import EVERYTHING, NOTHING, is_signed_in, scoped, sees_everything


class BatchKind(models.TextChoices):
    DECLARATIONS = "declarations", _("Customs declarations")
    LICENCES = "licences", _("Licence applications")
    TIPS = "tips", _("Procurement tips")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("batch status", "Queued")
    RUNNING = "running", pgettext_lazy("batch status", "Running")
    DONE = "done", pgettext_lazy("batch status", "Done")
    FAILED = "failed", pgettext_lazy("batch status", "Failed")


class PartyRole(models.TextChoices):
    IMPORTER = "importer", _("Importer")
    EXPORTER = "exporter", _("Exporter")
    CONSIGNEE = "consignee", _("Consignee")
    END_USER = "end_user", _("End user")
    CARRIER = "carrier", _("Carrier")
    OTHER = "other", pgettext_lazy("party role", "Other")


def screens_for_agency(user) -> bool:
    """Whether ``user`` screens for his agency: a liaison or an analyst of a national agency
    (a foreign partner's users, and those of no such role, do not)."""
    return (
        is_signed_in(user)
        and bool(user.agency_id)
        and (user.has_role(Role.LIAISON) or user.has_role(Role.ANALYST))
        and user.agency.kind == AgencyKind.NATIONAL
    )


def visible_batch_q(user, prefix: str = "") -> Q | None:
    """The condition on batches (reached through ``prefix``) that ``user`` may see:
    ``EVERYTHING`` for coordinators and auditors, his agency's for a liaison or an analyst
    of a national agency (``screens_for_agency``), nothing for anyone else."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if not screens_for_agency(user):
        return NOTHING
    return Q(**{f"{prefix}agency_id": user.agency_id})


class BatchQuerySet(models.QuerySet["Batch"]):
    def visible_to(self, user) -> Self:
        return scoped(self, visible_batch_q(user))


class Batch(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=BatchKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    threshold = models.FloatField(
        _("threshold"),
        null=True,
        blank=True,
        help_text=_("Empty: each list's own threshold."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    party_count = models.PositiveIntegerField(_("parties"), default=0)
    line_count = models.PositiveIntegerField(_("goods lines"), default=0)
    screened_count = models.PositiveIntegerField(_("screened"), default=0)
    alert_count = models.PositiveIntegerField(_("alerts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="screening_batch_latest"),
            models.Index(fields=["agency", "-created_at", "-id"], name="screening_batch_agency"),
        ]
        verbose_name = _("screening batch")
        verbose_name_plural = _("screening batches")

    def __str__(self) -> str:
        return f"SCR-{self.pk}"

    @property
    def total(self) -> int:
        """What there is to screen: parties and goods lines."""
        return self.party_count + self.line_count


class ScreenedParty(models.Model):
    """A party of a batch's row. ``party_key`` names the same party across batches (its folded
    name, date of birth and country: a cleared party is cleared by it)."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="parties"
    )
    row = models.PositiveIntegerField(_("row"))
    declaration = models.CharField(_("declaration"), max_length=64)
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=8, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    birth_date = models.CharField(_("date of birth"), max_length=10, blank=True)
    identifiers = models.JSONField(_("identifiers"), default=list, blank=True)
    party_key = models.CharField(_("party key"), max_length=64)
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "row"]
        indexes = [
            models.Index(fields=["batch", "row"], name="screening_party_row"),
            models.Index(fields=["party_key"], name="screening_party_key"),
        ]
        verbose_name = _("screened party")
        verbose_name_plural = _("screened parties")

    def __str__(self) -> str:
        return f"SCR-{self.batch_id}:{self.row}"


class GoodsLine(models.Model):
    """A goods line of a batch's row."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="lines"
    )
    row = models.PositiveIntegerField(_("row"))
    declaration = models.CharField(_("declaration"), max_length=64)
    description = models.TextField(_("description"))
    tariff_code = models.CharField(_("tariff code"), max_length=20, blank=True)
    cas_numbers = models.JSONField(_("CAS numbers"), default=list, blank=True)
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "row"]
        indexes = [models.Index(fields=["batch", "row"], name="screening_line_row")]
        verbose_name = _("goods line")
        verbose_name_plural = _("goods lines")

    def __str__(self) -> str:
        return f"SCR-{self.batch_id}:{self.row}"
