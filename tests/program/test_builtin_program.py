"""The issue's acceptance check: the demo coordinator sees the 2009 program, its 10 agencies
and its proposal items."""

import pytest
from django.urls import reverse

from nonprolif.seed.demo import BUILTIN_DEMO, load_demo_document
from nonprolif.seed.loader import builtin_document, load_program_document
from tests.conftest import client_for
from tests.factories import PASSWORD


@pytest.fixture
def demo_coordinator(db):
    load_program_document(builtin_document())
    load_demo_document(builtin_document(BUILTIN_DEMO))
    from nonprolif.core.models import User
    from nonprolif.core.roles import Role

    user = User.objects.filter(groups__name=Role.COORDINATOR).first()
    user.set_password(PASSWORD)
    user.save()
    return user


def test_demo_coordinator_sees_the_2009_program_its_10_agencies_and_its_items(demo_coordinator):
    client = client_for(demo_coordinator)
    home = client.get(reverse("home"))
    assert [s.program.code for s in home.context["summaries"]] == ["mx-2009"]
    assert home.context["summaries"][0].agency_count == 10
    response = client.get(reverse("program_detail", args=["mx-2009"]))
    dashboard = response.context["dashboard"]
    assert dashboard.agency_count == 10
    assert dashboard.agencies[0].agency.code == "CISEN"
    assert dashboard.agencies[0].role == "lead"
    assert {row.agency.code for row in dashboard.agencies if row.role == "partner"} == {
        "FBI-WMDD",
        "LEGAT",
    }
    assert dashboard.item_count > 0
    training = dashboard.items[0]
    assert (training.cohort_count, training.cohort_size, training.cadence_months) == (4, 50, 3)
    body = response.content.decode()
    for item in dashboard.items:
        assert reverse("item_detail", args=[item.pk]) in body
