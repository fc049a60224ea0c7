"""Token authentication for the API: ``Authorization: Bearer <token>``.

Tokens are personal (core.ApiToken), stored as SHA-256 hashes, revocable and expiring (a
revoked or expired token, or one of an inactive user, is a 401). A read-only token gets 403
on any method but GET, HEAD and OPTIONS. ``last_used_at`` is written at most once a minute
per token (LAST_USED_RESOLUTION), so that parallel clients do not queue on that write. A signed-in
browser session is accepted too (with Django's CSRF check on writes), so that the API docs
page works for a logged-in user.

Tokens are not asked for a second factor: a token is issued only from a signed-in session
(the API tokens page), which for a user who needs one is a session verified with it; a
session that has not proved its second factor yet is refused (401) like no session.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from nonprolif.core.middleware import needs_second_factor
from nonprolif.core.models import ApiToken
from nonprolif.core.models.token import hash_token

LAST_USED_RESOLUTION = datetime.timedelta(seconds=60)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def touch_last_used(token: ApiToken) -> None:
    """Note that ``token`` was used now, at most once per LAST_USED_RESOLUTION: no write when
    the stored time is recent, and a conditional UPDATE (one writer wins) when it is not."""
    now = timezone.now()
    stale = now - LAST_USED_RESOLUTION
    if token.last_used_at is not None and token.last_used_at >= stale:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=token.pk
    ).update(last_used_at=now)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.active()
            .select_related("user", "user__agency")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        touch_last_used(found)
        request.user = found.user
        # The middleware chose the language before the token named the user: speak his.
        translation.activate(found.user.language)
        request.LANGUAGE_CODE = translation.get_language()
        if found.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied(_("This API token is read-only."))
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser session, CSRF-checked by ninja on unsafe methods. A session that still owes
    its second factor (core.middleware.needs_second_factor) is refused like no session."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if needs_second_factor(request):
            return None
        return user


api_auth = [TokenAuth(), SessionAuth()]
