"""The officials list, its search and the audit trail cost the same queries at 3 and at 30
rows (pages of the lists, and the audit page's filter choices), for a coordinator and a
liaison."""

import pytest
from django.urls import reverse

from nonprolif.core.domain.audit import record
from tests.factories import OfficialFactory

API = "/api/v1"


@pytest.mark.parametrize(
    "url",
    [
        reverse("official_list"),
        reverse("official_list") + "?q=maria+perez",
        f"{API}/officials",
        f"{API}/officials?q=maria",
        reverse("audit_log"),
        reverse("audit_log") + "?actor=liaison",
        f"{API}/audit",
    ],
)
@pytest.mark.parametrize("who", ["coordinator", "liaison_a"])
def test_the_lists_cost_the_same_queries_at_3_and_30_rows(
    request, as_user, agency_a, count_queries, url, who
):
    user = request.getfixturevalue(who)
    client = as_user(user)

    def grow(n):
        for index in range(n):
            official = OfficialFactory(
                agency=agency_a, given_names="María", family_names=f"Pérez {index}"
            )
            record(actor=user, action=f"test.action{index % 7}", obj=official)

    grow(3)
    client.get(url)  # warm the session and the user's groups
    few, first = count_queries(lambda: client.get(url))
    grow(27)
    many, second = count_queries(lambda: client.get(url))

    assert first.status_code == second.status_code == 200
    assert many == few
