"""The demo logins whose role or clearance needs a second factor get one that ``seed --demo``
prints and that stays the same across runs: an authenticator secret and recovery codes."""

import io
from base64 import b32decode

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.models import AuditEntry, User
from nonprolif.seed.demo import demo_second_factor, load_demo_document
from tests.otp import totp_code

DEMO_PASSWORD = "demo-2009!"
NEEDS = {"coordinador": "coordinator", "auditor": "auditor", "admin": "administrator"}
# The demo analysts cleared above the lowest two levels (CONFIDENTIAL, SECRET).
CLEARED = {
    "analista-sedena": "S",
    "analista2-sedena": "C",
    "analista-semar": "C",
    "analista-aduanas": "C",
    "analista-pgr": "S",
    "analista-cisen": "S",
    "analista-ssp": "C",
    "analista-legat": "C",
}


def test_the_demo_second_factor_is_derived_from_the_username_and_stable():
    first = demo_second_factor("coordinador", "coordinator")
    assert first == demo_second_factor("coordinador", "coordinator")
    assert first != demo_second_factor("auditor", "coordinator")
    assert b32decode(first.secret).hex() == first.key_hex
    assert len(first.recovery_codes) == 10
    assert first.otpauth_uri.startswith("otpauth://totp/nonprolif%3Acoordinador?secret=")
    assert demo_second_factor("enlace-sedena", "liaison") is None


@pytest.mark.django_db
def test_a_clearance_above_the_lowest_two_levels_needs_a_demo_second_factor():
    assert demo_second_factor("analista-pgr", "analyst", "S") is not None
    assert demo_second_factor("analista-aduanas", "analyst", "C") is not None
    assert demo_second_factor("analista-ss", "analyst", "SBU") is None
    assert demo_second_factor("analista-segob", "analyst", "U") is None
    assert demo_second_factor("analista-x", "analyst", None) is None
    assert demo_second_factor("analista-x", "analyst", "NO-SUCH-LEVEL") is None


@pytest.mark.parametrize(("username", "clearance"), CLEARED.items())
def test_each_cleared_demo_analyst_has_his_printed_authenticator(demo, username, clearance):
    user = User.objects.get(username=username)
    assert user.clearance.code == clearance
    wanted = demo_second_factor(username, "analyst", clearance)
    assert TOTPDevice.objects.get(user=user, confirmed=True).key == wanted.key_hex


@pytest.mark.parametrize(("username", "role"), NEEDS.items())
def test_each_demo_login_that_needs_it_has_its_printed_authenticator_and_codes(
    demo, username, role
):
    user = User.objects.get(username=username)
    wanted = demo_second_factor(username, role)
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert device.key == wanted.key_hex
    assert device.config_url == wanted.otpauth_uri
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert tokens == set(wanted.recovery_codes)


def test_the_other_demo_logins_have_no_second_factor(demo):
    assert not TOTPDevice.objects.filter(
        user__username__in=["enlace-sedena", "legat", "analista-ss", "analista-segob"]
    ).exists()


def test_a_used_recovery_code_is_restored_by_the_next_seed(demo, demo_doc):
    user = User.objects.get(username="coordinador")
    code = demo_second_factor("coordinador", "coordinator").recovery_codes[0]
    StaticToken.objects.filter(device__user=user, token=code).delete()
    result = load_demo_document(demo_doc)
    assert StaticToken.objects.filter(device__user=user, token=code).exists()
    assert result.changed
    assert AuditEntry.objects.filter(
        action="otp.enrol", object_id=str(TOTPDevice.objects.get(user=user).pk)
    ).exists()
    assert not load_demo_document(demo_doc).changed


@pytest.mark.usefixtures("real_second_factor")
def test_the_demo_coordinator_signs_in_with_the_printed_secret(demo):
    device = TOTPDevice.objects.get(user__username="coordinador")
    client = Client()
    client.post("/login/", {"username": "coordinador", "password": DEMO_PASSWORD})
    response = client.post(reverse("otp_verify"), {"code": totp_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("agency_list")).status_code == 200


def test_seed_prints_how_each_login_passes_the_second_factor(db):
    out = io.StringIO()
    call_command("seed", demo=True, stdout=out)
    text = out.getvalue()
    for username, role in NEEDS.items():
        second = demo_second_factor(username, role)
        assert second.secret in text
        assert second.otpauth_uri in text
        assert second.recovery_codes[0] in text
    for username, clearance in CLEARED.items():
        assert demo_second_factor(username, "analyst", clearance).secret in text
    assert text.count("authenticator secret") == len(NEEDS) + len(CLEARED)
    again = io.StringIO()
    call_command("seed", demo=True, stdout=again)
    assert demo_second_factor("admin", "administrator").secret in again.getvalue()
