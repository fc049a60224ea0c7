"""Check-in codes: what a badge's QR code holds and a door scanner types.

A code is ``R<registration id>-<8 hexadecimal digits>``: the digits are a keyed hash (the
site's SECRET_KEY) of the id, so a code cannot be made up from an id alone, and nothing is
stored. Reading a code gives the registration id only when its hash matches; the caller
then reaches the registration through the access rule like any other.
"""

import re

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "nonprolif.events.registrations.checkin"
CODE_PATTERN = re.compile(r"R(\d{1,18})-([0-9A-F]{8})")


def _signature(pk: int) -> str:
    return salted_hmac(SALT, str(pk), algorithm="sha256").hexdigest()[:8].upper()


def checkin_code(pk: int) -> str:
    """The check-in code of registration ``pk``."""
    return f"R{pk}-{_signature(pk)}"


def registration_id(code: str) -> int | None:
    """The registration id of ``code`` (as a scanner typed it: case and surrounding spaces
    do not matter), or None when it is not a check-in code of this site."""
    match = CODE_PATTERN.fullmatch((code or "").strip().upper())
    if match is None:
        return None
    pk = int(match.group(1))
    return pk if constant_time_compare(match.group(2), _signature(pk)) else None
