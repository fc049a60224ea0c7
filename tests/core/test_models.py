import pytest
from django.core.exceptions import ValidationError

from nonprolif.core.models import Official
from tests.factories import OfficialFactory


def test_liaison_sees_only_own_agency_officials(liaison_a, agency_a, agency_b):
    own = OfficialFactory(agency=agency_a)
    OfficialFactory(agency=agency_b)
    assert list(Official.objects.visible_to(liaison_a)) == [own]


def test_coordinator_and_auditor_see_all_officials(coordinator, auditor, agency_a, agency_b):
    OfficialFactory(agency=agency_a)
    OfficialFactory(agency=agency_b)
    assert Official.objects.visible_to(coordinator).count() == 2
    assert Official.objects.visible_to(auditor).count() == 2


def test_administrator_and_outsider_see_no_officials(administrator, outsider, agency_a):
    OfficialFactory(agency=agency_a)
    assert Official.objects.visible_to(administrator).count() == 0
    assert Official.objects.visible_to(outsider).count() == 0


def test_superuser_without_role_sees_no_officials(agency_a):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    OfficialFactory(agency=agency_a)
    assert Official.objects.visible_to(root).count() == 0


@pytest.mark.django_db
def test_official_without_agency_is_invalid():
    official = Official(given_names="Ana", family_names="López")
    with pytest.raises(ValidationError) as error:
        official.full_clean()
    assert "agency" in error.value.message_dict


def test_every_user_sees_the_official_linked_to_his_own_login(auditor, administrator, agency_b):
    from tests.factories import UserFactory

    own = OfficialFactory(agency=agency_b, user=administrator)
    OfficialFactory(agency=agency_b)
    assert list(Official.objects.visible_to(administrator)) == [own]
    nobody = UserFactory(username="nobody")
    assert Official.objects.visible_to(nobody).count() == 0
