"""The speaker's personal secret link, and the emails that carry it.

The link's token is ``npspk_`` + an HMAC (keyed by SECRET_KEY) of a random nonce kept on the
invitation; the database keeps the nonce and the SHA-256 hash of the token, never the token. The
same link can so be repeated in reminders, while a copy of the database alone opens nothing.
Rotating SECRET_KEY invalidates every outstanding link (send new invitations then).
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nonprolif.core.site import site_base
from nonprolif.events.models import Speaker, SpeakerInvitation

TOKEN_PREFIX = "npspk_"  # noqa: S105 (a visible prefix, not a secret)
INVITATION_SUBJECT = gettext_noop("Invitation to speak at %(conference)s")
REMINDER_SUBJECT = gettext_noop("Reminder: your invitation to speak at %(conference)s")


def invitation_token(nonce: str) -> str:
    """The secret token of the invitation with ``nonce`` (an HMAC keyed by SECRET_KEY)."""
    digest = salted_hmac("nonprolif.events.speaker-invitation", nonce, algorithm="sha256").digest()
    return TOKEN_PREFIX + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def invitation_url(invitation: SpeakerInvitation, *, base_url: str | None = None) -> str:
    """The absolute address of the speaker's page: the request's address (``base_url``) or
    SITE_URL, then the secret path."""
    return site_base(base_url) + reverse(
        "speaker_invitation", args=[invitation_token(invitation.nonce)]
    )


def speaker_language(speaker: Speaker) -> str:
    """The UI language of the speaker's emails: the first of his languages we write in."""
    for code in (speaker.languages or "").split(","):
        code = code.strip().lower()
        if code.startswith("es"):
            return "es-mx"
        if code.startswith("en"):
            return "en"
    return settings.LANGUAGE_CODE


def send_speaker_email(
    *, template: str, subject: str, invitation: SpeakerInvitation, base_url: str | None = None
) -> None:
    """Email the speaker, in his language, ``subject`` (an untranslated source string with
    ``%(conference)s``) and the text (and HTML) body of ``template`` with his link (on
    ``base_url``, else SITE_URL). Raises what the mail backend raises."""
    speaker = invitation.speaker
    with translation.override(speaker_language(speaker)):
        context = {
            "speaker": speaker,
            "conference": speaker.conference,
            "url": invitation_url(invitation, base_url=base_url),
            "expires_at": invitation.expires_at,
        }
        body = render_to_string(f"emails/{template}.txt", context)
        message = EmailMultiAlternatives(
            subject=_(subject) % {"conference": speaker.conference.title},
            body=body,
            to=[speaker.email],
        )
        message.attach_alternative(
            render_to_string(f"emails/{template}.html", context), "text/html"
        )
        message.send()
