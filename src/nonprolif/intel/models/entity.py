"""Entities: the persons, organisations, vessels, addresses and materials that reports name,
with their aliases, linked to reports with a role.

An entity exists for a user only through the reports he may read: ``visible_to`` is "linked
to at least one visible report" (or registered by his own agency).
Links (``ReportEntity``) take the access of their report; an entity's page, timeline, link
chart and counts are built from visible links only.
"""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from nonprolif.core.scoping import NOTHING
from nonprolif.core.validators import validate_name

from .report import visible_report_q

if TYPE_CHECKING:
    from nonprolif.core.models import User


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    VESSEL = "vessel", _("Vessel")
    ADDRESS = "address", _("Address")
    MATERIAL = "material", _("Material")


class LinkRole(models.TextChoices):
    SUBJECT = "subject", _("Subject")
    SUPPLIER = "supplier", _("Supplier")
    CONSIGNEE = "consignee", _("Consignee")
    CARRIER = "carrier", _("Carrier")
    LOCATION = "location", _("Location")


class ReportEntityQuerySet(models.QuerySet["ReportEntity"]):
    def visible_to(self, user: "User") -> Self:
        """Links of the reports ``user`` may read."""
        condition = visible_report_q(user, "report__")
        return self.none() if condition is NOTHING else self.filter(condition)


class EntityQuerySet(models.QuerySet["Entity"]):
    def visible_to(self, user: "User") -> Self:
        """Entities named in a report ``user`` may read, and those his agency registered
        (whoever names them since: those reports, their links and counts stay hidden)."""
        condition = visible_report_q(user, "report__")
        if condition is NOTHING:
            return self.none()
        named = ReportEntity.objects.filter(condition, entity_id=OuterRef("pk"))
        return self.filter(Exists(named) | Q(owner_id=user.agency_id))


class Entity(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=EntityKind.choices)
    name = models.CharField(_("name"), max_length=300, validators=[validate_name])
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code")
    )
    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        blank=True,
        help_text=_("Passport, tax number (RFC), IMO number, CAS number …"),
    )
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "core.Agency",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    stix_id = models.CharField(_("STIX id"), max_length=80, blank=True, editable=False)

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["kind", "name"], name="intel_entity_kind_name")]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")

    def __str__(self) -> str:
        # Its number only: audit entries name an entity by it, and the auditors who read them
        # need not be cleared for the reports that name it (pages show ``name``).
        return f"entity {self.pk}"


class EntityAlias(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=300, validators=[validate_name])

    class Meta:
        ordering = ["entity", "name"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="intel_alias_unique")
        ]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return f"alias {self.pk} of entity {self.entity_id}"


class ReportEntity(models.Model):
    """A report names an entity, in a role."""

    report = models.ForeignKey("intel.IntelReport", on_delete=models.CASCADE, related_name="links")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="links")
    role = models.CharField(_("role"), max_length=16, choices=LinkRole.choices)

    objects = ReportEntityQuerySet.as_manager()

    class Meta:
        ordering = ["report", "entity"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "entity", "role"], name="intel_report_entity_unique"
            )
        ]
        indexes = [models.Index(fields=["entity", "report"], name="intel_link_entity")]
        verbose_name = _("entity link")
        verbose_name_plural = _("entity links")

    def __str__(self) -> str:
        return f"{self.report_id} {self.role} {self.entity_id}"
