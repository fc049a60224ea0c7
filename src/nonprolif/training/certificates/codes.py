"""Verification codes of certificates: random, self-checking, unforgeable without the key.

A code is ``NPX-AAAA-AAAA-AAMM-MMMM``: 10 random characters (50 bits, ``secrets``) followed by
6 characters (30 bits) of an HMAC-SHA256 of those 10 under the deployment's SECRET_KEY
(``django.utils.crypto.salted_hmac``), in Crockford's base32 (no I, L, O, U). Whoever does
not hold the key cannot make a code that passes the check, and an altered character makes it
fail; a code that passes is then looked up (it must also have been issued). Input is read
leniently: any case, with or without hyphens, spaces or the prefix, O for 0 and I or L for 1.

Pure functions, no database.
"""

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
PREFIX = "NPX"
ID_LENGTH = 10
MAC_LENGTH = 6
BODY_LENGTH = ID_LENGTH + MAC_LENGTH
SALT = "nonprolif.training.certificate-code"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _mac(identifier: str, secret) -> str:
    digest = salted_hmac(SALT, identifier, secret=secret, algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * MAC_LENGTH)
    chars = []
    for _ in range(MAC_LENGTH):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def _format(body: str) -> str:
    groups = [body[i : i + 4] for i in range(0, BODY_LENGTH, 4)]
    return "-".join([PREFIX, *groups])


def new_code() -> str:
    """A fresh code, signed with the current SECRET_KEY."""
    identifier = "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))
    return _format(identifier + _mac(identifier, settings.SECRET_KEY))


def normalize(raw: str | None) -> str | None:
    """The canonical form of ``raw`` (``NPX-XXXX-XXXX-XXXX-XXXX``), or None when it does not
    have the shape of a code (wrong length or characters). Says nothing of its MAC."""
    if not raw:
        return None
    text = "".join(str(raw).split()).replace("-", "").upper()
    if len(text) == len(PREFIX) + BODY_LENGTH and text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    text = text.translate(_READ_AS)
    if len(text) != BODY_LENGTH or any(char not in ALPHABET for char in text):
        return None
    return _format(text)


def is_authentic(code: str) -> bool:
    """True when the canonical ``code`` carries a valid MAC under SECRET_KEY or one of the
    SECRET_KEY_FALLBACKS (so that rotating the key does not invalidate issued codes)."""
    body = code.replace("-", "")[len(PREFIX) :]
    if len(body) != BODY_LENGTH:
        return False
    identifier, mac = body[:ID_LENGTH], body[ID_LENGTH:]
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(mac, _mac(identifier, key)) for key in keys)
