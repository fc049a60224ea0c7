"""Two-factor sign-in (django-otp): an authenticator app (TOTP) and single-use recovery codes.

A user enrols one authenticator (a ``TOTPDevice``, confirmed by a first code) and receives
``settings.RECOVERY_CODE_COUNT`` recovery codes (the tokens of one ``StaticDevice``), each good
for one sign-in. After his password, a user who needs a second factor proves it with a code
from the app or a recovery code; the device that accepted it is kept in his session
(``django_otp.login``), which is what "verified" means to the middleware.

Failures count against the device (django-otp's throttling: each failure doubles the wait
before the next try) and are audited, whatever the outcome of the request.
"""

from base64 import b32encode
from collections.abc import Callable

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, Outcome, User
from nonprolif.core.rules import has_perm

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def pending_enrolment(*, user: User) -> TOTPDevice:
    """The authenticator the user is enrolling: his unconfirmed TOTP device, created with a new
    random secret when he has none. Side effect: at most one TOTPDevice row."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The device's secret in base32, as authenticator apps take it when typed in."""
    return b32encode(device.bin_key).decode()


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, drawn here (segno)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=5, dark="#000", light="#fff", title=_("QR code")))


def _verify(device: Device, code: str) -> bool:
    """Check ``code`` against ``device`` under a row lock (django-otp updates its replay and
    throttling state in the same row)."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


def _refuse(user: User, device: Device, step: str) -> ValidationError:
    record(
        actor=user,
        action="otp.failure",
        obj=device,
        changes={"step": step},
        outcome=Outcome.DENIED,
    )
    device.refresh_from_db()
    allowed, wait = device.verify_is_allowed()
    if not allowed and wait and wait.get("locked_until"):
        seconds = max(1, int((wait["locked_until"] - timezone.now()).total_seconds()) + 1)
        message = _(
            "That code is not valid. Wait %(seconds)s seconds before the next try (the wait "
            "doubles with each wrong code)."
        ) % {"seconds": seconds}
    else:
        message = _("That code is not valid. Enter the current code of your app.")
    return ValidationError({"code": message}, code="invalid")


def confirm_enrolment(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the pending authenticator ``device`` of ``user`` with a first ``code`` from the
    app; return the new recovery codes (to show this once).

    Raises ValidationError naming ``code`` when the code is wrong (audited ``otp.failure``,
    the device stays unconfirmed) or when ``device`` is not the user's pending one.

    Side effects: the device confirmed; any other authenticator and the old recovery codes of
    the user deleted; ``RECOVERY_CODE_COUNT`` new recovery codes; one audit entry
    ``otp.enrol``.
    """
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError({"code": _("Start the enrolment again.")}, code="invalid")
    if not _verify(device, code.strip()):
        raise _refuse(user, device, "enrol")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        record(
            actor=user,
            action="otp.enrol",
            obj=device,
            changes={"recovery_codes": len(codes)},
        )
    return codes


def _new_recovery_codes(
    user: User, make: Callable[[], str] = StaticToken.random_token
) -> list[str]:
    """Replace the user's recovery codes with new ones (one StaticDevice, its tokens)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [make() for _i in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def regenerate_recovery_codes(*, user: User) -> list[str]:
    """Give ``user`` new recovery codes (the old ones stop working) and return them, to show
    once. Raises ValidationError when he has no authenticator.

    Side effects (one transaction): the old recovery codes deleted, new ones created; one
    audit entry ``otp.recovery_codes``.
    """
    authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if authenticator is None:
        raise ValidationError(_("Enrol an authenticator app first."), code="invalid")
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        record(
            actor=user,
            action="otp.recovery_codes",
            obj=authenticator,
            changes={"recovery_codes": len(codes)},
        )
    return codes


def verify_second_factor(*, user: User, code: str) -> Device:
    """The device of ``user`` that accepts ``code``: his authenticator for a 6-digit code,
    else one of his recovery codes (which is then used up).

    Raises ValidationError naming ``code`` when none accepts it (or the device waits after
    too many failures).

    Side effects: django-otp's replay and throttling state on the device; a recovery code
    deleted when one is used, with one audit entry ``otp.recovery_code`` (the number left);
    one audit entry ``otp.failure`` (outcome denied) for a wrong code.
    """
    code = "".join(code.split()).lower()
    authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if authenticator is None:
        raise ValidationError({"code": _("Enrol an authenticator app first.")}, code="invalid")
    if code.isdigit() and len(code) == authenticator.digits:
        if _verify(authenticator, code):
            return authenticator
        raise _refuse(user, authenticator, "verify")
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and _verify(recovery, code):
        left = StaticToken.objects.filter(device=recovery).count()
        record(
            actor=user,
            action="otp.recovery_code",
            obj=recovery,
            changes={"recovery_codes_left": left},
        )
        return recovery
    raise _refuse(user, recovery or authenticator, "verify")


def reset_second_factor(*, actor: Actor, user: User) -> int:
    """Remove every second-factor device of ``user`` (he lost his phone and his codes); he
    enrols again at his next sign-in. Returns the number of devices removed.

    Raises PermissionDenied unless ``actor`` is an administrator (audited, nothing removed).

    Side effects (one transaction): the user's TOTP and recovery-code devices deleted; one
    audit entry ``otp.reset`` on the user.
    """
    if not has_perm("core.reset_second_factor", actor):
        record(actor=actor, action="otp.reset", obj=user, outcome=Outcome.DENIED)
        raise PermissionDenied(_("Only an administrator can reset two-factor sign-in."))
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)
        count = sum(int(queryset.count()) for queryset in devices)
        for queryset in devices:
            queryset.delete()
        record(actor=actor, action="otp.reset", obj=user, changes={"devices": count})
    return count
