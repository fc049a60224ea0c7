"""Token authentication for the API: ``Authorization: Bearer <token>``.

Tokens are personal (core.ApiToken), stored as SHA-256 hashes and revocable. A signed-in
browser session is accepted too (with Django's CSRF check on writes), so that the API docs
page works for a logged-in user.
"""

from django.utils import timezone, translation
from ninja.security import APIKeyCookie, HttpBearer

from nonprolif.core.models import ApiToken
from nonprolif.core.models.token import hash_token


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
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        # The middleware chose the language before the token named the user: speak his.
        translation.activate(found.user.language)
        request.LANGUAGE_CODE = translation.get_language()
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser session, CSRF-checked by ninja on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


api_auth = [TokenAuth(), SessionAuth()]
