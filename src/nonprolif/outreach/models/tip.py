"""Tips: a stakeholder's report of a suspicious order or enquiry, taken by a liaison of the
stakeholder's responsible agency, acknowledged to the stakeholder, and turned by an analyst
of that agency into an intelligence report draft of type "outreach tip"."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.scoping import scoped
from nonprolif.core.validators import validate_name

from .stakeholder import Stakeholder, stakeholder_scope

if TYPE_CHECKING:
    from nonprolif.core.models import User


class TipChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", pgettext_lazy("tip channel", "In person")
    OTHER = "other", pgettext_lazy("tip channel", "Other")


class TipQuerySet(models.QuerySet["Tip"]):
    def visible_to(self, user: "User") -> Self:
        return scoped(self, stakeholder_scope(user, "stakeholder__"))


class Tip(models.Model):
    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("stakeholder"), on_delete=models.PROTECT, related_name="tips"
    )
    what = models.TextField(
        _("what"), help_text=_("The order or enquiry: goods, quantities, terms, what was odd.")
    )
    who = models.TextField(
        _("who"), help_text=_("The customer or enquirer: names, company, country, addresses.")
    )
    when = models.DateField(_("when"), help_text=_("When the order or enquiry came."))
    contact_name = models.CharField(_("reported by"), max_length=200, validators=[validate_name])
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    channel = models.CharField(
        _("received by"), max_length=16, choices=TipChannel.choices, default=TipChannel.PHONE
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    report = models.OneToOneField(
        "intel.IntelReport",
        verbose_name=_("intelligence report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tip",
    )

    objects = TipQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["stakeholder", "-received_at"], name="tip_by_stakeholder"),
            models.Index(fields=["-received_at", "-id"], name="tip_by_received"),
        ]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self) -> str:
        return self.reference
