"""The national-scale generator at a small size: exact counts, realistic shapes, valid rows,
the same data for the same seed, the refusal of foreign data, one audit entry, and logins a
load test can use."""

import datetime
import json
from base64 import b32decode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core.models import Agency, AuditEntry, Official, User
from nonprolif.events.models import (
    ActionItem,
    ActionItemChange,
    Conference,
    Meeting,
    MeetingDecision,
    Registration,
    RegistrationQuota,
    Room,
    Talk,
)
from nonprolif.program.models import ItemDecision, Program, Proposal, ProposalItem
from nonprolif.seed.generate import (
    GenerationSpec,
    generate,
    totp_key,
)
from nonprolif.training.models import (
    AgencySeats,
    Attendance,
    Certificate,
    ItemSettings,
    Nomination,
    Session,
    SessionParticipant,
)

TODAY = datetime.date(2026, 6, 15)
PASSWORD = "load-test-password-1"
SMALL = {"officials": 300, "nominations": 1000, "programs": 2}


def small_spec(**changes):
    values = {**SMALL, "seed": 7, "password": PASSWORD, "today": TODAY, **changes}
    return GenerationSpec(**values)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker, tmp_path_factory):
    """A small generated data set, made once per module in a transaction rolled back after
    it; returns (result, logins file path)."""
    path = tmp_path_factory.mktemp("gen") / "logins.json"
    with django_db_blocker.unblock(), transaction.atomic():
        entries_before = AuditEntry.objects.count()
        result = generate(small_spec(logins_file=path))
        result.audit_entries = AuditEntry.objects.count() - entries_before
        yield result, path
        transaction.set_rollback(True)


@pytest.fixture
def data(generated, db):
    return generated


def test_the_requested_sizes_are_exact(data):
    assert Official.objects.count() == 300
    assert Nomination.objects.count() == 1000
    assert Program.objects.count() == 2
    assert Agency.objects.count() == 9  # 8 national, 1 partner
    # Per program: 4 training items (10-12 cohorts) and a senior session per agency.
    items = ProposalItem.objects.all()
    expected_sessions = sum(i.cohort_count for i in items if i.kind == "training") + 2 * 8
    assert Session.objects.count() == expected_sessions
    assert 90 <= expected_sessions <= 110
    assert Meeting.objects.count() == 20
    assert ActionItem.objects.count() == 200
    assert ActionItemChange.objects.count() == 200
    assert MeetingDecision.objects.count() == 60
    assert Registration.objects.count() == 300  # 500, or every official when fewer
    assert Talk.objects.count() == 40
    assert Room.objects.count() == 4
    assert Conference.objects.count() == 1
    counts = data[0].counts
    assert counts["training.nomination"] == 1000
    assert counts["core.official"] == 300


def test_agencies_have_very_different_sizes(data):
    sizes = [
        Official.objects.filter(agency=a).count()
        for a in Agency.objects.filter(kind="national").order_by("pk")
    ]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] >= 6 * sizes[-1]
    assert sum(sizes) == 300


def test_past_sessions_have_participants_attendance_and_certificates(data):
    placed = Nomination.objects.filter(session__isnull=False)
    assert placed.count() == SessionParticipant.objects.count() > 0
    assert not placed.exclude(status="approved").exists()
    past = SessionParticipant.objects.filter(session__end__lt=TODAY).select_related("session")
    assert past.exists()
    assert Attendance.objects.count() == sum(len(p.session.days) for p in past)
    assert not Attendance.objects.filter(participant__session__end__gte=TODAY).exists()
    certificates = Certificate.objects.all()
    assert 0 < certificates.count() < past.count()
    for certificate in certificates[:50]:
        assert certificate.days_present * 100 >= 80 * certificate.days_total
        marks = Attendance.objects.filter(
            participant__session=certificate.session,
            participant__official=certificate.official,
            present=True,
        )
        assert marks.count() == certificate.days_present
    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses == {"approved", "submitted", "declined", "withdrawn"}


def test_nominations_respect_the_one_active_per_item_rule_and_their_items(data):
    active = Nomination.objects.filter(status__in=["submitted", "approved"])
    keys = list(active.values_list("program_id", "item_key", "official_id"))
    assert len(keys) == len(set(keys))
    for nomination in Nomination.objects.select_related("official")[:200]:
        assert nomination.agency_id == nomination.official.agency_id
    targeted = ProposalItem.objects.filter(target_agencies__isnull=False).distinct()
    for item in targeted:
        allowed = set(item.target_agencies.values_list("pk", flat=True))
        got = set(Nomination.objects.filter(item_key=item.key).values_list("agency_id", flat=True))
        assert got <= allowed


MODELS = [
    Agency,
    Official,
    User,
    Program,
    Proposal,
    ProposalItem,
    ItemDecision,
    Session,
    ItemSettings,
    AgencySeats,
    Nomination,
    SessionParticipant,
    Attendance,
    Certificate,
    Meeting,
    MeetingDecision,
    ActionItem,
    ActionItemChange,
    Conference,
    Room,
    Talk,
    RegistrationQuota,
    Registration,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_a_sample_of_every_generated_model_passes_full_clean(data, model):
    rows = list(model.objects.order_by("?")[:25])
    assert rows
    for row in rows:
        row.full_clean()


def test_the_generation_writes_one_audit_entry(data):
    result, _path = data
    assert result.audit_entries == 1
    entry = AuditEntry.objects.get(action="seed.generate")
    assert entry.changes["seed"] == 7
    assert entry.changes["rows"]["training.nomination"] == 1000


def test_liaisons_see_their_agency_and_the_items_that_concern_it(data):
    liaison = User.objects.get(username="gen-liaison-semar")
    assert Nomination.objects.visible_to(liaison).exists()
    assert not Nomination.objects.visible_to(liaison).exclude(agency=liaison.agency).exists()
    assert ProposalItem.objects.visible_to(liaison).exists()
    assert Session.objects.visible_to(liaison).exists()
    partner = User.objects.get(username="gen-partner")
    assert Session.objects.visible_to(partner).count() == Session.objects.count()


def test_the_logins_file_lists_every_login_and_the_secrets(data):
    _result, path = data
    document = json.loads(path.read_text())
    assert document["password"] == PASSWORD
    logins = {login["username"]: login for login in document["logins"]}
    assert set(logins) == set(User.objects.values_list("username", flat=True))
    assert {login["role"] for login in logins.values()} == {
        "coordinator",
        "auditor",
        "liaison",
        "partner",
    }
    coordinator = logins["gen-coordinator"]
    assert coordinator["totp_key_hex"] == totp_key(7, "gen-coordinator")
    assert b32decode(coordinator["totp_secret"]).hex() == coordinator["totp_key_hex"]
    assert logins["gen-liaison-sdn"]["totp_secret"] is None
    assert (
        TOTPDevice.objects.get(user__username="gen-auditor").key
        == (logins["gen-auditor"]["totp_key_hex"])
    )


@pytest.mark.usefixtures("real_second_factor")
def test_a_code_computed_from_the_logins_file_signs_the_coordinator_in(data, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    _result, path = data
    login = next(
        entry
        for entry in json.loads(path.read_text())["logins"]
        if entry["username"] == "gen-coordinator"
    )
    client = Client()
    response = client.post("/login/", {"username": login["username"], "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # the second factor is owed
    code = TOTP(bytes.fromhex(login["totp_key_hex"])).token()
    response = client.post(reverse("otp_verify"), {"code": f"{code:06d}"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
