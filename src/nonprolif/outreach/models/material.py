"""The library of awareness materials (indicator booklets, posters, guides): es and en
titles, an audience and numbered versions, each a stored file."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    acts_for_national_agency,
    is_signed_in,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class Audience(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    ACADEMIA = "academia", _("Academia")
    HEALTHCARE = "healthcare", _("Healthcare")
    LOGISTICS = "logistics", _("Logistics and freight")
    GENERAL = "general", _("Everyone")


def material_scope(user: "User") -> Q | None:
    """The library is the office's handouts: coordinators, auditors and the liaisons and
    analysts of national agencies read it; a foreign partner's users, administrators and
    users without one of those roles do not."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if acts_for_national_agency(user):
        return EVERYTHING
    return NOTHING


class AwarenessMaterialQuerySet(models.QuerySet["AwarenessMaterial"]):
    def visible_to(self, user: "User") -> Self:
        return scoped(self, material_scope(user))


class AwarenessMaterial(models.Model):
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = AwarenessMaterialQuerySet.as_manager()

    class Meta:
        ordering = ["title_es", "pk"]
        indexes = [models.Index(fields=["audience", "title_es"], name="material_by_audience")]
        verbose_name = _("awareness material")
        verbose_name_plural = _("awareness materials")

    def __str__(self) -> str:
        return f"MAT-{self.pk}"

    title = localized_property("title")
    description = localized_property("description")


class MaterialVersion(models.Model):
    material = models.ForeignKey(
        AwarenessMaterial,
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    language = models.CharField(
        _("language"),
        max_length=3,
        choices=[("es", "Español"), ("en", "English"), ("mul", "Español + English")],
        default="es",
    )
    file = models.FileField(_("file"), upload_to="outreach/materials/", max_length=200)
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    notes = models.TextField(_("what changed"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["material", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="material_version_unique")
        ]
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")

    def __str__(self) -> str:
        return f"MAT-{self.material_id} v{self.number}"
