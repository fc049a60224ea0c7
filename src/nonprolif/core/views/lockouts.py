"""Sign-in lockouts: the page axes answers a locked-out sign-in with, and the administrators'
list of current lockouts with its Unlock buttons."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.domain.lockouts import unlock


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed sign-in attempts. Signing in is blocked for %(minutes)s minutes; "
        "an administrator can lift the block sooner."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): the login page with one
    message, the same whether or not the username exists, status 429."""
    form = AuthenticationForm(request)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form.initial["username"] = str(username)[:150]
    return render(
        request,
        "core/login.html",
        {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")},
        status=429,
    )


@never_cache
def lockout_list(request):
    """The usernames and client addresses locked out now, with an Unlock button each
    (administrators; anybody else gets 403)."""
    if not has_perm("core.unlock_logins", request.user):
        raise PermissionDenied
    return render(
        request,
        "core/lockout_list.html",
        {"lockouts": queries.current_lockouts(request.user)},
    )


@require_POST
def lockout_unlock(request):
    """Lift one lockout (POST kind=username|address, value=…); audited by the service."""
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")
    try:
        done = unlock(
            actor=request.user,
            username=value if kind == "username" else "",
            address=value if kind == "address" else "",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(value)s” can sign in again (%(count)s failed attempts cleared).")
            % {"value": done.username or done.address, "count": done.attempts},
        )
    return redirect("lockout_list")
