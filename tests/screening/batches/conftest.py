"""What the batches' tests share: a small UN list and control list, a batch file that hits
them, and the indexes forgotten between tests (they are cached per process)."""

import pytest

from nonprolif.screening.batches import engine
from nonprolif.screening.models import Alert, AlertStatus
from tests.screening.factories_batches import (
    BatchFactory,
    ScreenedPartyFactory,
    controlled,
    listed,
    snapshot_of,
)

HEADER = (
    "declaration,record,role,name,kind,country,birth_date,identifiers,description,"
    "tariff_code,cas_numbers\n"
)
#: Rows 2-7: a listed person (Cyrillic on the list), a listed company, an ordinary company, a
#: precursor declared by CAS number only, ordinary goods, a near miss of the listed person.
DEMO = HEADER + (
    "09-000001,party,importer,Ivan Petrovich Sidorov,person,RU,1961-03-02,,,,\n"
    "09-000001,party,exporter,Korea Tangun Trading Corporation,entity,KP,,,,,\n"
    "09-000002,party,importer,Ferretería La Esperanza S.A. de C.V.,entity,MX,,,,,\n"
    "09-000002,goods,,,,,,,Producto químico industrial,,7719-09-7\n"
    "09-000002,goods,,,,,,,Tornillos de acero inoxidable,7318.15.99,\n"
    "09-000003,party,consignee,Maria Sidorova,person,MX,1990,,,,\n"
)


@pytest.fixture(autouse=True)
def fresh_indexes():
    engine.clear_caches()
    yield
    engine.clear_caches()


@pytest.fixture
def un_list(db):
    """The UN list's first snapshot: two entries (a person written in Cyrillic and Latin, a
    company)."""
    snapshot = snapshot_of("un")
    person = listed(
        "KPi.001",
        "Иван Петрович Сидоров",
        "Ivan Petrovich Sidorov",
        snapshot=snapshot,
        birth_dates=["1960-03-02"],
        countries=["RU"],
    )
    company = listed(
        "KPe.002", "Korea Tangun Trading Corporation", snapshot=snapshot, kind="entity"
    )
    return snapshot, person, company


@pytest.fixture
def thionyl(db):
    return controlled(
        "1C350.51",
        description_en="Thionyl chloride",
        description_es="Cloruro de tionilo",
        cas_numbers=["7719-09-7"],
        hs6=["281210"],
        keywords_en=["thionyl chloride"],
        keywords_es=["cloruro de tionilo"],
    )


@pytest.fixture
def screened(un_list, liaison_a):
    """A batch of agency A, with an alert on a party and one decided."""
    _snapshot, person, company = un_list
    batch = BatchFactory(agency=liaison_a.agency, submitted_by=liaison_a, party_count=2)
    ivan = ScreenedPartyFactory(batch=batch, row=2, name="Ivan Petrovich Sidorov")
    korea = ScreenedPartyFactory(batch=batch, row=3, name="=Korea Tangun")
    explanation = [{"feature": "name", "contribution": 0.97, "detail": "exact"}]
    Alert.objects.create(
        batch=batch,
        agency=batch.agency,
        party=ivan,
        entry=person,
        entry_version=person.version,
        score=0.97,
        explanation=explanation,
        query_name=ivan.name,
        entry_name="Ivan Petrovich Sidorov",
    )
    Alert.objects.create(
        batch=batch,
        agency=batch.agency,
        party=korea,
        entry=company,
        entry_version=company.version,
        score=0.91,
        explanation=explanation,
        query_name=korea.name,
        entry_name=company.name,
        status=AlertStatus.FALSE_POSITIVE,
    )
    return batch
