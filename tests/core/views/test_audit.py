from django.urls import reverse

from nonprolif.core.domain.officials import update_official
from nonprolif.core.domain.tokens import issue_token


def test_auditor_reads_every_entry_and_filters_by_type(as_user, auditor, coordinator, official_a):
    update_official(actor=coordinator, official=official_a, position="Director")
    issue_token(user=coordinator, name="script")
    client = as_user(auditor)
    response = client.get(reverse("audit_log"))
    assert response.context["page"].paginator.count == 2
    assert response.context["reads_all"]
    response = client.get(reverse("audit_log"), {"object_type": "core.official"})
    assert [e.action for e in response.context["page"]] == ["official.update"]
    assert "Analyst → Director" in response.content.decode()


def test_liaison_reads_only_own_actions(as_user, liaison_a, liaison_b, official_a, official_b):
    update_official(actor=liaison_a, official=official_a, position="Director")
    update_official(actor=liaison_b, official=official_b, position="Jefe")
    response = as_user(liaison_a).get(reverse("audit_log"))
    assert [e.object_repr for e in response.context["page"]] == [str(official_a)]
    assert "Barrera" not in response.content.decode()
    assert not response.context["reads_all"]


def test_outsider_sees_an_empty_log(as_user, outsider, coordinator, official_a):
    update_official(actor=coordinator, official=official_a, position="Director")
    response = as_user(outsider).get(reverse("audit_log"))
    assert response.context["page"].paginator.count == 0
