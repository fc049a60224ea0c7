"""Guest speaker proposals: a partner agency's user (or the coordinator) proposes a speaker for
a conference; the coordinator accepts or declines, and accepting invites him."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.models import (
    Conference,
    Speaker,
    SpeakerInvitation,
    SpeakerResponse,
    SpeakerStatus,
)

from .invitations import InvitationSent, send_invitation

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


def propose_speaker(*, actor: User, conference: Conference, **fields: Any) -> Speaker:
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
    errors: dict[str, list[str]] = {}
    values = {key: (value or "").strip() for key, value in fields.items()}
    try:
        values["languages"] = normalise_languages(values.get("languages", ""))
    except ValidationError as error:
        errors.update(error.message_dict)
        values["languages"] = ""
    speaker = Speaker(
        conference=conference,
        proposed_by=actor,
        status=SpeakerStatus.PROPOSED,
        response=SpeakerResponse.PENDING,
        **values,
    )
    if actor.agency_id:
        speaker.proposed_by_agency_id = actor.agency_id
    else:
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
    *,
    actor: User,
    speaker: Speaker,
    decision: str,
    reason: str = "",
    invite: bool = True,
    base_url: str | None = None,
) -> tuple[Speaker, InvitationSent | None]:
    """Accept or decline a proposed speaker (coordinators). A reason is required to decline.

    On acceptance, when ``invite`` and the speaker has an email address and no usable
    invitation, an invitation is sent (see ``send_invitation``; its link on ``base_url``, the
    request's address, else SITE_URL). Declining an accepted speaker revokes his usable
    invitations. A decision may be changed later (it is recorded again).

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
    now = clock.now()
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
        sent = send_invitation(actor=actor, speaker=speaker, base_url=base_url)
    return speaker, sent
