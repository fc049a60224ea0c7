"""Dual-use control lists as data: one row per controlled item of a regime, with what the
goods matcher looks for (CAS numbers, tariff codes, keywords in Spanish and English)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property


class Regime(models.TextChoices):
    AG = "AG", _("Australia Group")
    NSG = "NSG", _("Nuclear Suppliers Group")
    MTCR = "MTCR", _("Missile Technology Control Regime")
    WA = "WA", _("Wassenaar Arrangement")
    CWC = "CWC", _("Chemical Weapons Convention schedules")


class ControlListEntry(models.Model):
    """A controlled item: ``code`` as the regime numbers it (``1C350``), its description, and
    the matcher's evidence (lists of strings: CAS numbers, HS6 subheadings, national tariff
    fractions, keywords and synonyms)."""

    regime = models.CharField(_("regime"), max_length=8, choices=Regime.choices)
    code = models.CharField(_("control code"), max_length=32)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"))
    cas_numbers = models.JSONField(_("CAS numbers"), default=list, blank=True)
    hs6 = models.JSONField(_("HS subheadings"), default=list, blank=True)
    tariff_fractions = models.JSONField(_("tariff fractions"), default=list, blank=True)
    keywords_es = models.JSONField(_("keywords (Spanish)"), default=list, blank=True)
    keywords_en = models.JSONField(_("keywords (English)"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    description = localized_property("description")

    class Meta:
        ordering = ["regime", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "code"], name="screening_control_code")
        ]
        verbose_name = _("control-list entry")
        verbose_name_plural = _("control-list entries")

    def __str__(self) -> str:
        return f"{self.regime} {self.code}"
