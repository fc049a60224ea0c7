"""A small world for the entity tests, seen from agency B.

- R1 and R2: agency A's published CONFIDENTIAL reports released to B.
- HIDDEN: agency A's report not released to B.
- X is named in R1 and HIDDEN, Y in R2 and HIDDEN (so HIDDEN links X and Y: B must not learn
  it), ONLY_HIDDEN in HIDDEN alone (B must get 404 for it, like a missing entity).
"""

import datetime
from types import SimpleNamespace

import pytest

from nonprolif.intel.models import EntityAlias, EntityKind, LinkRole
from tests.intel.conftest import EntityFactory, ReportFactory, link


@pytest.fixture
def world(agency_a, agency_b):
    r1 = ReportFactory(
        reference="A-R1",
        originator=agency_a,
        released_to=[agency_b],
        event_date=datetime.date(2009, 3, 1),
    )
    r2 = ReportFactory(
        reference="A-R2",
        originator=agency_a,
        released_to=[agency_b],
        event_date=datetime.date(2009, 5, 1),
    )
    hidden = ReportFactory(
        reference="A-HIDDEN",
        originator=agency_a,
        title_es="Palabra oculta",
        event_date=datetime.date(2009, 4, 1),
    )
    x = EntityFactory(name="Químicos del Norte S.A.", owner=agency_a)
    y = EntityFactory(name="Naviera Golfo", kind=EntityKind.VESSEL, owner=agency_a)
    only_hidden = EntityFactory(name="Persona Oculta", kind=EntityKind.PERSON, owner=agency_a)
    EntityAlias.objects.create(entity=x, name="QDN")
    link(r1, x)
    link(r2, y, LinkRole.CARRIER)
    link(hidden, x, LinkRole.SUPPLIER)
    link(hidden, y, LinkRole.CARRIER)
    link(hidden, only_hidden)
    return SimpleNamespace(r1=r1, r2=r2, hidden=hidden, x=x, y=y, only_hidden=only_hidden)
