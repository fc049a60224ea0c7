"""Invitations of accepted speakers: a new personal link (emailed to him), and revoking one."""

import datetime
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.core.models.token import hash_token
from nonprolif.events.models import Speaker, SpeakerInvitation, SpeakerStatus

from .links import INVITATION_SUBJECT, invitation_token, invitation_url, send_speaker_email

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InvitationSent:
    """What ``send_invitation`` did: the invitation, its link (the only copy of the secret:
    show it once) and whether the email went out."""

    invitation: SpeakerInvitation
    url: str
    emailed: bool


def send_invitation(
    *, actor: User, speaker: Speaker, days: int | None = None, base_url: str | None = None
) -> InvitationSent:
    """Invite an accepted speaker: a new personal link, valid ``days`` days (default
    SPEAKER_INVITATION_DAYS), emailed to him in his first language. The link starts with
    ``base_url`` (the request's address) when given, else SITE_URL.

    Any earlier usable invitation of the speaker is revoked (one live link per speaker).
    Returns an InvitationSent: the link is the only copy of the secret.

    Side effects, in one transaction: revoked earlier invitations, one SpeakerInvitation row,
    one audit entry ("speaker.invite"); then one email. A failing mail server does not undo
    the invitation: ``emailed`` is False and the coordinator can pass the link on himself.
    PermissionDenied for anybody but the coordinator; ValidationError when the speaker is
    not accepted, has no email address, or ``days`` is not positive. Nothing is written then.
    """
    require_perm(actor, "events.invite_speaker", speaker)
    if days is None:
        days = settings.SPEAKER_INVITATION_DAYS
    errors: dict[str, str] = {}
    if speaker.status != SpeakerStatus.ACCEPTED:
        errors["status"] = _("Only accepted speakers can be invited.")
    if not speaker.email:
        errors["email"] = _("The speaker has no email address: add one first.")
    if not isinstance(days, int) or days < 1:
        errors["days"] = _("The link must stay valid at least one day.")
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    nonce = secrets.token_urlsafe(32)
    invitation = SpeakerInvitation(
        speaker=speaker,
        nonce=nonce,
        token_hash=hash_token(invitation_token(nonce)),
        created_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    invitation.full_clean()
    with transaction.atomic():
        earlier = list(
            SpeakerInvitation.objects.select_for_update()
            .filter(speaker=speaker)
            .usable(now)
            .values_list("pk", flat=True)
        )
        SpeakerInvitation.objects.filter(pk__in=earlier).update(revoked_at=now)
        invitation.save()
        record(
            actor=actor,
            action="speaker.invite",
            obj=speaker,
            changes={
                "invitation": [None, invitation.pk],
                "expires_at": [None, invitation.expires_at.isoformat()],
                "revoked_invitations": [None, earlier],
            },
        )
    emailed = True
    try:
        send_speaker_email(
            template="speaker_invitation",
            subject=INVITATION_SUBJECT,
            invitation=invitation,
            base_url=base_url,
        )
    except OSError:  # SMTP errors are OSErrors; the link is still shown to the coordinator
        logger.exception("Invitation email to speaker %s failed", speaker.pk)
        emailed = False
    return InvitationSent(
        invitation=invitation, url=invitation_url(invitation, base_url=base_url), emailed=emailed
    )


def revoke_invitation(*, actor: User, invitation: SpeakerInvitation) -> SpeakerInvitation:
    """Revoke an invitation: its link answers 404 from then on (coordinators).

    Revoking twice is harmless: the first time is kept and nothing is written. Side effects:
    sets ``revoked_at`` and writes one audit entry ("speaker.invitation_revoke"), in one
    transaction. PermissionDenied for anybody but the coordinator.
    """
    require_perm(actor, "events.revoke_invitation", invitation)
    with transaction.atomic():
        current = SpeakerInvitation.objects.select_for_update().get(pk=invitation.pk)
        if current.revoked_at is None:
            current.revoked_at = clock.now()
            current.save(update_fields=["revoked_at"])
            record(
                actor=actor,
                action="speaker.invitation_revoke",
                obj=current.speaker,
                changes={"invitation": [current.pk, None]},
            )
    invitation.revoked_at = current.revoked_at
    return current
