"""The scoping rules' shape: conditions on the row and its foreign keys, never an ``IN``
over the scoped table itself, never a ``DISTINCT`` (no join through a many-to-many
relation); the rows they let through are those of the rules (the feature tests say which)."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import EmptyResultSet

from nonprolif.core.models import ClassificationLevel
from nonprolif.core.roles import Role
from tests.factories import OfficialFactory, UserFactory

SCOPED = sorted(
    (model for model in apps.get_models() if hasattr(model._default_manager, "visible_to")),
    key=lambda model: model._meta.label,
)


@pytest.fixture(params=["liaison", "partner", "official", "analyst"])
def someone(request, liaison_a, partner, agency_a):
    if request.param == "liaison":
        return liaison_a
    if request.param == "partner":
        return partner
    if request.param == "analyst":  # cleared: the intelligence rules build their conditions
        user = UserFactory(username="analyst", agency=agency_a, roles=[Role.ANALYST])
        user.clearance = ClassificationLevel.objects.order_by("-rank").first()
        user.save()
        return user
    user = UserFactory(username="own-login", agency=agency_a, roles=[])
    OfficialFactory(agency=agency_a, user=user)
    return user


@pytest.mark.parametrize("model", SCOPED, ids=[m._meta.label for m in SCOPED])
def test_no_rule_reads_its_own_table_through_in_nor_needs_distinct(model, someone):
    try:
        sql = str(model._default_manager.visible_to(someone).query)
    except EmptyResultSet:  # the rule lets nothing through: no query at all
        return
    table = model._meta.db_table

    own_table = re.compile(rf"IN \(SELECT [^()]* FROM .{re.escape(table)}. ")  # noqa: S608
    assert not own_table.search(sql)  # no IN over the table itself
    assert "DISTINCT" not in sql
