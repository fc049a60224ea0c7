"""Agenda feeds: create (the secret URL is returned once, only its hash is kept) and revoke.
A feed serves the conference's published agenda as iCalendar, frab XML and JSON to apps
that cannot sign in."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.core.models.token import hash_token, new_raw_token
from nonprolif.events.models import Conference, ConferenceFeed

FEED_TOKEN_PREFIX = "npagenda_"  # noqa: S105 (a visible prefix, not a secret)
HINT_LENGTH = 12


def create_conference_feed(*, actor: User, conference: Conference) -> tuple[ConferenceFeed, str]:
    """Create a feed of ``conference``'s published agenda for ``actor`` (anyone who can
    see the conference: the caller reached it through ``get_conference_for``), in the
    actor's language.

    Returns ``(feed, raw_token)``: the raw token is the only copy of the secret in the feed
    URLs; the database keeps its SHA-256 hash.

    Side effects, in one transaction: one ConferenceFeed row and one AuditEntry
    ("conference_feed.create").
    """
    raw = new_raw_token(FEED_TOKEN_PREFIX)
    feed = ConferenceFeed(
        conference=conference,
        token_hash=hash_token(raw),
        hint=raw[:HINT_LENGTH],
        language=getattr(actor, "language", "es-mx") or "es-mx",
        created_by=actor,
    )
    feed.full_clean()
    with transaction.atomic():
        feed.save()
        record(
            actor=actor,
            action="conference_feed.create",
            obj=feed,
            changes={"conference": [None, conference.pk]},
        )
    return feed, raw


def revoke_conference_feed(*, actor: User, feed: ConferenceFeed) -> ConferenceFeed:
    """Revoke ``feed`` (its creator may). Its URLs answer 404 from then on.

    Revoking twice is harmless: the first time is kept and nothing is written. Side
    effects: sets ``revoked_at`` and writes one AuditEntry ("conference_feed.revoke"), in
    one transaction. PermissionDenied for anybody but the creator.
    """
    if not actor.has_perm("events.revoke_conference_feed", feed):
        raise PermissionDenied(_("You may not revoke this feed."))
    with transaction.atomic():
        current: ConferenceFeed = ConferenceFeed.objects.select_for_update().get(pk=feed.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            record(actor=actor, action="conference_feed.revoke", obj=current)
    feed.revoked_at = current.revoked_at
    return current


def note_feed_read(*, feed: ConferenceFeed, file_format: str, version: int) -> None:
    """Audit one read of ``feed`` by an app (no user signed in: the entry names the feed's
    creator, whose access it uses). Side effect: one AuditEntry ("conference_feed.read")."""
    record(
        actor=feed.created_by,
        action="conference_feed.read",
        obj=feed,
        changes={"format": file_format, "version": version},
    )
