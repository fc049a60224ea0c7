"""Calendar feeds: who may create which feed; revocation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models.token import hash_token
from nonprolif.training.calendar.domain import create_feed, revoke_feed
from nonprolif.training.models import CalendarFeed
from tests.factories import AgencyFactory, UserFactory


def test_the_coordinator_creates_a_program_feed_kept_only_as_a_hash(coordinator, program):
    feed, raw = create_feed(actor=coordinator, program=program, scope="program")

    assert feed.token_hash == hash_token(raw)
    assert raw not in {feed.token_hash, feed.hint}
    assert raw.startswith(feed.hint)
    assert feed.language == coordinator.language


@pytest.mark.parametrize("user", ["auditor", "partner"])
def test_auditors_and_partners_create_program_feeds(user, request, program):
    feed, _raw = create_feed(actor=request.getfixturevalue(user), program=program, scope="program")
    assert feed.scope == "program"


def test_a_liaison_creates_a_feed_of_his_agency_not_of_another(
    liaison_b, program, agency_a, agency_b
):
    feed, _raw = create_feed(actor=liaison_b, program=program, scope="agency", agency=agency_b)
    assert feed.agency == agency_b

    with pytest.raises(PermissionDenied):
        create_feed(actor=liaison_b, program=program, scope="agency", agency=agency_a)
    with pytest.raises(PermissionDenied):
        create_feed(actor=liaison_b, program=program, scope="program")
    assert CalendarFeed.objects.count() == 1


def test_a_liaison_creates_feeds_of_his_agencys_officials_only(
    liaison_b, program, official_a, official_b
):
    create_feed(actor=liaison_b, program=program, scope="official", official=official_b)

    with pytest.raises(PermissionDenied):
        create_feed(actor=liaison_b, program=program, scope="official", official=official_a)
    assert CalendarFeed.objects.count() == 1


def test_an_official_creates_a_feed_of_himself(program, official_a, agency_a):
    login = UserFactory(username="ana", agency=agency_a)
    official_a.user = login
    official_a.save()

    feed, _raw = create_feed(actor=login, program=program, scope="official", official=official_a)

    assert feed.official == official_a


def test_an_agency_outside_the_program_is_refused(coordinator, program):
    with pytest.raises(ValidationError) as error:
        create_feed(
            actor=coordinator, program=program, scope="agency", agency=AgencyFactory(code="QQQ")
        )

    assert "agency" in error.value.message_dict
    assert not CalendarFeed.objects.exists()


def test_a_bad_scope_is_refused(coordinator, program):
    with pytest.raises(ValidationError) as error:
        create_feed(actor=coordinator, program=program, scope="galaxy")
    assert "scope" in error.value.message_dict


def test_only_the_creator_revokes_a_feed(coordinator, auditor, program):
    feed, _raw = create_feed(actor=auditor, program=program, scope="program")

    with pytest.raises(PermissionDenied):
        revoke_feed(actor=coordinator, feed=feed)
    feed.refresh_from_db()
    assert feed.revoked_at is None

    revoke_feed(actor=auditor, feed=feed)
    first = feed.revoked_at
    revoke_feed(actor=auditor, feed=feed)
    feed.refresh_from_db()
    assert feed.revoked_at == first is not None
