"""Demo data: fictional officials across the eight national agencies, one login per role."""

from collections import Counter

import pytest
from django.core import serializers

from nonprolif.core.models import AuditEntry, Official, Seniority, User
from nonprolif.core.roles import Role
from nonprolif.seed.demo import load_demo_document
from tests.seed.test_program_document import NATIONAL

DEMO_PASSWORD = "demo-2009!"


def test_demo_has_at_least_260_officials_across_the_eight_national_agencies(demo):
    per_agency = Counter(
        Official.objects.filter(agency__kind="national").values_list("agency__code", flat=True)
    )
    assert set(per_agency) == NATIONAL
    assert sum(per_agency.values()) >= 260


def test_every_national_agency_has_at_least_five_senior_officials(demo):
    seniors = Counter(
        Official.objects.filter(seniority=Seniority.SENIOR, agency__kind="national").values_list(
            "agency__code", flat=True
        )
    )
    assert set(seniors) == NATIONAL
    assert min(seniors.values()) >= 5


def test_demo_officials_have_spanish_names_with_two_family_names_and_fictional_emails(demo):
    for official in Official.objects.filter(agency__kind="national"):
        assert len(official.family_names.split()) == 2, official
        assert official.position
        assert official.email.endswith(".example"), official.email
    emails = list(Official.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    names = list(Official.objects.values_list("given_names", "family_names"))
    assert len(names) == len(set(names))


def test_loading_the_demo_twice_changes_nothing_and_writes_no_audit_entry(demo, demo_doc):
    def dump():
        return serializers.serialize(
            "json", [*Official.objects.order_by("pk"), *User.objects.order_by("pk")]
        )

    before, audit_count = dump(), AuditEntry.objects.count()

    result = load_demo_document(demo_doc)

    assert not result.changed
    assert dump() == before
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.parametrize(
    ("username", "role", "agency", "clearance"),
    [
        ("coordinador", Role.COORDINATOR, "CISEN", "S"),
        ("enlace-sedena", Role.LIAISON, "SEDENA", "SBU"),
        ("enlace-semar", Role.LIAISON, "SEMAR", "SBU"),
        ("enlace-aduanas", Role.LIAISON, "ADUANAS", "SBU"),
        ("legat", Role.PARTNER, "LEGAT", "SBU"),
        ("auditor", Role.AUDITOR, None, "C"),
        ("admin", Role.ADMINISTRATOR, None, None),
        ("analista-sedena", Role.ANALYST, "SEDENA", "S"),
        ("analista2-sedena", Role.ANALYST, "SEDENA", "C"),
        ("analista-semar", Role.ANALYST, "SEMAR", "C"),
        ("analista-aduanas", Role.ANALYST, "ADUANAS", "C"),
        ("analista-pgr", Role.ANALYST, "PGR", "S"),
        ("analista-cisen", Role.ANALYST, "CISEN", "S"),
        ("analista-ssp", Role.ANALYST, "SSP", "C"),
        ("analista-ss", Role.ANALYST, "SS", "SBU"),
        ("analista-segob", Role.ANALYST, "SEGOB", "U"),
        ("analista-legat", Role.ANALYST, "LEGAT", "C"),
    ],
)
def test_each_demo_login_has_its_role_agency_clearance_and_the_demo_password(
    demo, username, role, agency, clearance
):
    user = User.objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [role.value]
    assert (user.agency.code if user.agency else None) == agency
    assert (user.clearance.code if user.clearance else None) == clearance
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_staff == (role == Role.ADMINISTRATOR)
    assert not user.is_superuser
    if agency and role != Role.ANALYST:
        assert user.official.agency.code == agency


def test_there_is_a_demo_login_for_every_role(demo):
    roles = set(User.objects.values_list("groups__name", flat=True))
    assert roles == {role.value for role in Role}


def test_a_demo_login_that_drifted_is_brought_back(demo, demo_doc):
    user = User.objects.get(username="enlace-semar")
    user.set_password("something-else-entirely")
    user.agency = user.official.agency.__class__.objects.get(code="SSP")
    user.save()
    user.groups.clear()

    result = load_demo_document(demo_doc)

    user = User.objects.get(username="enlace-semar")
    assert result.updated == {"core.user": 1}
    assert user.agency.code == "SEMAR"
    assert list(user.groups.values_list("name", flat=True)) == ["liaison"]
    assert user.check_password(DEMO_PASSWORD)
    entry = AuditEntry.objects.filter(object_type="core.user").first()
    assert entry.action == "seed.update"
    assert set(entry.changes) == {"agency", "password", "groups"}
