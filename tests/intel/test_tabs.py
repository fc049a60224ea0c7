"""The intelligence section's tab bar offers only the pages the user may open."""

import pytest
from django.urls import reverse

from nonprolif.core.roles import Role

from .conftest import analyst

pytestmark = pytest.mark.django_db


def tabs_of(client):
    return client.get(reverse("intel_report_list")).content.decode()


def test_the_import_tab_is_for_those_who_may_import(as_user, agency_a):
    importer = analyst("importer", agency_a, "S")
    coordinator = analyst("coord", agency_a, "S", roles=[Role.COORDINATOR])
    url = reverse("intel_stix_import")
    assert f'href="{url}"' in tabs_of(as_user(importer))
    coordinating = as_user(coordinator)
    assert f'href="{url}"' not in tabs_of(coordinating)
    assert coordinating.get(url).status_code == 403
