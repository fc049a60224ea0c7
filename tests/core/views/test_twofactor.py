"""TOTP two-factor sign-in through the real steps (password, then enrolment or verification),
for the roles OTP_REQUIRED_ROLES lists, the Django admin and the session API included."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, Outcome
from tests.factories import PASSWORD
from tests.otp import totp_code

pytestmark = pytest.mark.usefixtures("real_second_factor")

LISTED = ["coordinator", "auditor", "administrator"]
NOT_LISTED = ["liaison_a", "partner", "outsider"]
SETUP = reverse("otp_setup")
VERIFY = reverse("otp_verify")


def password_sign_in(user) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def recovery_codes(user, codes=("aaaa2222", "bbbb3333")) -> list[str]:
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return list(codes)


def wait_passed(user) -> None:
    """As if the wait django-otp imposes after a wrong code had passed."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=None)


def shown_codes(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


@pytest.mark.parametrize("role", LISTED)
def test_every_listed_role_without_a_device_is_sent_to_enrolment(request, role):
    user = request.getfixturevalue(role)
    client = password_sign_in(user)
    for url in ["/", reverse("official_list"), "/admin/", reverse("token_list")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url


@pytest.mark.parametrize("role", LISTED)
def test_every_listed_role_with_a_device_is_asked_for_a_code_admin_included(request, role):
    user = request.getfixturevalue(role)
    enrolled(user)
    client = password_sign_in(user)
    for url in ["/", "/admin/", "/admin/core/user/", reverse("audit_log")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url


@pytest.mark.parametrize("role", LISTED)
def test_the_session_api_refuses_an_unverified_listed_role(request, role):
    user = request.getfixturevalue(role)
    enrolled(user)
    client = password_sign_in(user)
    response = client.get("/api/v1/agencies")
    assert response.status_code == 401
    assert "results" not in response.json()


@pytest.mark.parametrize("role", NOT_LISTED)
def test_the_other_roles_are_not_asked(request, role):
    user = request.getfixturevalue(role)
    client = password_sign_in(user)
    response = client.get(reverse("agency_list"))
    assert response.status_code == 200
    assert client.get("/api/v1/agencies").status_code == 200


def test_the_setting_decides_which_roles_are_asked(settings, coordinator, liaison_a):
    settings.OTP_REQUIRED_ROLES = ["liaison"]
    assert password_sign_in(coordinator).get(reverse("agency_list")).status_code == 200
    response = password_sign_in(liaison_a).get(reverse("agency_list"))
    assert response["Location"].startswith(f"{SETUP}?next=")


def test_an_unverified_user_still_reaches_logout_language_and_static_files(coordinator):
    client = password_sign_in(coordinator)
    assert client.get("/static/nonprolif/app.css").status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_enrolment_shows_a_local_qr_code_and_confirms_with_a_first_code(coordinator):
    client = password_sign_in(coordinator)
    page = client.get(f"{SETUP}?next=/officials/")
    content = page.content.decode()
    assert page.status_code == 200
    assert '<svg width="' in content
    assert 'class="segno"' in content
    assert "http" not in content.split('class="segno"', 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=coordinator)
    assert not device.confirmed
    assert re.search(r'<code id="totp-secret">[A-Z2-7]{32}</code>', content)

    wrong = client.post(SETUP, {"code": "000000" if totp_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    failure = AuditEntry.objects.get(action="otp.failure")
    assert failure.outcome == Outcome.DENIED
    assert failure.actor == coordinator

    wait_passed(coordinator)
    done = client.post(SETUP, {"code": totp_code(device), "next": "/officials/"})
    assert done.status_code == 200
    codes = shown_codes(done)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert 'href="/officials/"' in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert set(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    ) == set(codes)
    assert AuditEntry.objects.get(action="otp.enrol").actor == coordinator
    assert client.get(reverse("official_list")).status_code == 200
    # the codes are shown once: the page shows only how many are left
    assert shown_codes(client.get(SETUP)) == []


def test_verification_with_the_app_code_lets_the_user_in(auditor):
    device = enrolled(auditor)
    client = password_sign_in(auditor)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/officials/"})
    assert response.status_code == 302
    assert response["Location"] == "/officials/"
    assert client.get("/officials/").status_code == 200
    assert client.get("/api/v1/agencies").status_code == 200


def test_a_password_only_session_cannot_make_new_recovery_codes(coordinator):
    enrolled(coordinator)
    old = recovery_codes(coordinator)
    client = password_sign_in(coordinator)
    assert client.get(SETUP)["Location"].startswith(f"{VERIFY}?next=")
    response = client.post(reverse("otp_recovery_codes"))
    assert response["Location"].startswith(f"{VERIFY}?next=")
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old)


def test_a_wrong_code_is_refused_and_audited(auditor):
    device = enrolled(auditor)
    client = password_sign_in(auditor)
    code = "123456" if totp_code(device) != "123456" else "654321"
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert client.get("/").status_code == 302
    entry = AuditEntry.objects.get(action="otp.failure")
    assert entry.outcome == Outcome.DENIED
    assert entry.changes == {"step": "verify"}


def test_after_a_wrong_code_even_the_right_one_waits(auditor):
    auditor.language = "en"
    auditor.save()
    device = enrolled(auditor)
    client = password_sign_in(auditor)
    client.post(VERIFY, {"code": "123456" if totp_code(device) != "123456" else "654321"})
    response = client.post(VERIFY, {"code": totp_code(device)})
    assert response.status_code == 200
    assert "seconds before the next try" in response.content.decode()
    wait_passed(auditor)
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302


def test_the_same_app_code_does_not_sign_in_twice(auditor):
    device = enrolled(auditor)
    code = totp_code(device)
    first = password_sign_in(auditor)
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    second = password_sign_in(auditor)
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get("/").status_code == 302


def test_a_recovery_code_works_once(administrator):
    administrator.is_staff = True
    administrator.save()
    enrolled(administrator)
    codes = recovery_codes(administrator)
    first = password_sign_in(administrator)
    response = first.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get("/admin/").status_code == 200
    entry = AuditEntry.objects.get(action="otp.recovery_code")
    assert entry.actor == administrator
    assert entry.changes == {"recovery_codes_left": 1}

    again = password_sign_in(administrator)
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert again.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action="otp.failure").count() == 1
    wait_passed(administrator)
    assert again.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(coordinator):
    device = enrolled(coordinator)
    old = recovery_codes(coordinator)
    client = password_sign_in(coordinator)
    client.post(VERIFY, {"code": totp_code(device)})
    response = client.post(reverse("otp_recovery_codes"))
    new = shown_codes(response)
    assert len(new) == 10
    assert not set(old) & set(StaticToken.objects.values_list("token", flat=True))
    assert AuditEntry.objects.get(action="otp.recovery_codes").actor == coordinator


def test_any_user_may_enrol_and_is_then_asked(liaison_a):
    client = password_sign_in(liaison_a)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=liaison_a)
    client.post(SETUP, {"code": totp_code(device)})
    again = password_sign_in(liaison_a)
    assert again.get("/")["Location"].startswith(f"{VERIFY}?next=")


def test_an_api_token_is_not_asked_for_the_second_factor(coordinator):
    enrolled(coordinator)
    _token, raw = issue_token(user=coordinator, name="script")
    response = Client().get("/api/v1/agencies", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_next_never_leaves_the_site(auditor):
    device = enrolled(auditor)
    client = password_sign_in(auditor)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_administrator_resets_a_lost_second_factor(administrator, coordinator):
    enrolled(coordinator)
    recovery_codes(coordinator)
    call_command("otp_reset", "coordinator", actor="administrator")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()
    entry = AuditEntry.objects.get(action="otp.reset")
    assert entry.actor == administrator
    assert entry.changes == {"devices": 2}
    response = password_sign_in(coordinator).get("/")
    assert response["Location"].startswith(f"{SETUP}?next=")


def test_only_an_administrator_resets_a_second_factor(auditor, coordinator):
    enrolled(coordinator)
    with pytest.raises(CommandError, match=r"not allowed|no puede"):
        call_command("otp_reset", "coordinator", actor="auditor")
    assert TOTPDevice.objects.filter(user=coordinator).exists()
    assert AuditEntry.objects.get(action="otp.reset").outcome == Outcome.DENIED
