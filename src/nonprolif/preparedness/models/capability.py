"""The core capabilities exercise objectives are mapped to (HSEEP's list, as data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import LocalizedNameMixin
from nonprolif.core.validators import validate_name


class MissionArea(models.TextChoices):
    PREVENTION = "prevention", _("Prevention")
    PROTECTION = "protection", _("Protection")
    MITIGATION = "mitigation", _("Mitigation")
    RESPONSE = "response", _("Response")
    RECOVERY = "recovery", _("Recovery")
    COMMON = "common", _("Common to all")


class CoreCapabilityQuerySet(models.QuerySet["CoreCapability"]):
    def visible_to(self, user) -> "CoreCapabilityQuerySet":
        """The capabilities are the deployment's vocabulary: every signed-in user sees them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class CoreCapability(LocalizedNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    mission_area = models.CharField(_("mission area"), max_length=16, choices=MissionArea.choices)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_name])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CoreCapabilityQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("core capability")
        verbose_name_plural = _("core capabilities")

    def __str__(self) -> str:
        return self.name
