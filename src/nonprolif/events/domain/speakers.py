"""Guest speakers: the partner proposes, the coordinator decides, the speaker answers through a
personal secret link (no account), and unanswered invitations are reminded.

The link's token is ``npspk_`` + an HMAC (keyed by SECRET_KEY) of a random nonce kept on the
invitation; the database keeps the nonce and the SHA-256 hash of the token, never the token. The
same link can so be repeated in reminders, while a copy of the database alone opens nothing.
Rotating SECRET_KEY invalidates every outstanding link (send new invitations then).
"""

import base64
import datetime
import logging
import re
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models.token import hash_token
from nonprolif.events.models import (
    Speaker,
    SpeakerInvitation,
    SpeakerResponse,
    SpeakerStatus,
)

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "npspk_"  # noqa: S105 (a visible prefix, not a secret)
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_TYPES = {  # magic bytes → file extension
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}
LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")
PROPOSAL_FIELDS = {
    "name",
    "organisation",
    "email",
    "topic_es",
    "topic_en",
    "bio_es",
    "bio_en",
    "languages",
}


@dataclass(frozen=True)
class InvitationSent:
    """What ``send_invitation`` did: the invitation, its link (the only copy of the secret:
    show it once) and whether the email went out."""

    invitation: SpeakerInvitation
    url: str
    emailed: bool


# --- tokens and links ---------------------------------------------------------------------


def invitation_token(nonce: str) -> str:
    """The secret token of the invitation with ``nonce`` (an HMAC keyed by SECRET_KEY)."""
    digest = salted_hmac("nonprolif.events.speaker-invitation", nonce, algorithm="sha256").digest()
    return TOKEN_PREFIX + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def invitation_url(invitation: SpeakerInvitation) -> str:
    """The absolute address of the speaker's page (SITE_URL + the secret path)."""
    base = getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/")
    return base + reverse("speaker_invitation", args=[invitation_token(invitation.nonce)])


def speaker_language(speaker: Speaker) -> str:
    """The UI language of the speaker's emails: the first of his languages we write in."""
    for code in (speaker.languages or "").split(","):
        code = code.strip().lower()
        if code.startswith("es"):
            return "es-mx"
        if code.startswith("en"):
            return "en"
    return settings.LANGUAGE_CODE


def normalise_languages(value: str) -> str:
    """``"ES, en"`` → ``"es,en"``; ValidationError (on ``languages``) for a bad code."""
    codes = [code.strip().lower() for code in (value or "").split(",") if code.strip()]
    bad = [code for code in codes if not LANGUAGE_CODE_RE.match(code)]
    if bad:
        raise ValidationError(
            {
                "languages": _("Not a language code: %(codes)s (use e.g. es,en).")
                % {"codes": ", ".join(bad)}
            }
        )
    return ",".join(dict.fromkeys(codes))


# --- emails -----------------------------------------------------------------------------------


def _send_speaker_email(*, template: str, subject: str, invitation: SpeakerInvitation) -> None:
    """Email the speaker, in his language, ``subject`` (an untranslated source string with
    ``%(conference)s``) and the text (and HTML) body of ``template`` with his link. Raises
    what the mail backend raises."""
    speaker = invitation.speaker
    with translation.override(speaker_language(speaker)):
        context = {
            "speaker": speaker,
            "conference": speaker.conference,
            "url": invitation_url(invitation),
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


INVITATION_SUBJECT = gettext_noop("Invitation to speak at %(conference)s")
REMINDER_SUBJECT = gettext_noop("Reminder: your invitation to speak at %(conference)s")


# --- proposals and decisions ------------------------------------------------------------------


def propose_speaker(*, actor, conference, **fields) -> Speaker:
    """Propose a guest speaker for ``conference``, on behalf of the actor's agency.

    ``fields``: name (required), organisation, email, topic_es/topic_en (at least one),
    bio_es, bio_en, languages (codes separated by commas, e.g. "es,en").

    Side effects: one Speaker row (status "proposed", answer "pending") and one audit entry
    ("speaker.propose"), in one transaction. PermissionDenied unless the actor may propose
    speakers to this conference (the coordinator; a user of a partner agency of its program);
    ValidationError naming the field on bad input. Nothing is written in those cases.
    """
    if set(fields) - PROPOSAL_FIELDS:
        raise TypeError(f"unexpected fields: {sorted(set(fields) - PROPOSAL_FIELDS)}")
    require_perm(actor, "events.propose_speaker", conference)
    errors: dict = {}
    values = {key: (value or "").strip() for key, value in fields.items()}
    try:
        values["languages"] = normalise_languages(values.get("languages", ""))
    except ValidationError as error:
        errors.update(error.message_dict)
        values["languages"] = ""
    speaker = Speaker(
        conference=conference,
        proposed_by=actor,
        proposed_by_agency_id=actor.agency_id,
        status=SpeakerStatus.PROPOSED,
        response=SpeakerResponse.PENDING,
        **values,
    )
    if not actor.agency_id:
        errors.setdefault("proposed_by_agency", []).append(
            _("Your login acts for no agency: ask an administrator to set it.")
        )
    if not speaker.topic_es and not speaker.topic_en:
        errors.setdefault("topic_es", []).append(_("Give the topic in Spanish or in English."))
    try:
        speaker.full_clean(exclude=["proposed_by_agency"] if not actor.agency_id else None)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        speaker.save()
        record(
            actor=actor,
            action="speaker.propose",
            obj=speaker,
            changes=diff({}, snapshot(speaker, ["name", "organisation", "email", "languages"])),
        )
    return speaker


def decide_speaker(
    *, actor, speaker: Speaker, decision: str, reason: str = "", invite: bool = True
) -> tuple[Speaker, InvitationSent | None]:
    """Accept or decline a proposed speaker (coordinators). A reason is required to decline.

    On acceptance, when ``invite`` and the speaker has an email address and no usable
    invitation, an invitation is sent (see ``send_invitation``). Declining an accepted speaker
    revokes his usable invitations. A decision may be changed later (it is recorded again).

    Returns ``(speaker, sent)``: ``sent`` is the InvitationSent or None.
    Side effects: the Speaker's status, reason, decided_by/at; one audit entry
    ("speaker.decide"); revoked invitations on decline; the invitation's own effects on
    acceptance. PermissionDenied for anybody but the coordinator; ValidationError (on
    ``decision`` or ``reason``) on bad input, writing nothing.
    """
    require_perm(actor, "events.decide_speaker", speaker)
    reason = (reason or "").strip()
    if decision not in (SpeakerStatus.ACCEPTED, SpeakerStatus.DECLINED):
        raise ValidationError(
            {"decision": _("Choose accepted or declined.")},
        )
    if decision == SpeakerStatus.DECLINED and not reason:
        raise ValidationError({"reason": _("Give the reason for declining this speaker.")})
    before = snapshot(speaker, ["status", "decision_reason"])
    now = timezone.now()
    with transaction.atomic():
        speaker.status = decision
        speaker.decision_reason = reason
        speaker.decided_by = actor
        speaker.decided_at = now
        speaker.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        revoked = []
        if decision == SpeakerStatus.DECLINED:
            revoked = list(speaker.invitations.usable(now).values_list("pk", flat=True))
            SpeakerInvitation.objects.filter(pk__in=revoked).update(revoked_at=now)
        changes = diff(before, snapshot(speaker, ["status", "decision_reason"]))
        if revoked:
            changes["revoked_invitations"] = [None, revoked]
        record(actor=actor, action="speaker.decide", obj=speaker, changes=changes)
    sent = None
    if (
        decision == SpeakerStatus.ACCEPTED
        and invite
        and speaker.email
        and not speaker.invitations.usable().exists()
    ):
        sent = send_invitation(actor=actor, speaker=speaker)
    return speaker, sent


# --- invitations ------------------------------------------------------------------------------


def send_invitation(*, actor, speaker: Speaker, days: int | None = None) -> InvitationSent:
    """Invite an accepted speaker: a new personal link, valid ``days`` days (default
    SPEAKER_INVITATION_DAYS), emailed to him in his first language.

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
    errors = {}
    if speaker.status != SpeakerStatus.ACCEPTED:
        errors["status"] = _("Only accepted speakers can be invited.")
    if not speaker.email:
        errors["email"] = _("The speaker has no email address: add one first.")
    if not isinstance(days, int) or days < 1:
        errors["days"] = _("The link must stay valid at least one day.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
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
        _send_speaker_email(
            template="speaker_invitation",
            subject=INVITATION_SUBJECT,
            invitation=invitation,
        )
    except OSError:  # SMTP errors are OSErrors; the link is still shown to the coordinator
        logger.exception("Invitation email to speaker %s failed", speaker.pk)
        emailed = False
    return InvitationSent(invitation=invitation, url=invitation_url(invitation), emailed=emailed)


def revoke_invitation(*, actor, invitation: SpeakerInvitation) -> SpeakerInvitation:
    """Revoke an invitation: its link answers 404 from then on (coordinators).

    Revoking twice is harmless: the first time is kept and nothing is written. Side effects:
    sets ``revoked_at`` and writes one audit entry ("speaker.invitation_revoke"), in one
    transaction. PermissionDenied for anybody but the coordinator.
    """
    require_perm(actor, "events.revoke_invitation", invitation)
    with transaction.atomic():
        current = SpeakerInvitation.objects.select_for_update().get(pk=invitation.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            record(
                actor=actor,
                action="speaker.invitation_revoke",
                obj=current.speaker,
                changes={"invitation": [current.pk, None]},
            )
    invitation.revoked_at = current.revoked_at
    return current


# --- the speaker's answer (no account: the link is the key) -----------------------------------


def photo_extension(content: bytes) -> str | None:
    """'jpg' or 'png' when the bytes start like a JPEG or PNG file; None otherwise."""
    for magic, extension in PHOTO_TYPES.items():
        if content.startswith(magic):
            return extension
    return None


def _read_photo(photo) -> ContentFile:
    """The uploaded photo as a file with a random name; ValidationError (on ``photo``) when it
    is too large or not a JPEG or PNG image (judged by its first bytes, not its name)."""
    size = getattr(photo, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 2 MB.")})
    content = photo.read(PHOTO_MAX_BYTES + 1)
    if len(content) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 2 MB.")})
    extension = photo_extension(content)
    if extension is None:
        raise ValidationError({"photo": _("The photo must be a JPEG or PNG image.")})
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}")


def respond_to_invitation(
    *,
    invitation: SpeakerInvitation,
    response: str,
    bio_es: str | None = None,
    bio_en: str | None = None,
    travel_needs: str | None = None,
    photo=None,
) -> Speaker:
    """The speaker's answer through his link: accept or decline, and (optionally) his
    biography in Spanish and English, his travel needs and a photo (JPEG or PNG, ≤ 2 MB).
    He may answer again while the link is valid (to change his answer or his details).

    Side effects, in one transaction: the Speaker's answer, answered-at time and the given
    fields; the photo file stored under MEDIA_ROOT/speakers/ (the previous one deleted);
    the invitation's ``used_at``; one audit entry ("speaker.respond", no actor: the speaker
    has no login). ValidationError naming the field on bad input, or (on ``__all__``) when
    the link was revoked or expired meanwhile; nothing is written then.
    """
    errors: dict = {}
    if response not in (SpeakerResponse.ACCEPTED, SpeakerResponse.DECLINED):
        errors["response"] = [_("Choose whether you accept or decline.")]
    new_photo = None
    if photo is not None:
        try:
            new_photo = _read_photo(photo)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    old_photo_name = None
    with transaction.atomic():
        current = (
            SpeakerInvitation.objects.select_for_update()
            .select_related("speaker")
            .filter(pk=invitation.pk)
            .usable(now)
            .first()
        )
        if current is None or current.speaker.status != SpeakerStatus.ACCEPTED:
            raise ValidationError(_("This invitation is no longer valid."))
        speaker = current.speaker
        fields = ["response", "responded_at"]
        before = snapshot(speaker, ["response", "bio_es", "bio_en", "travel_needs", "photo"])
        speaker.response = response
        speaker.responded_at = now
        for name, value in (("bio_es", bio_es), ("bio_en", bio_en), ("travel_needs", travel_needs)):
            if value is not None:
                setattr(speaker, name, value.strip())
                fields.append(name)
        speaker.full_clean(exclude=["photo"])
        if new_photo is not None:
            old_photo_name = speaker.photo.name if speaker.photo else None
            speaker.photo.save(new_photo.name, new_photo, save=False)
            fields.append("photo")
        speaker.save(update_fields=fields)
        current.used_at = now
        current.save(update_fields=["used_at"])
        record(
            actor=None,
            action="speaker.respond",
            obj=speaker,
            changes=diff(
                before,
                snapshot(speaker, ["response", "bio_es", "bio_en", "travel_needs", "photo"]),
            ),
        )
    if old_photo_name:
        transaction.on_commit(lambda: speaker.photo.storage.delete(old_photo_name))
    invitation.used_at = now
    return speaker


# --- reminders ----------------------------------------------------------------------------------


def pending_reminders(now=None, every_days: int | None = None):
    """The invitations due a reminder at ``now``: usable (not revoked, not expired), of an
    accepted speaker with an email address who has not answered, sent at least ``every_days``
    days ago (default SPEAKER_REMINDER_DAYS) and not reminded within that many days."""
    now = now or timezone.now()
    every = datetime.timedelta(days=every_days or settings.SPEAKER_REMINDER_DAYS)
    return (
        SpeakerInvitation.objects.usable(now)
        .filter(
            speaker__status=SpeakerStatus.ACCEPTED,
            speaker__response=SpeakerResponse.PENDING,
            created_at__lte=now - every,
        )
        .exclude(speaker__email="")
        .exclude(last_reminded_at__gt=now - every)
        .select_related("speaker__conference__program")
    )


def send_due_reminders(*, now=None, every_days: int | None = None) -> int:
    """Email a reminder (with the same personal link) to every speaker whose invitation is due
    one (see ``pending_reminders``). Returns how many were sent.

    Each invitation is handled in its own transaction, locked and checked again, so two
    workers never remind twice. Side effects per reminder: one email, the invitation's
    ``last_reminded_at`` and ``reminders_sent``, one audit entry ("speaker.remind", no
    actor). When an email fails, that invitation is left as it was (tried again next run)
    and the others go on.
    """
    now = now or timezone.now()
    sent = 0
    for pk in list(pending_reminders(now, every_days).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                invitation = (
                    pending_reminders(now, every_days).select_for_update().filter(pk=pk).first()
                )
                if invitation is None:
                    continue
                _send_speaker_email(
                    template="speaker_reminder",
                    subject=REMINDER_SUBJECT,
                    invitation=invitation,
                )
                invitation.last_reminded_at = now
                invitation.reminders_sent += 1
                invitation.save(update_fields=["last_reminded_at", "reminders_sent"])
                record(
                    actor=None,
                    action="speaker.remind",
                    obj=invitation.speaker,
                    changes={
                        "reminders_sent": [invitation.reminders_sent - 1, invitation.reminders_sent]
                    },
                )
        except OSError:
            logger.exception("Reminder email for invitation %s failed", pk)
            continue
        sent += 1
    return sent
