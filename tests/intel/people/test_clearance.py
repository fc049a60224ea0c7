"""A user's clearance: set by administrators in the admin, the ``account`` command and the
accounts API, always through the account service (audited, nobody changes his own); it
decides what he reads at his next request, and whether he signs in with a second factor."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from nonprolif.core import queries
from nonprolif.core.domain.accounts import update_account, validate_roles_agency
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import AuditEntry, Outcome, User
from nonprolif.core.roles import Role
from tests.factories import PASSWORD
from tests.intel.conftest import ReportFactory, analyst, level

API = "/api/v1"


def fresh(user) -> User:
    return User.objects.select_related("clearance").get(pk=user.pk)


def api(user) -> Client:
    _token, raw = issue_token(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "agency": user.agency_id or "",
        "clearance": user.clearance_id or "",
        "is_active": "on" if user.is_active else "",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The admin ------------------------------------------------------------------------------


def test_the_admin_sets_a_clearance_through_the_service(as_user, staff_administrator, analyst_a):
    client = as_user(staff_administrator)
    stamp = fresh(analyst_a).session_stamp
    url = reverse("admin:core_user_change", args=[analyst_a.pk])
    assert "clearance" in client.get(url).context["adminform"].form.fields
    response = client.post(url, change_data(analyst_a, clearance=level("SBU").pk))
    assert response.status_code == 302
    user = fresh(analyst_a)
    assert user.clearance.code == "SBU"
    assert user.session_stamp == stamp + 1  # his sessions end
    entry = AuditEntry.objects.get(action="user.clearance")
    assert (entry.actor, entry.changes) == (staff_administrator, {"clearance": ["S", "SBU"]})


def test_the_admin_clears_a_clearance(as_user, staff_administrator, analyst_a):
    client = as_user(staff_administrator)
    url = reverse("admin:core_user_change", args=[analyst_a.pk])
    assert client.post(url, change_data(analyst_a, clearance="")).status_code == 302
    assert fresh(analyst_a).clearance is None


def test_the_admin_shows_his_own_clearance_read_only(as_user, staff_administrator):
    response = as_user(staff_administrator).get(
        reverse("admin:core_user_change", args=[staff_administrator.pk])
    )
    assert "clearance" not in response.context["adminform"].form.fields


def test_an_administrator_raising_his_own_clearance_in_the_admin_is_refused_and_audited(
    as_user, staff_administrator
):
    client = as_user(staff_administrator)
    url = reverse("admin:core_user_change", args=[staff_administrator.pk])
    data = change_data(staff_administrator, roles=None, agency=None, is_active=None)
    data["clearance"] = level("S").pk
    response = client.post(url, data)
    assert response.status_code == 403
    assert fresh(staff_administrator).clearance is None
    entry = AuditEntry.objects.get(outcome=Outcome.DENIED)
    assert (entry.action, entry.actor) == ("user.update", staff_administrator)
    assert "clearance" in entry.changes


def test_a_login_added_in_the_admin_gets_its_clearance(as_user, staff_administrator, agency_a):
    response = as_user(staff_administrator).post(
        reverse("admin:core_user_add"),
        {
            "username": "nueva-analista",
            "usable_password": "false",
            "role": "analyst",
            "agency": agency_a.pk,
            "clearance": level("C").pk,
            "language": "es-mx",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    user = User.objects.get(username="nueva-analista")
    assert (user.clearance.code, user.agency, user.has_role("analyst")) == ("C", agency_a, True)
    assert AuditEntry.objects.get(action="user.clearance").actor == staff_administrator


def test_the_user_list_shows_and_filters_by_clearance(as_user, staff_administrator, analyst_a):
    client = as_user(staff_administrator)
    page = client.get(
        reverse("admin:core_user_changelist"), {"clearance__id__exact": level("S").pk}
    )
    assert page.status_code == 200
    assert "analyst_a" in page.content.decode()
    page = client.get(
        reverse("admin:core_user_changelist"), {"clearance__id__exact": level("U").pk}
    )
    assert "analyst_a" not in page.content.decode()


# The account command ----------------------------------------------------------------------


def test_the_account_command_sets_and_clears_a_clearance(administrator, analyst_a):
    out = io.StringIO()
    call_command("account", "clearance", "analyst_a", "c", "--as", "administrator", stdout=out)
    assert fresh(analyst_a).clearance.code == "C"
    assert "clearance C" in out.getvalue()
    call_command("account", "clearance", "analyst_a", "none", "--as", "administrator", stdout=out)
    assert fresh(analyst_a).clearance is None
    changes = [
        entry.changes["clearance"]
        for entry in AuditEntry.objects.filter(action="user.clearance").order_by("seq")
    ]
    assert changes == [["S", "C"], ["C", None]]


def test_the_account_command_names_an_unknown_level(administrator, analyst_a):
    with pytest.raises(CommandError, match="clearance"):
        call_command("account", "clearance", "analyst_a", "TOP", "--as", "administrator")
    assert fresh(analyst_a).clearance.code == "S"


def test_nobody_sets_his_own_clearance_with_the_command(administrator):
    with pytest.raises(CommandError, match=r"propios|own"):
        call_command("account", "clearance", "administrator", "S", "--as", "administrator")
    assert fresh(administrator).clearance is None
    assert AuditEntry.objects.get(outcome=Outcome.DENIED).action == "user.update"


def test_only_an_administrator_sets_a_clearance_with_the_command(analyst_a, analyst_a2):
    with pytest.raises(CommandError, match=r"administrador|administrators"):
        call_command("account", "clearance", "analyst_a2", "U", "--as", "analyst_a")
    assert fresh(analyst_a2).clearance.code == "S"


# The accounts API -------------------------------------------------------------------------


def test_the_api_shows_and_changes_a_clearance(administrator, analyst_a):
    client = api(administrator)
    assert client.get(f"{API}/accounts/{analyst_a.pk}").json()["clearance"] == "S"
    response = client.patch(
        f"{API}/accounts/{analyst_a.pk}",
        json.dumps({"clearance": "SBU"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["clearance"] == "SBU"
    assert fresh(analyst_a).clearance.code == "SBU"
    response = client.patch(
        f"{API}/accounts/{analyst_a.pk}",
        json.dumps({"clearance": None}),
        content_type="application/json",
    )
    assert response.json()["clearance"] is None


def test_the_api_names_an_unknown_level_and_changes_nothing(administrator, analyst_a):
    response = api(administrator).patch(
        f"{API}/accounts/{analyst_a.pk}",
        json.dumps({"clearance": "TOP-SECRET"}),
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert "clearance" in response.content.decode()
    assert fresh(analyst_a).clearance.code == "S"


def test_nobody_raises_his_own_clearance_through_the_api(administrator):
    response = api(administrator).patch(
        f"{API}/accounts/{administrator.pk}",
        json.dumps({"clearance": "S"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert fresh(administrator).clearance is None
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED, action="user.update").count() == 1


def test_an_analyst_cannot_change_a_clearance_through_the_api(analyst_a, analyst_a2):
    response = api(analyst_a).patch(
        f"{API}/accounts/{analyst_a2.pk}",
        json.dumps({"clearance": "U"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert fresh(analyst_a2).clearance.code == "S"


def test_the_account_list_does_not_query_per_account(administrator, agency_a, count_queries):
    client = api(administrator)
    analyst("one", agency_a, "C")
    client.get(f"{API}/accounts")  # the token's first use is recorded once
    few, _ = count_queries(lambda: client.get(f"{API}/accounts"))
    for n in range(5):
        analyst(f"more{n}", agency_a, ["U", "S"][n % 2])
    many, response = count_queries(lambda: client.get(f"{API}/accounts"))
    assert many == few
    assert {item["clearance"] for item in response.json()["items"]} >= {"C", "U", "S", None}


# Its effect -------------------------------------------------------------------------------


@pytest.fixture
def confidential_report(agency_a, agency_b):
    return ReportFactory(originator=agency_b, classification=level("C"), released_to=[agency_a])


def test_a_clearance_lowered_takes_effect_at_the_next_request(
    as_user, administrator, analyst_a, confidential_report
):
    url = reverse("intel_report_detail", args=[confidential_report.pk])
    client = as_user(analyst_a)
    assert client.get(url).status_code == 200

    update_account(actor=administrator, user=analyst_a, clearance="SBU")

    # The same session's next request: the change ended it, the report is not shown.
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    # Signed in again: the report is gone for him, like a missing one.
    again = as_user(analyst_a)
    assert again.get(url).status_code == 404
    assert again.get(reverse("intel_report_detail", args=[10**9])).status_code == 404


def test_the_clearance_is_read_at_every_request_not_kept_in_the_session(
    as_user, analyst_a, confidential_report
):
    url = reverse("intel_report_detail", args=[confidential_report.pk])
    client = as_user(analyst_a)
    assert client.get(url).status_code == 200
    User.objects.filter(pk=analyst_a.pk).update(clearance=level("SBU"))  # the session goes on
    assert client.get(url).status_code == 404
    User.objects.filter(pk=analyst_a.pk).update(clearance=level("C"))
    assert client.get(url).status_code == 200


def test_a_clearance_lowered_takes_effect_for_an_api_token_too(
    administrator, analyst_a, confidential_report
):
    client = api(analyst_a)
    url = reverse("intel_report_detail", args=[confidential_report.pk])
    session = Client()
    session.force_login(analyst_a)
    assert session.get(url).status_code == 200
    update_account(actor=administrator, user=analyst_a, clearance="U")
    assert fresh(analyst_a).clearance.code == "U"
    visible = confidential_report.__class__.objects.visible_to(fresh(analyst_a))
    assert not visible.filter(pk=confidential_report.pk).exists()
    assert client.get(f"{API}/accounts").status_code == 403  # the token still is his


def test_nobody_changes_his_own_clearance_in_the_service(administrator):
    with pytest.raises(PermissionDenied, match=r"propios|own"):
        update_account(actor=administrator, user=administrator, clearance="S")
    assert fresh(administrator).clearance is None


# The second factor ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "needed"), [("U", False), ("SBU", False), ("C", True), ("S", True)]
)
def test_a_second_factor_is_required_above_the_lowest_two_levels(agency_a, code, needed):
    user = analyst("cleared", agency_a, code)
    assert queries.second_factor_required(fresh(user)) is needed


def test_no_clearance_needs_no_second_factor(agency_a):
    assert not queries.second_factor_required(fresh(analyst("plain", agency_a, None)))


@pytest.mark.usefixtures("real_second_factor")
@pytest.mark.parametrize(
    ("code", "asked"), [("U", False), ("SBU", False), ("C", True), ("S", True)]
)
def test_the_sign_in_asks_for_a_second_factor_by_clearance(agency_a, code, asked):
    analyst("cleared", agency_a, code)
    client = Client()
    response = client.post("/login/", {"username": "cleared", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("intel_report_list"))
    if asked:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("otp_setup"))
    else:
        assert response.status_code == 200


# Roles and agencies -----------------------------------------------------------------------


def test_an_analyst_needs_an_agency_of_either_kind(agency_a, partner_agency):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_roles_agency([Role.ANALYST], None)
    assert "agency" in error.value.message_dict
    validate_roles_agency([Role.ANALYST], agency_a)
    validate_roles_agency([Role.ANALYST], partner_agency)
    validate_roles_agency([Role.ANALYST, Role.LIAISON], agency_a)
    validate_roles_agency([Role.ANALYST, Role.PARTNER], partner_agency)
    with pytest.raises(ValidationError):
        validate_roles_agency([Role.ANALYST, Role.LIAISON], partner_agency)


# His own page ---------------------------------------------------------------------------


def test_the_user_sees_his_own_clearance_on_his_account_page(as_user, analyst_a, english):
    response = as_user(analyst_a).get(reverse("password_change"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Acreditación de seguridad" in text or "Clearance" in text
    assert level("S").name_es in text or level("S").name_en in text
