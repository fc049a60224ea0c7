"""The second factor of the demo logins that need one (a role of OTP_REQUIRED_ROLES, or a
clearance above the lowest two levels): an authenticator secret and recovery codes derived
from the username, so that they are the same on every run and every machine, and the person
running the demo (and the browser tests) can sign in with what ``nonprolif seed --demo``
prints. They are public, like the demo password: never use the demo logins outside a demo."""

from __future__ import annotations

import hashlib
from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.domain.audit import record
from nonprolif.core.domain.twofactor import AUTHENTICATOR, RECOVERY
from nonprolif.core.models import ClassificationLevel, User
from nonprolif.seed.loader.result import SeedResult


@dataclass(frozen=True)
class DemoSecondFactor:
    """How a demo login passes the second factor: the authenticator's secret (base32, and as
    the otpauth:// address apps scan) and its recovery codes."""

    username: str
    key_hex: str
    recovery_codes: tuple[str, ...]

    @property
    def secret(self) -> str:
        return b32encode(bytes.fromhex(self.key_hex)).decode()

    @property
    def otpauth_uri(self) -> str:
        issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
        label = quote(f"{issuer}:{self.username}")
        query = urlencode({"secret": self.secret, "algorithm": "SHA1", "digits": 6, "period": 30})
        return f"otpauth://totp/{label}?{query}&issuer={quote(issuer)}"


def _derive(purpose: str, username: str) -> bytes:
    return hashlib.sha256(f"nonprolif demo {purpose} {username}".encode()).digest()


def clearance_needs_second_factor(clearance: str | None) -> bool:
    """Does the level whose code is ``clearance`` need a second factor (it is above the
    lowest two levels)? False for None and for a code the deployment lacks."""
    if not clearance:
        return False
    level = ClassificationLevel.objects.filter(code=clearance).first()
    return level is not None and level.needs_second_factor


def demo_second_factor(
    username: str, role: str, clearance: str | None = None
) -> DemoSecondFactor | None:
    """The demo second factor of ``username``, or None when neither his role nor his
    clearance (a level's code) needs one."""
    if role not in settings.OTP_REQUIRED_ROLES and not clearance_needs_second_factor(clearance):
        return None
    codes = tuple(
        b32encode(_derive(f"recovery code {n}", username)[:5]).decode().lower()
        for n in range(settings.RECOVERY_CODE_COUNT)
    )
    return DemoSecondFactor(username, _derive("totp", username)[:20].hex(), codes)


def ensure_demo_second_factor(
    user: User, role: str, *, result: SeedResult, actor: User | None
) -> None:
    """Give the demo login ``user`` its demo authenticator and recovery codes when ``role``
    or his clearance needs a second factor, or bring them back (a used recovery code, a new
    enrolment).

    Side effects: the user's TOTP and recovery-code devices replaced when they differ; one
    audit entry ``otp.enrol`` when anything changed. A second run changes nothing.
    """
    clearance = user.clearance.code if user.clearance else None
    wanted = demo_second_factor(user.username, role, clearance)
    if wanted is None:
        return
    totp = list(TOTPDevice.objects.filter(user=user))
    changed = False
    if not (len(totp) == 1 and totp[0].confirmed and totp[0].key == wanted.key_hex):
        counter = result.updated if totp else result.created
        TOTPDevice.objects.filter(user=user).delete()
        totp = [TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, key=wanted.key_hex)]
        counter[TOTPDevice._meta.label_lower] += 1
        changed = True
    codes = set(
        StaticToken.objects.filter(device__user=user, device__confirmed=True).values_list(
            "token", flat=True
        )
    )
    if codes != set(wanted.recovery_codes) or StaticDevice.objects.filter(user=user).count() != 1:
        existing = StaticDevice.objects.filter(user=user)
        (result.updated if existing.exists() else result.created)[
            StaticDevice._meta.label_lower
        ] += 1
        existing.delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in wanted.recovery_codes
        )
        changed = True
    if changed:
        record(
            actor=actor,
            action="otp.enrol",
            obj=totp[0],
            changes={"demo": True, "recovery_codes": len(wanted.recovery_codes)},
        )
