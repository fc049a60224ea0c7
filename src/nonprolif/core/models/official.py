from typing import Self

from django.conf import settings
from django.db import models
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from nonprolif.core.roles import Role
from nonprolif.core.search import Folded
from nonprolif.core.validators import validate_name

from .user import Actor, User


class Seniority(models.TextChoices):
    SENIOR = "senior", _("Senior official")
    WORKING = "working", _("Working level")


class OfficialQuerySet(models.QuerySet["Official"]):
    def visible_to(self, user: Actor) -> Self:
        """The single access rule for officials.

        Coordinators and auditors see every official; liaisons and partners see the
        officials of their own agency; every user sees the official linked to his own login;
        nobody else (administrators included) sees any.
        """
        if not isinstance(user, User) or not user.is_active:  # anonymous or nobody
            return self.none()
        if user.has_role(Role.COORDINATOR) or user.has_role(Role.AUDITOR):
            return self.all()
        own = models.Q(user=user)
        if user.agency_id and (user.has_role(Role.LIAISON) or user.has_role(Role.PARTNER)):
            return self.filter(models.Q(agency_id=user.agency_id) | own)
        return self.filter(own)


class Official(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officials"
    )
    given_names = models.CharField(_("given names"), max_length=120, validators=[validate_name])
    family_names = models.CharField(_("family names"), max_length=120, validators=[validate_name])
    position = models.CharField(
        _("position"), max_length=200, blank=True, validators=[validate_name]
    )
    seniority = models.CharField(
        _("seniority"), max_length=16, choices=Seniority.choices, default=Seniority.WORKING
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("es-mx", "Español (México)"), ("en", "English")],
        default="es-mx",
    )
    active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What name search looks in: the names, position and e-mail folded (core.search), one
    # per line so that no searched word (never holding a line break) spans two fields. The
    # database keeps it (bulk inserts included); on PostgreSQL a trigram index serves it
    # (migration core 0009: the index is not in Meta, SQLite has no trigram index).
    search = models.GeneratedField(
        expression=Folded(
            Concat(
                "given_names",
                models.Value("\n"),
                "family_names",
                models.Value("\n"),
                "position",
                models.Value("\n"),
                "email",
                output_field=models.TextField(),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["family_names", "given_names", "pk"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        indexes = [
            # the default ordering, alone and within an agency (a liaison's list)
            models.Index(fields=["family_names", "given_names", "id"], name="official_by_name"),
            models.Index(
                fields=["agency", "family_names", "given_names", "id"],
                name="official_agency_by_name",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}"

    @property
    def is_senior(self) -> bool:
        return self.seniority == Seniority.SENIOR
