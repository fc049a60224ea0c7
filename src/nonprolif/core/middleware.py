import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
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
