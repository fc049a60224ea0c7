"""Second-factor helpers of the tests: the code an authenticator app would show now."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_code(device: TOTPDevice) -> str:
    """The device's code for now, or for the next time step when now's was already used
    (django-otp refuses a code twice and accepts one step of drift)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = max(time.time(), (device.last_t + 1) * device.step + device.t0)
    return f"{totp.token():0{device.digits}d}"
