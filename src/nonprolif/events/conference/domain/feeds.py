"""Agenda feeds: create (the secret URL is returned once, only its hash is kept) and revoke.
A feed serves the conference's published agenda as iCalendar, frab XML and JSON to apps
that cannot sign in."""

from nonprolif.core.domain.audit import record
from nonprolif.core.domain.feeds import issue_feed, revoke_secret_feed
from nonprolif.core.models import User
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
    return issue_feed(
        ConferenceFeed(conference=conference),
        actor=actor,
        prefix=FEED_TOKEN_PREFIX,
        hint_length=HINT_LENGTH,
        action="conference_feed.create",
        changes={"conference": [None, conference.pk]},
    )


def revoke_conference_feed(*, actor: User, feed: ConferenceFeed) -> ConferenceFeed:
    """Revoke ``feed`` (its creator may). Its URLs answer 404 from then on.

    Revoking twice is harmless: the first time is kept and nothing is written. Side
    effects: sets ``revoked_at`` and writes one AuditEntry ("conference_feed.revoke"), in
    one transaction. PermissionDenied for anybody but the creator.
    """
    return revoke_secret_feed(
        actor=actor,
        feed=feed,
        perm="events.revoke_conference_feed",
        action="conference_feed.revoke",
    )


def note_feed_read(*, feed: ConferenceFeed, file_format: str, version: int) -> None:
    """Audit one read of ``feed`` by an app (no user signed in: the entry names the feed's
    creator, whose access it uses). Side effect: one AuditEntry ("conference_feed.read")."""
    record(
        actor=feed.created_by,
        action="conference_feed.read",
        obj=feed,
        changes={"format": file_format, "version": version},
    )
