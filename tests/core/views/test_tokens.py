from django.urls import reverse

from nonprolif.core.models import ApiToken, AuditEntry
from nonprolif.core.models.token import hash_token


def test_creating_a_token_shows_the_raw_value_once_and_stores_its_hash(as_user, liaison_a):
    client = as_user(liaison_a)
    response = client.post(reverse("token_list"), {"name": "reports script"})
    raw = response.context["raw_token"]
    token = ApiToken.objects.get()
    assert token.user == liaison_a
    assert token.key_hash == hash_token(raw)
    assert raw in response.content.decode()
    assert raw not in client.get(reverse("token_list")).content.decode()


def test_token_without_name_is_a_name_error(as_user, liaison_a):
    response = as_user(liaison_a).post(reverse("token_list"), {"name": ""})
    assert list(response.context["form"].errors) == ["name"]
    assert not ApiToken.objects.exists()


def test_token_page_lists_only_own_tokens(as_user, liaison_a, liaison_b):
    as_user(liaison_a).post(reverse("token_list"), {"name": "mine"})
    as_user(liaison_b).post(reverse("token_list"), {"name": "theirs"})
    response = as_user(liaison_a).get(reverse("token_list"))
    assert [t.name for t in response.context["tokens"]] == ["mine"]


def test_owner_revokes_a_token(as_user, liaison_a):
    client = as_user(liaison_a)
    client.post(reverse("token_list"), {"name": "mine"})
    token = ApiToken.objects.get()
    response = client.post(reverse("token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_others_get_404_revoking_a_token_and_it_stays_active(
    as_user, liaison_a, liaison_b, coordinator
):
    as_user(liaison_a).post(reverse("token_list"), {"name": "mine"})
    token = ApiToken.objects.get()
    for user in (liaison_b, coordinator):
        assert as_user(user).post(reverse("token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_asks_first_and_changes_nothing(as_user, liaison_a):
    liaison_a.language = "en"
    liaison_a.save(update_fields=["language"])
    client = as_user(liaison_a)
    client.post(reverse("token_list"), {"name": "mine"})
    token = ApiToken.objects.get()
    url = reverse("token_revoke", args=[token.pk])
    assert f'href="{url}"' in client.get(reverse("token_list")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Revoke the API token “mine”?" in page
    assert '<form method="post" class="narrow">' in page  # no action: it posts back here
    assert f'<a href="{reverse("token_list")}">Cancel</a>' in page
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEntry.objects.filter(action="token.view", object_id=str(token.pk)).exists()


def test_others_get_404_on_the_confirmation_and_the_revoke(as_user, liaison_a, liaison_b):
    as_user(liaison_a).post(reverse("token_list"), {"name": "mine"})
    token = ApiToken.objects.get()
    url = reverse("token_revoke", args=[token.pk])
    other = as_user(liaison_b)
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
