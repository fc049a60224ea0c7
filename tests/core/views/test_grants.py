"""The role grants page: reachable from the navigation for administrators only."""

from django.urls import reverse

from nonprolif.core.domain.accounts import grant_role
from nonprolif.core.models import AuditEntry, GrantState, Outcome, RoleGrant, User
from nonprolif.core.roles import Role
from tests.factories import UserFactory


def test_the_navigation_links_the_page_for_administrators_only(as_user, administrator, liaison_a):
    assert reverse("grant_list") in as_user(administrator).get("/").content.decode()
    assert reverse("grant_list") not in as_user(liaison_a).get("/").content.decode()
    assert as_user(liaison_a).get(reverse("grant_list")).status_code == 403


def test_a_second_administrator_approves_on_the_page(as_user, administrator, outsider):
    other = UserFactory(username="admin2", roles=[Role.ADMINISTRATOR])
    (grant,) = grant_role(actor=administrator, user=outsider, role="coordinator").grants
    page = as_user(administrator).get(reverse("grant_list"))
    assert list(page.context["pending"]) == [grant]
    # the requester has no approve button, and a forged POST is refused and audited
    assert reverse("grant_approve", args=[grant.pk]) not in page.content.decode()
    as_user(administrator).post(reverse("grant_approve", args=[grant.pk]))
    assert RoleGrant.objects.get(pk=grant.pk).state == GrantState.PENDING
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED, action="grant.approve").exists()

    page = as_user(other).get(reverse("grant_list"))
    assert reverse("grant_approve", args=[grant.pk]) in page.content.decode()
    response = as_user(other).post(reverse("grant_approve", args=[grant.pk]))
    assert response.status_code == 302
    assert User.objects.get(pk=outsider.pk).has_role(Role.COORDINATOR)


def test_reject_on_the_page_and_outsiders_get_404(as_user, administrator, outsider, liaison_a):
    (grant,) = grant_role(actor=administrator, user=outsider, role="auditor").grants
    assert as_user(liaison_a).post(reverse("grant_reject", args=[grant.pk])).status_code == 404
    assert as_user(administrator).post(reverse("grant_reject", args=[grant.pk])).status_code == 302
    assert RoleGrant.objects.get(pk=grant.pk).state == GrantState.REJECTED
    assert not User.objects.get(pk=outsider.pk).has_role(Role.AUDITOR)
