"""The UNSCR 1540 implementation matrix: its rows (shipped as data: the committee's
operative paragraphs 1-3, the measures per weapon type) and, per program (one state), each
row's status, legal reference, responsible agency, evidence and national action plan items
(coordination action items of the program's action-plan meeting)."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    acts_for_national_agency,
    is_signed_in,
    program_member_q,
    scoped,
    sees_everything,
)

if TYPE_CHECKING:
    from nonprolif.core.models import User


class Weapon(models.TextChoices):
    NUCLEAR = "NW", _("Nuclear weapons")
    CHEMICAL = "CW", _("Chemical weapons")
    BIOLOGICAL = "BW", _("Biological weapons")


class MatrixStatus(models.TextChoices):
    """The committee's marks: X (a measure is in place), ? (unclear, to be checked) and NA
    (not applicable); blank is not yet assessed."""

    YES = "X", pgettext_lazy("1540 status", "X: in place")
    UNCLEAR = "?", pgettext_lazy("1540 status", "?: unclear")
    NOT_APPLICABLE = "NA", pgettext_lazy("1540 status", "NA: not applicable")
    BLANK = "", pgettext_lazy("1540 status", "Not assessed")


class MatrixRow(models.Model):
    """One obligation of the matrix for one weapon type: ``measure`` groups the three weapon
    columns of one line ("2.3"), ``code`` is the row's own ("2.3.CW")."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    paragraph = models.PositiveSmallIntegerField(_("operative paragraph"))
    section_es = models.CharField(_("section (Spanish)"), max_length=200)
    section_en = models.CharField(_("section (English)"), max_length=200)
    measure = models.CharField(_("measure"), max_length=16)
    weapon = models.CharField(_("weapon type"), max_length=2, choices=Weapon.choices)
    text_es = models.TextField(_("obligation (Spanish)"))
    text_en = models.TextField(_("obligation (English)"))
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(paragraph__in=[1, 2, 3]), name="matrix_row_paragraph_1_to_3"
            ),
            models.UniqueConstraint(fields=["measure", "weapon"], name="matrix_row_measure_weapon"),
        ]
        verbose_name = _("1540 matrix row")
        verbose_name_plural = _("1540 matrix rows")

    def __str__(self) -> str:
        return self.code

    section = localized_property("section")
    text = localized_property("text")


def matrix_scope(user: "User", prefix: str = "") -> Q | None:
    """The rule for a program's matrix (reached through ``prefix``, "" for the programs):
    coordinators and auditors read every program's; the liaisons and analysts of a national
    agency of the program read it; foreign partners, administrators and users without one of
    those roles do not."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if user.agency_id is None or not acts_for_national_agency(user):
        return NOTHING
    return program_member_q(user.agency_id, prefix)


class MatrixEntryQuerySet(models.QuerySet["MatrixEntry"]):
    def visible_to(self, user: "User") -> Self:
        return scoped(self, matrix_scope(user, "program__"))


class MatrixEntry(models.Model):
    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="matrix_entries",
    )
    row = models.ForeignKey(
        MatrixRow, verbose_name=_("row"), on_delete=models.PROTECT, related_name="entries"
    )
    status = models.CharField(
        _("status"), max_length=2, choices=MatrixStatus.choices, blank=True, default=""
    )
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matrix_entries",
    )
    action_items = models.ManyToManyField(
        "events.ActionItem",
        verbose_name=_("action plan items"),
        related_name="matrix_entries",
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = MatrixEntryQuerySet.as_manager()

    class Meta:
        ordering = ["program", "row__position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "row"], name="matrix_entry_unique")
        ]
        indexes = [models.Index(fields=["program", "agency"], name="matrix_entry_by_agency")]
        verbose_name = _("1540 matrix entry")
        verbose_name_plural = _("1540 matrix entries")

    def __str__(self) -> str:
        return f"{self.row.code} ({self.program_id})"


class MatrixEvidence(models.Model):
    """A document that supports an entry (a law, a regulation, a decree), stored by hash."""

    entry = models.ForeignKey(
        MatrixEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="preparedness/evidence/", max_length=200)
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["entry", "uploaded_at", "pk"]
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self) -> str:
        return f"evidence {self.pk}"


class ActionPlan(models.Model):
    """A program's national 1540 implementation action plan: the meeting whose action items
    are the plan's items (created with the first item)."""

    program = models.OneToOneField(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="action_plan",
    )
    meeting = models.OneToOneField(
        "events.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="action_plan",
    )

    class Meta:
        verbose_name = _("1540 action plan")
        verbose_name_plural = _("1540 action plans")

    def __str__(self) -> str:
        return f"action plan {self.program_id}"
