"""The outreach registry: stakeholders (companies, universities, laboratories, hospitals)
and their contacts, the visits an agency makes to them, the awareness materials it hands
over and the tips they report. The rule: :func:`stakeholder_scope`."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    is_signed_in,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name

if TYPE_CHECKING:
    from nonprolif.core.models import User


class StakeholderKind(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    LABORATORY = "laboratory", _("Laboratory")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    CHEMICAL_DISTRIBUTION = "chemical_distribution", _("Chemical distribution")
    CHEMICAL_MANUFACTURING = "chemical_manufacturing", _("Chemical manufacturing")
    PHARMACEUTICAL = "pharmaceutical", _("Pharmaceutical")
    BIOTECHNOLOGY = "biotechnology", _("Biotechnology")
    ACADEMIA = "academia", _("Academia and research")
    HEALTHCARE = "healthcare", _("Healthcare")
    NUCLEAR_RADIOLOGICAL = "nuclear_radiological", _("Nuclear and radiological")
    MINING = "mining", _("Mining")
    ENERGY = "energy", _("Energy")
    ELECTRONICS = "electronics", _("Electronics and machine tools")
    LOGISTICS = "logistics", _("Logistics and freight forwarding")
    OTHER = "other", _("Other")


def stakeholder_scope(user: "User", prefix: str = "") -> Q | None:
    """The rule for stakeholders reached through ``prefix`` ("" for the stakeholders,
    "stakeholder__" for visits and tips): coordinators and auditors see all; the liaisons and
    analysts of a national agency see the stakeholders their agency is responsible for (and
    so their visits and tips); nobody else sees any."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if user.agency is None or user.agency.kind != AgencyKind.NATIONAL:
        return NOTHING
    if not (user.has_role("liaison") or user.has_role("analyst")):
        return NOTHING
    return Q(**{f"{prefix}responsible_agency_id": user.agency_id})


class StakeholderQuerySet(models.QuerySet["Stakeholder"]):
    def visible_to(self, user: "User") -> Self:
        return scoped(self, stakeholder_scope(user))


class Stakeholder(models.Model):
    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="stakeholders",
    )
    name = models.CharField(_("name"), max_length=300, validators=[validate_name])
    kind = models.CharField(_("kind"), max_length=16, choices=StakeholderKind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    state = models.CharField(_("state"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    materials = models.TextField(
        _("materials of concern"),
        blank=True,
        help_text=_("The controlled materials, sources or equipment it holds or trades."),
    )
    cbrn_categories = models.ManyToManyField(
        "intel.CbrnCategory",
        verbose_name=_("CBRN categories"),
        related_name="+",
        blank=True,
    )
    responsible_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="stakeholders",
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("es", "Español"), ("en", "English")],
        default="es",
        help_text=_("The language of the acknowledgements it is sent."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["responsible_agency", "name", "id"], name="stakeholder_by_agency"),
            models.Index(fields=["name", "id"], name="stakeholder_by_name"),
            models.Index(fields=["sector", "name"], name="stakeholder_by_sector"),
        ]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["stakeholder", "name", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class VisitQuerySet(models.QuerySet["Visit"]):
    def visible_to(self, user: "User") -> Self:
        return scoped(self, stakeholder_scope(user, "stakeholder__"))


class Visit(models.Model):
    """An outreach visit. Its follow-ups are the action items of its meeting (created with
    the visit, in the coordination records of the visiting agency)."""

    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("stakeholder"), on_delete=models.CASCADE, related_name="visits"
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    attendees = models.TextField(
        _("attendees"), help_text=_("Who took part, on both sides: one per line.")
    )
    topics_es = models.TextField(_("topics (Spanish)"))
    topics_en = models.TextField(_("topics (English)"))
    materials = models.ManyToManyField(
        "outreach.AwarenessMaterial",
        verbose_name=_("materials handed over"),
        related_name="visits",
        blank=True,
    )
    meeting = models.OneToOneField(
        "events.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="outreach_visit",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["stakeholder", "-date"], name="visit_by_stakeholder"),
            models.Index(fields=["-date", "-id"], name="visit_by_date"),
        ]
        verbose_name = _("outreach visit")
        verbose_name_plural = _("outreach visits")

    def __str__(self) -> str:
        return f"VIS-{self.pk}"

    topics = localized_property("topics")
