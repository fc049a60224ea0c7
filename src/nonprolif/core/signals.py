"""Receivers of the sign-in libraries' signals (extension points, connected in apps.ready)."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from nonprolif.core.domain.lockouts import record_lockout
from nonprolif.core.middleware import LAST_SEEN_AT, SIGNED_IN_AT


@receiver(user_locked_out, dispatch_uid="nonprolif.core.audit_lockout")
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Audit the failure that locked a username or an address out (not the refusals after)."""
    record_lockout(
        username=username,
        address=ip_address,
        failures=getattr(request, "axes_failures_since_start", None),
    )


@receiver(user_logged_in, dispatch_uid="nonprolif.core.session_clock")
def start_session_clock(sender, request=None, user=None, **kwargs):
    """Start the idle and absolute timeouts of the new session (SessionTimeoutMiddleware)."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
