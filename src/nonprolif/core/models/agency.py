from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import LocalizedNameMixin
from nonprolif.core.validators import validate_name

from .user import Actor

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
    _("Use letters, digits, dots, dashes or underscores, starting with a letter or digit."),
)


class AgencyKind(models.TextChoices):
    NATIONAL = "national", _("National agency")
    PARTNER = "partner", _("Foreign partner")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: Actor) -> Self:
        """Agencies are the program's public directory: every signed-in user sees them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class Agency(LocalizedNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name_es = models.CharField(_("name (Spanish)"), max_length=200, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[validate_name])
    acronym = models.CharField(_("acronym"), max_length=32, blank=True, validators=[validate_name])
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    kind = models.CharField(_("kind"), max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.country:
            self.country = self.country.upper()
        if self.parent_id and self.pk:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("An agency cannot sit under itself.")})
                ancestor = ancestor.parent
