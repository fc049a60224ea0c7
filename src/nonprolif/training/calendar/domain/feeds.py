"""Calendar feeds: create (the secret URL is returned once, only its hash is kept) and
revoke."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from nonprolif.core.domain.feeds import issue_feed, revoke_secret_feed
from nonprolif.core.models import Agency, Official, User
from nonprolif.program.models import Program
from nonprolif.program.queries import program_agencies
from nonprolif.training.models import CalendarFeed, FeedScope

FEED_TOKEN_PREFIX = "npcal_"  # noqa: S105 (a visible prefix, not a secret)
HINT_LENGTH = 10


def create_feed(
    *,
    actor: User,
    program: Program,
    scope: str,
    agency: Agency | None = None,
    official: Official | None = None,
) -> tuple[CalendarFeed, str]:
    """Create a calendar feed of ``program`` for ``actor``.

    ``scope`` "program" (coordinators, auditors, the program's partners), "agency" with
    ``agency`` (coordinators; a liaison his own agency) or "official" with ``official``
    (coordinators; a liaison the officials of his agency; an official his own). The agency
    or official must take part in the program. The feed is written in the actor's language.

    Returns ``(feed, raw_token)``: the raw token is the only copy of the secret in the feed
    URL; the database keeps its SHA-256 hash.

    Side effects, in one transaction: one CalendarFeed row and one AuditEntry
    ("feed.create"). PermissionDenied when the actor may not create this feed;
    ValidationError naming the field on bad input. Nothing is written in those cases.
    """
    if scope not in FeedScope.values:
        raise ValidationError(
            {"scope": _("Choose one of: %(choices)s.") % {"choices": ", ".join(FeedScope.values)}}
        )
    if scope == FeedScope.PROGRAM:
        agency = official = None
        allowed = actor.has_perm("training.add_program_feed", program)
    elif scope == FeedScope.AGENCY:
        official = None
        if agency is None:
            raise ValidationError({"agency": _("Choose the agency of the feed.")})
        allowed = actor.has_perm("training.add_agency_feed", agency)
    else:
        agency = None
        if official is None:
            raise ValidationError({"official": _("Choose the official of the feed.")})
        allowed = actor.has_perm("training.add_official_feed", official)
    if not allowed:
        raise PermissionDenied(_("You may not create this feed."))
    program_agency_ids = {a.pk for a in program_agencies(program)}
    if agency is not None and agency.pk not in program_agency_ids:
        raise ValidationError({"agency": _("This agency does not take part in the program.")})
    if official is not None and official.agency_id not in program_agency_ids:
        raise ValidationError(
            {"official": _("This official's agency does not take part in the program.")}
        )
    return issue_feed(
        CalendarFeed(scope=scope, program=program, agency=agency, official=official),
        actor=actor,
        prefix=FEED_TOKEN_PREFIX,
        hint_length=HINT_LENGTH,
        action="feed.create",
        changes={
            "scope": [None, scope],
            "agency": [None, agency.code if agency else None],
            "official": [None, official.pk if official else None],
        },
    )


def revoke_feed(*, actor: User, feed: CalendarFeed) -> CalendarFeed:
    """Revoke ``feed`` (its creator may). Its URL answers 404 from then on.

    Revoking twice is harmless: the first time is kept and nothing is written. Side
    effects: sets ``revoked_at`` and writes one AuditEntry ("feed.revoke"), in one
    transaction. PermissionDenied for anybody but the creator.
    """
    return revoke_secret_feed(
        actor=actor, feed=feed, perm="training.revoke_feed", action="feed.revoke"
    )
