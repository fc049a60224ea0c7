"""Personal API tokens: issue (the raw value is returned once, only its hash is kept; it
expires after ``settings.API_TOKEN_DAYS``; it may be read-only) and revoke."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, ApiToken, User
from nonprolif.core.models.token import default_expiry, hash_token, new_raw_token
from nonprolif.core.rules import has_perm

HINT_LENGTH = 8


def issue_token(*, user: Actor, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    """Issue a new API token for ``user`` (who must be an active, signed-in user). It expires
    ``settings.API_TOKEN_DAYS`` days from now; a ``read_only`` token may only read (the API
    answers 403 to any other method).

    Returns ``(token, raw)``: ``raw`` is the only copy of the secret; the database keeps
    its SHA-256 hash and its first characters (``hint``).

    Side effects: one ApiToken row and one AuditEntry ("token.issue"), in one transaction.
    Raises ValidationError (on ``name``) for a bad name, writing nothing.
    """
    if not isinstance(user, User) or not user.is_active:  # anonymous, nobody or inactive
        raise PermissionDenied(_("Only active users may hold API tokens."))
    raw = new_raw_token()
    token = ApiToken(
        user=user,
        name=(name or "").strip(),
        key_hash=hash_token(raw),
        hint=raw[:HINT_LENGTH],
        read_only=bool(read_only),
        expires_at=default_expiry(),
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
        record(
            actor=user,
            action="token.issue",
            obj=token,
            changes={
                "name": [None, token.name],
                "read_only": [None, token.read_only],
                "expires_at": [None, token.expires_at.isoformat()],
            },
        )
    return token, raw


def revoke_token(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke ``token``: its owner may, and so may an administrator (``core.manage_accounts``).

    Revoking twice is harmless: the first revocation time is kept and nothing is written.
    Side effects: sets ``revoked_at`` and writes one AuditEntry ("token.revoke"), in one
    transaction. Raises PermissionDenied for anybody else.
    """
    is_owner = actor is not None and token.user_id == actor.pk
    if not is_owner and not has_perm("core.manage_accounts", actor):
        raise PermissionDenied(_("You may not revoke this token."))
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            record(actor=actor, action="token.revoke", obj=current)
    token.revoked_at = current.revoked_at
    return current


def revoke_tokens_of(*, actor: Actor, user: User) -> int:
    """Revoke every token of ``user`` not yet revoked, for the account service (a password
    change, a deactivation), which has checked the rules. Returns how many.

    Side effects: sets ``revoked_at`` on them and writes one AuditEntry ("token.revoke") each;
    call it inside the caller's transaction.
    """
    now = timezone.now()
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action="token.revoke", obj=token)
    return len(tokens)
