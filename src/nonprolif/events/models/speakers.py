"""Guest speakers of a conference and their invitations.

A partner agency (or the coordinator) proposes a speaker; the coordinator decides; an accepted
speaker is invited through a personal secret link, sent by email, that lets him answer
(accept or decline, biography, photo, travel needs) without an account.

Only the SHA-256 hash of the link's token is stored (``token_hash``, looked up on each visit).
The token itself is derived from ``nonce`` and the deployment's SECRET_KEY (an HMAC), so the
reminder emails can repeat the same link while the database alone never reveals it.
"""

import datetime
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core import clock
from nonprolif.core.i18n import localized_property
from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, partner_program_q, sees_everything
from nonprolif.core.validators import validate_name

from .conference import Conference

if TYPE_CHECKING:
    from nonprolif.core.models import User


class SpeakerStatus(models.TextChoices):
    """The coordinator's decision on a proposed speaker."""

    PROPOSED = "proposed", pgettext_lazy("speaker decision", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("speaker decision", "Accepted")
    DECLINED = "declined", pgettext_lazy("speaker decision", "Declined")


class SpeakerResponse(models.TextChoices):
    """The speaker's own answer to the invitation."""

    PENDING = "pending", pgettext_lazy("speaker response", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("speaker response", "Accepted")
    DECLINED = "declined", pgettext_lazy("speaker response", "Declined")


class SpeakerQuerySet(models.QuerySet["Speaker"]):
    def visible_to(self, user: "User") -> Self:
        """Coordinators and auditors see every speaker; a partner agency's users see the
        speakers of the conferences of the programs it partners in. Liaisons see no speaker
        records: they see the accepted speakers in the published agenda only."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id or not user.has_role(Role.PARTNER):
            return self.none()
        return self.filter(partner_program_q(user.agency_id, "conference__program__"))


class Speaker(models.Model):
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="speakers",
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_name]
    )
    email = models.EmailField(_("email"), blank=True)
    topic_es = models.CharField(_("topic (Spanish)"), max_length=300, blank=True)
    topic_en = models.CharField(_("topic (English)"), max_length=300, blank=True)
    bio_es = models.TextField(_("biography (Spanish)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=64,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. es,en."),
    )
    photo = models.FileField(_("photo"), upload_to="speakers/", null=True, blank=True)
    travel_needs = models.TextField(_("travel needs"), blank=True)
    is_fictional = models.BooleanField(
        _("fictional"),
        default=False,
        help_text=_("Invented for demonstration; not a real person."),
    )
    proposed_by_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("proposed by (agency)"),
        on_delete=models.PROTECT,
        related_name="proposed_speakers",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(
        _("decision"),
        max_length=16,
        choices=SpeakerStatus.choices,
        default=SpeakerStatus.PROPOSED,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    response = models.CharField(
        _("speaker's answer"),
        max_length=16,
        choices=SpeakerResponse.choices,
        default=SpeakerResponse.PENDING,
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    topic = localized_property("topic")

    bio = localized_property("bio")

    @property
    def is_confirmed(self) -> bool:
        """Accepted by the coordinator and by the speaker."""
        return self.status == SpeakerStatus.ACCEPTED and self.response == SpeakerResponse.ACCEPTED


class SpeakerInvitationQuerySet(models.QuerySet["SpeakerInvitation"]):
    def visible_to(self, user: "User") -> Self:
        """Invitations are the coordinator's business: coordinators and auditors see them all;
        nobody else sees any (partners follow the speaker's answer on the speaker record)."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        return self.none()

    def usable(self, now: datetime.datetime | None = None) -> Self:
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or clock.now())


class SpeakerInvitation(models.Model):
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    nonce = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(_("reminders sent"), default=0)
    used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, help_text=_("When the speaker last answered.")
    )

    objects = SpeakerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("speaker invitation")
        verbose_name_plural = _("speaker invitations")
        indexes = [models.Index(fields=["speaker", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.speaker_id} · {self.created_at:%Y-%m-%d}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= clock.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired
