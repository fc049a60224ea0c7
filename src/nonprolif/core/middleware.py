import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from nonprolif.core import queries
from nonprolif.core.models import User


class UserLanguageMiddleware:
    """Activate the signed-in user's preferred language (after LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


# Sign-in: session timeouts and the second factor.

SIGNED_IN_AT = "signin.at"
LAST_SEEN_AT = "signin.seen"
# The last-seen time is written at most this often (a session write per request otherwise).
LAST_SEEN_RESOLUTION = 60


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT without a request, and
    SESSION_ABSOLUTE_TIMEOUT after its sign-in (after SessionMiddleware,
    AuthenticationMiddleware and MessageMiddleware).

    The session keeps the sign-in time and the last request's time (POSIX seconds, the real
    clock). An expired session is flushed: a page answers with a redirect to the login page
    and a message; an API request goes on without the session (401 unless it carries a token).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            seen = session.get(LAST_SEEN_AT, now)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if now - seen > idle or now - signed_in > absolute:
                logout(request)  # flushes the session; request.user becomes anonymous
                if not is_api(request):
                    messages.info(
                        request,
                        _("Your session has ended. Please sign in again.")
                        if now - signed_in > absolute
                        else _(
                            "Your session ended after a period of inactivity. Please sign in again."
                        ),
                    )
                    return redirect_to_login(request.get_full_path())
            elif now - seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


# What an unverified user who needs a second factor may still reach.
SECOND_FACTOR_EXEMPT = ("otp_verify", "otp_setup", "logout", "set_language")


class SecondFactorMiddleware:
    """Send a signed-in user who must prove a second factor (queries.second_factor_required)
    and has not in this session to the verification page, or to enrolment when he has no
    authenticator yet, from every page, the Django admin included (after OTPMiddleware and
    LoginRequiredMiddleware). The API refuses such a session by itself (api.auth.SessionAuth);
    static files never reach Django's views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if is_api(request) or not needs_second_factor(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_EXEMPT:
            return None
        user = request.user
        if not isinstance(user, User):  # needs_second_factor: a signed-in user
            return None
        target = "otp_verify" if queries.totp_device_of(user) else "otp_setup"
        return HttpResponseRedirect(
            f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        )


def needs_second_factor(request: HttpRequest) -> bool:
    """Is the request's user signed in, required to prove a second factor, and not verified
    in this session?"""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return False
    return queries.second_factor_required(user)


class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware does not send (below WhiteNoise, so on every
    answer but the static files'):

    - ``Permissions-Policy``: every feature of ``settings.PERMISSIONS_POLICY`` denied
      (``camera=()``…), to the page and to any frame;
    - ``Cache-Control: no-store`` unless the view chose otherwise: every page but the sign-in
      page shows scoped data, and so do the API's answers, the exports and the PDFs; none may
      be kept by a browser or a proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True)
        return response


class RefuseNullCharactersMiddleware:
    """A 400 naming the parameter for a NUL character in a query string or a form's fields,
    before any view: no database stores one (PostgreSQL refuses it), and every text field of a
    form would refuse it anyway. The API (``/api/``) answers its own 422 for it
    (``api.inputs``), in its documented shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            for data in (request.GET, request.POST):
                for name, values in data.lists():
                    if "\x00" in name or any("\x00" in value for value in values):
                        message = _("The field “%(field)s” holds a NUL character.") % {
                            "field": name.replace("\x00", "")
                        }
                        return HttpResponseBadRequest(message, content_type="text/plain")
        return self.get_response(request)
