"""Classification levels: the deployment's ordered list (data, not code), and a user's clearance
is one of them. The seed's default is UNCLASSIFIED < SENSITIVE BUT UNCLASSIFIED < CONFIDENTIAL <
SECRET."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import LocalizedNameMixin
from nonprolif.core.validators import validate_name

from .agency import code_validator

#: The levels of a new deployment, lowest first: (code, Spanish, English). The migration that
#: creates the table adds them; the seed puts back any that are missing.
DEFAULT_LEVELS = [
    ("U", "NO CLASIFICADO", "UNCLASSIFIED"),
    ("SBU", "SENSIBLE NO CLASIFICADO", "SENSITIVE BUT UNCLASSIFIED"),
    ("C", "CONFIDENCIAL", "CONFIDENTIAL"),
    ("S", "SECRETO", "SECRET"),
]

#: The number of lowest levels whose holders may sign in without a second factor.
LEVELS_WITHOUT_SECOND_FACTOR = 2


class ClassificationLevelQuerySet(models.QuerySet["ClassificationLevel"]):
    def visible_to(self, user) -> "ClassificationLevelQuerySet":
        """The levels are the deployment's vocabulary: every signed-in user sees them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class ClassificationLevel(LocalizedNameMixin, models.Model):
    """One level; a higher ``rank`` is more restricted."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=100, validators=[validate_name])
    name_en = models.CharField(_("name (English)"), max_length=100, validators=[validate_name])

    objects = ClassificationLevelQuerySet.as_manager()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("classification level")
        verbose_name_plural = _("classification levels")

    def __str__(self) -> str:
        return self.name

    @property
    def needs_second_factor(self) -> bool:
        """Is this level above the lowest two (its holders sign in with a second factor)?"""
        lower = ClassificationLevel.objects.filter(rank__lt=self.rank).count()
        return lower >= LEVELS_WITHOUT_SECOND_FACTOR
