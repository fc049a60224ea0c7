"""Signing in through the browser, the second factor included: a code computed from the
user's authenticator (as his app would show it), or, for a user who has none yet, the
enrolment page's secret."""

import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from tests.otp import totp_code

SETUP = "/account/two-factor/"
VERIFY = "/account/two-factor/verify/"


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def sign_in(page, live_server, username, password=PASSWORD) -> None:
    """Sign in from the login page, with the second factor when the user's role needs one."""
    if "/login/" not in page.url:
        page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill(username)  # the login page speaks the browser's Spanish
    page.locator("#id_password").fill(password)
    submit(page)
    pass_second_factor(page, username)
    page.get_by_role("button", name="Sign out").or_(
        page.get_by_role("button", name="Cerrar sesión")
    ).wait_for()


def pass_second_factor(page, username) -> None:
    if VERIFY in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("#id_code").fill(totp_code(device))
        submit(page)
    elif SETUP in page.url:
        secret = page.locator("#totp-secret").inner_text().strip()
        totp = TOTP(b32decode(secret))
        totp.time = time.time()
        page.locator("#id_code").fill(f"{totp.token():06d}")
        submit(page)
        with page.expect_navigation():
            page.locator("main a.button").click()  # past the recovery codes, shown once
