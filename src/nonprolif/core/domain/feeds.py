"""What every feed behind a secret URL does alike (training calendar feeds, conference agenda
feeds): issue one (the raw token is returned once, only its hash is kept) and revoke one.
Each feature checks who may, and says what the feed shows and how the audit names it. The
active feed behind a raw token: ``core.queries.active_feed_by_token``."""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.core.models.feed import SecretFeed
from nonprolif.core.models.token import hash_token, new_raw_token

FeedT = TypeVar("FeedT", bound=SecretFeed)


def issue_feed(
    feed: FeedT,
    *,
    actor: User,
    prefix: str,
    hint_length: int,
    action: str,
    changes: dict[str, Any],
) -> tuple[FeedT, str]:
    """Give the unsaved ``feed`` a fresh secret (``prefix`` and random characters), the
    actor as its creator and the actor's language; validate and save it.

    Returns ``(feed, raw_token)``: the raw token is the only copy of the secret; the database
    keeps its SHA-256 hash and its first ``hint_length`` characters.

    Side effects, in one transaction: the feed's row and one AuditEntry (``action`` with
    ``changes``). ValidationError naming the field on bad input, writing nothing.
    """
    raw = new_raw_token(prefix)
    feed.token_hash = hash_token(raw)
    feed.hint = raw[:hint_length]
    feed.language = getattr(actor, "language", "es-mx") or "es-mx"
    feed.created_by = actor  # type: ignore[attr-defined]  # each concrete feed has its creator
    feed.full_clean()
    with transaction.atomic():
        feed.save()
        record(actor=actor, action=action, obj=feed, changes=changes)
    return feed, raw


def revoke_secret_feed(*, actor: User, feed: FeedT, perm: str, action: str) -> FeedT:
    """Revoke ``feed`` when ``actor`` has ``perm`` on it. Its URLs answer 404 from then on.

    Revoking twice is harmless: the first time is kept and nothing is written. Side
    effects: sets ``revoked_at`` and writes one AuditEntry (``action``), in one transaction.
    PermissionDenied when the actor lacks ``perm``.
    """
    if not actor.has_perm(perm, feed):
        raise PermissionDenied(_("You may not revoke this feed."))
    with transaction.atomic():
        current: FeedT = type(feed)._default_manager.select_for_update().get(pk=feed.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            record(actor=actor, action=action, obj=current)
    feed.revoked_at = current.revoked_at
    return current
