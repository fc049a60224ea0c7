"""Certificates of completion, each with a public verification code."""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, own_official_id, sees_everything
from nonprolif.core.validators import validate_name


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def visible_to(self, user: User) -> Self:
        """The single access rule for certificates.

        Coordinators and auditors see every certificate; liaisons the certificates of their
        own agency's officials; any signed-in user his own (an official's own login).
        Partners and administrators see none but their own.
        """
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        condition = models.Q(official_id=own_official_id(user))
        if user.agency_id and user.has_role(Role.LIAISON):
            condition |= models.Q(official__agency_id=user.agency_id)
        return self.filter(condition)

    def valid(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A certificate of completion of one session by one official.

    What it certifies is kept as issued (the official's name, the item's titles, the dates and
    the attendance), so that later changes to the calendar or the directory do not rewrite
    it. ``code`` is the public verification code (see ``training.certificates.codes``).
    """

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    session = models.ForeignKey(
        "training.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    official_name = models.CharField(
        _("name as certified"), max_length=250, validators=[validate_name]
    )
    item_key = models.UUIDField(_("item key"), db_index=True)
    item_number = models.PositiveIntegerField(_("item number"))
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    days_total = models.PositiveIntegerField(_("session days"))
    days_present = models.PositiveIntegerField(_("days present"))
    completion_percent = models.PositiveIntegerField(_("attendance needed for completion (%)"))
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["issued_at", "id"], name="certificate_by_date")]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "official"], name="certificate_one_per_session"
            ),
            models.CheckConstraint(
                condition=models.Q(days_present__lte=models.F("days_total")),
                name="certificate_days_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.official_name}"

    title = localized_property("title")

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
