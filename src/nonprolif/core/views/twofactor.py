"""Two-factor sign-in pages: enrolment (QR code, first code, recovery codes shown once), the
verification step after the password, and new recovery codes."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from nonprolif.core import queries
from nonprolif.core.domain import twofactor
from nonprolif.core.forms import SecondFactorForm
from nonprolif.core.middleware import needs_second_factor


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return url


def _verified(request, device) -> None:
    """Keep the device that verified the user in his session, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@sensitive_post_parameters("code")
def otp_setup(request):
    """Two-factor sign-in of the signed-in user. Without an authenticator: its QR code and
    secret, and the form for the first code (which enrols it and shows the recovery codes
    once). With one: its state, how many recovery codes are left, and the button for new
    ones."""
    user = request.user
    authenticator = queries.totp_device_of(user)
    if authenticator is not None and needs_second_factor(request):
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': _next_url(request)})}")
    if authenticator is not None:
        return render(
            request,
            "core/otp_setup.html",
            {
                "authenticator": authenticator,
                "codes_left": queries.recovery_codes_left(user),
                "required": queries.second_factor_required(user),
            },
        )
    device = twofactor.pending_enrolment(user=user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.confirm_enrolment(
                user=user, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _verified(request, device)
            return render(
                request,
                "core/otp_recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
    return render(
        request,
        "core/otp_enrol.html",
        {
            "form": form,
            "qr_svg": twofactor.qr_code_svg(device),
            "secret": twofactor.secret_of(device),
            "config_url": device.config_url,
            "next": _next_url(request),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def otp_verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    user = request.user
    if getattr(user, "is_verified", lambda: False)():
        return redirect(_next_url(request))
    if queries.totp_device_of(user) is None:
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next_url(request)})}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = twofactor.verify_second_factor(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _verified(request, device)
            if device.name == twofactor.RECOVERY:
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s are left.")
                    % {"count": queries.recovery_codes_left(user)},
                )
            return redirect(_next_url(request))
    return render(request, "core/otp_verify.html", {"form": form, "next": _next_url(request)})


@require_POST
@never_cache
def otp_recovery_codes(request):
    """New recovery codes for the signed-in user, shown once (the old ones stop working)."""
    try:
        codes = twofactor.regenerate_recovery_codes(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("otp_setup")
    return render(
        request, "core/otp_recovery_codes.html", {"codes": codes, "next": "", "enrolled": False}
    )
