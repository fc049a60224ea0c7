"""The sign-in accounts of a generated data set (for the load test) and the logins file.

Per ``logins_per_role`` (K): K coordinators, K auditors, K partners and K liaisons of every
national agency; the first of each is ``gen-<role>`` (``gen-liaison-<agency>``), the others
``gen-<role>-<n>``. All share one password. The roles of OTP_REQUIRED_ROLES get a confirmed
authenticator whose secret is derived from the seed and the username, written with the
usernames to the logins file, so that a load test can compute their codes.
"""

from __future__ import annotations

import hashlib
import json
from base64 import b32encode
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.domain.twofactor import AUTHENTICATOR
from nonprolif.core.models import Agency, User
from nonprolif.core.roles import Role

from .shapes import USER_PREFIX

DEFAULT_PASSWORD = "national-scale-load-test"  # noqa: S105 (public, like the demo's)
LOGINS_FORMAT = "nonprolif-generated-logins/1"


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    agency: str | None
    key_hex: str | None  # the TOTP key, for the roles that need a second factor

    @property
    def totp_secret(self) -> str | None:
        return b32encode(bytes.fromhex(self.key_hex)).decode() if self.key_hex else None


def totp_key(seed: int, username: str) -> str:
    """The authenticator key (20 bytes, hex) of a generated login."""
    return hashlib.sha256(f"nonprolif generate totp {seed} {username}".encode()).digest()[:20].hex()


def _username(base: str, n: int) -> str:
    return f"{USER_PREFIX}{base}" if n == 1 else f"{USER_PREFIX}{base}-{n}"


def plan_logins(
    seed: int, national: list[Agency], partner: Agency, per_role: int
) -> list[tuple[Login, Agency | None]]:
    plans: list[tuple[Login, Agency | None]] = []
    needs_otp = set(settings.OTP_REQUIRED_ROLES)

    def add(base: str, role: Role, agency: Agency | None, n: int) -> None:
        username = _username(base, n)
        key = totp_key(seed, username) if role.value in needs_otp else None
        plans.append((Login(username, role.value, agency.code if agency else None, key), agency))

    for n in range(1, per_role + 1):
        add("coordinator", Role.COORDINATOR, None, n)
        add("auditor", Role.AUDITOR, None, n)
        add("partner", Role.PARTNER, partner, n)
        for agency in national:
            add(f"liaison-{agency.code.split('-', 1)[1].lower()}", Role.LIAISON, agency, n)
    return plans


def create_logins(
    seed: int, national: list[Agency], partner: Agency, per_role: int, password: str
) -> tuple[list[Login], dict[str, list[User]]]:
    """The accounts, their role groups and authenticators (bulk inserts). Returns the logins
    and the users by role, in creation order."""
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    encoded = make_password(password)  # hashed once: the hasher is slow on purpose
    plans = plan_logins(seed, national, partner, per_role)
    users = User.objects.bulk_create(
        [
            User(
                username=login.username,
                password=encoded,
                agency=agency,
                first_name=login.role.capitalize(),
                last_name=login.agency or "",
                email=f"{login.username}@gen.example",
            )
            for login, agency in plans
        ]
    )
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=user.pk, group_id=groups[login.role].pk)
            for user, (login, _agency) in zip(users, plans, strict=True)
        ]
    )
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(user=user, name=AUTHENTICATOR, key=login.key_hex, confirmed=True)
            for user, (login, _agency) in zip(users, plans, strict=True)
            if login.key_hex
        ]
    )
    by_role: dict[str, list[User]] = {}
    for user, (login, _agency) in zip(users, plans, strict=True):
        by_role.setdefault(login.role, []).append(user)
    return [login for login, _agency in plans], by_role


def write_logins_file(path: Path, *, seed: int, password: str, logins: list[Login]) -> None:
    """The usernames, roles, password and authenticator secrets, as JSON (for the load test).
    TOTP: SHA1, 6 digits, 30-second steps (django-otp's defaults)."""
    document = {
        "format": LOGINS_FORMAT,
        "seed": seed,
        "password": password,
        "totp": {"algorithm": "SHA1", "digits": 6, "period": 30},
        "logins": [
            {
                "username": login.username,
                "role": login.role,
                "agency": login.agency,
                "totp_key_hex": login.key_hex,
                "totp_secret": login.totp_secret,
            }
            for login in logins
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
