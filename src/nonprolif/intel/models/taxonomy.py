"""The taxonomies a report is classified by (data, per deployment): CBRN categories and the
materials or agents under them; and the agencies' saved distribution lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import LocalizedNameMixin
from nonprolif.core.models.agency import code_validator
from nonprolif.core.scoping import is_signed_in
from nonprolif.core.validators import validate_name

#: The CBRN categories of a new deployment: (code, Spanish, English). The migration that
#: creates the table adds them; the seed puts back any that are missing.
DEFAULT_CATEGORIES = [
    ("CHEM", "Químico", "Chemical"),
    ("BIO", "Biológico", "Biological"),
    ("RAD", "Radiológico", "Radiological"),
    ("NUC", "Nuclear", "Nuclear"),
    ("EXPL", "Explosivos", "Explosives"),
    ("DELIV", "Sistemas vectores", "Delivery systems"),
    ("CONV", "Armas convencionales", "Conventional arms"),
]


class TaxonomyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Vocabulary: every signed-in user sees it."""
        return self.all() if is_signed_in(user) else self.none()


class CbrnCategory(LocalizedNameMixin, models.Model):
    """Chemical, biological, radiological, nuclear, explosive, delivery systems …"""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name_es = models.CharField(_("name (Spanish)"), max_length=100, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=100, validators=[validate_name])

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("CBRN category")
        verbose_name_plural = _("CBRN categories")

    def __str__(self) -> str:
        return self.name


class Material(LocalizedNameMixin, models.Model):
    """A material or agent of a CBRN category (Cs-137, sarin precursor DMMP, …)."""

    category = models.ForeignKey(
        CbrnCategory,
        verbose_name=_("CBRN category"),
        on_delete=models.PROTECT,
        related_name="materials",
    )
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name_es = models.CharField(_("name (Spanish)"), max_length=200, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_name])
    cas_number = models.CharField(_("CAS number"), max_length=16, blank=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("material or agent")
        verbose_name_plural = _("materials and agents")

    def __str__(self) -> str:
        return self.name


class DistributionListQuerySet(models.QuerySet["DistributionList"]):
    def visible_to(self, user):
        """An agency's lists are its own: only its users see them (a partner never sees a
        domestic distribution)."""
        if not is_signed_in(user) or not user.agency_id:
            return self.none()
        return self.filter(owner_id=user.agency_id)


class DistributionList(LocalizedNameMixin, models.Model):
    """A saved set of agencies. Applied to a report it expands into that report's explicit
    releasability list at the moment it is applied; later changes to the list do not
    follow."""

    owner = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=200, validators=[validate_name])
    name_en = models.CharField(
        _("name (English)"), max_length=200, blank=True, validators=[validate_name]
    )
    agencies = models.ManyToManyField(
        "core.Agency", verbose_name=_("agencies"), related_name="+", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = DistributionListQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "name_es"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name_es"], name="intel_distlist_unique_name")
        ]
        verbose_name = _("distribution list")
        verbose_name_plural = _("distribution lists")

    def __str__(self) -> str:
        return self.name
