"""Reads of guest speakers and their invitations. Every selector starts from
``visible_to(user)``; ``get_<thing>_for`` helpers raise Http404 when the thing is missing or
not visible."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.models import User
from nonprolif.core.models.token import hash_token
from nonprolif.events.models import (
    Conference,
    Speaker,
    SpeakerInvitation,
    SpeakerResponse,
    SpeakerStatus,
)


def speakers_for(user: User) -> QuerySet[Speaker]:
    """The speakers ``user`` can see, with their conference, proposing agency and decider,
    and ``visible_invitations``: the invitations ``user`` may see, newest first (none for a
    partner)."""
    return (
        Speaker.objects.visible_to(user)
        .select_related("conference__program", "proposed_by_agency", "decided_by")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=SpeakerInvitation.objects.visible_to(user).order_by("-created_at", "-pk"),
                to_attr="visible_invitations",
            )
        )
    )


def conference_speakers(
    user: User, conference: Conference, *, status: str = ""
) -> QuerySet[Speaker]:
    """The speakers of ``conference`` that ``user`` can see, by name; optionally of one
    decision status."""
    speakers = speakers_for(user).filter(conference=conference)
    if status in SpeakerStatus.values:
        speakers = speakers.filter(status=status)
    return speakers.order_by("name", "pk")


def get_speaker_for(user: User, pk: int | str) -> Speaker:
    """The speaker ``pk`` if ``user`` can see it; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such speaker.")) from None
    speaker = speakers_for(user).filter(pk=pk).first()
    if speaker is None:
        raise Http404(_("No such speaker."))
    return speaker


def get_invitation_for(user: User, pk: int | str) -> SpeakerInvitation:
    """The invitation ``pk`` if ``user`` can see it (coordinators, auditors); Http404
    otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such invitation.")) from None
    invitation = (
        SpeakerInvitation.objects.visible_to(user)
        .select_related("speaker__conference")
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise Http404(_("No such invitation."))
    return invitation


def get_invitation_by_token(raw: str) -> SpeakerInvitation:
    """The usable invitation whose link carries ``raw`` (the speaker's key: no login). Http404
    alike for an unknown, revoked or expired link, or one of a speaker no longer accepted,
    so that the answer gives nothing away."""
    invitation = (
        SpeakerInvitation.objects.usable(clock.now())
        .filter(token_hash=hash_token(raw or ""), speaker__status=SpeakerStatus.ACCEPTED)
        .select_related("speaker__conference__program")
        .first()
    )
    if invitation is None:
        raise Http404(_("This link is not valid."))
    return invitation


def speaker_counts(speakers: QuerySet[Speaker]) -> dict[str, int]:
    """{status: count} of the given (already scoped) speakers, every status present."""
    counts = dict.fromkeys(SpeakerStatus.values, 0)
    for row in speakers.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def confirmed_speakers(user: User, conference: Conference) -> QuerySet[Speaker]:
    """The speakers of ``conference`` ``user`` can see who were accepted and said yes."""
    return conference_speakers(user, conference).filter(
        status=SpeakerStatus.ACCEPTED, response=SpeakerResponse.ACCEPTED
    )
