"""The speaker's answer through his link (no account: the link is the key): accept or decline,
his biography, travel needs and photo."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.events.models import Speaker, SpeakerInvitation, SpeakerResponse, SpeakerStatus

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_TYPES = {  # magic bytes → file extension
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def photo_extension(content: bytes) -> str | None:
    """'jpg' or 'png' when the bytes start like a JPEG or PNG file; None otherwise."""
    for magic, extension in PHOTO_TYPES.items():
        if content.startswith(magic):
            return extension
    return None


def _read_photo(photo: UploadedFile[bytes]) -> ContentFile[bytes]:
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
    photo: UploadedFile[bytes] | None = None,
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
    errors: dict[str, list[str]] = {}
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
    now = clock.now()
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
            speaker.photo.save(str(new_photo.name), new_photo, save=False)
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
