import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.domain.tokens import issue_token, revoke_token
from nonprolif.core.models import ApiToken, AuditEntry
from nonprolif.core.models.token import hash_token


def test_issued_token_is_stored_only_as_its_hash(liaison_a):
    token, raw = issue_token(user=liaison_a, name="script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(raw)
    assert raw not in {stored.key_hash, stored.name, stored.hint}
    assert raw.startswith(stored.hint)
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert AuditEntry.objects.get(action="token.issue").actor == liaison_a


def test_token_needs_a_name(liaison_a):
    with pytest.raises(ValidationError) as error:
        issue_token(user=liaison_a, name="  ")
    assert list(error.value.message_dict) == ["name"]
    assert not ApiToken.objects.exists()


def test_owner_revokes_token_once(liaison_a):
    token, _raw = issue_token(user=liaison_a, name="script")
    revoked = revoke_token(actor=liaison_a, token=token)
    first = revoked.revoked_at
    assert first is not None
    again = revoke_token(actor=liaison_a, token=token)
    assert again.revoked_at == first
    assert AuditEntry.objects.filter(action="token.revoke").count() == 1


def test_administrator_may_revoke_anybodys_token(liaison_a, administrator):
    token, _raw = issue_token(user=liaison_a, name="script")
    revoke_token(actor=administrator, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_other_users_cannot_revoke_a_token(liaison_a, liaison_b, coordinator):
    token, _raw = issue_token(user=liaison_a, name="script")
    for actor in (liaison_b, coordinator):
        with pytest.raises(PermissionDenied):
            revoke_token(actor=actor, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None
