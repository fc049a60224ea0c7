"""Invitations of guest speakers: a personal secret link, sent by email, that lets one speaker
answer the invitation (accept or decline, biography, photo, travel needs) without an account.

Only the SHA-256 hash of the link's token is stored (``token_hash``, looked up on each visit).
The token itself is derived from ``nonce`` and the deployment's SECRET_KEY (an HMAC), so the
reminder emails can repeat the same link while the database alone never reveals it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.scoping import is_signed_in, sees_everything


class SpeakerInvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Invitations are the coordinator's business: coordinators and auditors see them all;
        nobody else sees any (partners follow the speaker's answer on the speaker record)."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        return self.none()

    def usable(self, now=None):
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class SpeakerInvitation(models.Model):
    speaker = models.ForeignKey(
        "events.Speaker",
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
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired


__all__ = ["SpeakerInvitation"]
