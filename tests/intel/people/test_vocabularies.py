"""The classification levels and the CBRN taxonomies in the admin: administrators keep them,
every change audited; nobody else, and nothing is deleted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nonprolif.core.models import AuditEntry, ClassificationLevel, Outcome
from nonprolif.intel.models import CbrnCategory, Material
from nonprolif.intel.vocabulary.domain import save_term
from tests.intel.conftest import analyst, level


def test_an_administrator_renames_a_level_in_the_admin_and_it_is_audited(
    as_user, staff_administrator
):
    secret = level("S")
    client = as_user(staff_administrator)
    url = reverse("admin:core_classificationlevel_change", args=[secret.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"code": "S", "rank": secret.rank, "name_es": "SECRETO", "name_en": "SECRET (national)"},
    )
    assert response.status_code == 302
    assert level("S").name_en == "SECRET (national)"
    entry = AuditEntry.objects.get(action="classification_level.change")
    assert entry.actor == staff_administrator
    assert entry.changes == {"name_en": ["SECRET", "SECRET (national)"]}


def test_an_administrator_adds_a_level_above_the_others(as_user, staff_administrator):
    response = as_user(staff_administrator).post(
        reverse("admin:core_classificationlevel_add"),
        {"code": "TS", "rank": 50, "name_es": "ULTRA SECRETO", "name_en": "TOP SECRET"},
    )
    assert response.status_code == 302
    assert ClassificationLevel.objects.order_by("rank").last().code == "TS"
    assert AuditEntry.objects.get(action="classification_level.create").changes["code"] == [
        None,
        "TS",
    ]


def test_a_rank_already_taken_is_a_form_error(as_user, staff_administrator):
    secret = level("S")
    response = as_user(staff_administrator).post(
        reverse("admin:core_classificationlevel_change", args=[secret.pk]),
        {"code": "S", "rank": level("C").rank, "name_es": "SECRETO", "name_en": "SECRET"},
    )
    assert response.status_code == 200
    assert "rank" in response.context["adminform"].form.errors
    assert level("S").rank == secret.rank


def test_levels_and_taxonomies_are_never_deleted_in_the_admin(as_user, staff_administrator):
    client = as_user(staff_administrator)
    secret = level("S")
    response = client.post(
        reverse("admin:core_classificationlevel_delete", args=[secret.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ClassificationLevel.objects.filter(pk=secret.pk).exists()


def test_an_administrator_adds_a_material_to_a_category(as_user, staff_administrator):
    chemical = CbrnCategory.objects.get(code="CHEM")
    response = as_user(staff_administrator).post(
        reverse("admin:intel_material_add"),
        {
            "category": chemical.pk,
            "code": "TDG",
            "name_es": "Tiodiglicol",
            "name_en": "Thiodiglycol",
            "cas_number": "111-48-8",
        },
    )
    assert response.status_code == 302
    assert Material.objects.get(code="TDG").category == chemical
    assert AuditEntry.objects.filter(action="intel.material.create").count() == 1
    page = as_user(staff_administrator).get(reverse("admin:intel_cbrncategory_changelist"))
    assert page.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "admin:core_classificationlevel_changelist",
        "admin:intel_cbrncategory_changelist",
        "admin:intel_material_changelist",
    ],
)
def test_nobody_but_an_administrator_opens_the_vocabularies(as_user, agency_a, coordinator, name):
    cleared = analyst("cleared_staff", agency_a, "S")
    for user in (cleared, coordinator):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        assert as_user(user).get(reverse(name)).status_code == 403


def test_a_refused_change_is_audited_and_leaves_the_level(agency_a):
    user = analyst("analyst_x", agency_a, "S")
    secret = level("S")
    secret.rank = 1
    with pytest.raises(PermissionDenied):
        save_term(actor=user, term=secret)
    assert level("S").rank != 1
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor, entry.object_id) == (
        "classification_level.change",
        user,
        str(secret.pk),
    )


def test_the_service_validates_and_writes_nothing_on_bad_input(administrator):
    term = CbrnCategory(code="bad code!", name_es="X", name_en="X")
    with pytest.raises(ValidationError) as error:
        save_term(actor=administrator, term=term)
    assert "code" in error.value.message_dict
    assert not CbrnCategory.objects.filter(name_es="X").exists()
    assert not AuditEntry.objects.filter(action__startswith="intel.cbrn_category").exists()


def test_saving_an_unchanged_term_writes_no_entry(administrator):
    save_term(actor=administrator, term=level("C"))
    assert not AuditEntry.objects.filter(action__startswith="classification_level").exists()


@pytest.mark.django_db(transaction=True)
def test_a_change_whose_audit_entry_fails_is_rolled_back(monkeypatch):
    from nonprolif.core.roles import Role
    from nonprolif.intel.vocabulary import domain
    from tests.factories import UserFactory

    administrator = UserFactory(username="keeper", roles=[Role.ADMINISTRATOR])
    secret = level("S")
    secret.name_en = "SECRET (changed)"

    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(domain, "record", broken)
    with pytest.raises(RuntimeError):
        save_term(actor=administrator, term=secret)
    assert level("S").name_en == "SECRET"
