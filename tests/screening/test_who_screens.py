"""Who screens: only the liaisons and analysts of a national agency, for their agency, and
coordinators and auditors who read everything. A user who lost his role, an administrator
with an agency and a foreign partner's analyst read and submit nothing; a refused upload is
audited as denied before its file is even looked at."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nonprolif.core.domain.accounts import revoke_role
from nonprolif.core.models import AuditEntry
from nonprolif.core.roles import Role
from nonprolif.screening.models import Batch
from tests.factories import PASSWORD, UserFactory
from tests.intel.conftest import analyst
from tests.screening.factories_review import AlertForReviewFactory

pytestmark = pytest.mark.django_db
HEADER = (
    "declaration,record,role,name,kind,country,birth_date,identifiers,description,"
    "tariff_code,cas_numbers\n"
)


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def answers(client, alert) -> dict:
    return {
        "alert page": client.get(f"/screening/alerts/{alert.pk}/").status_code,
        "alert api": client.get(f"/api/v1/screening/alerts/{alert.pk}").status_code,
        "export": client.get(f"/screening/batches/{alert.batch_id}/alerts.csv").status_code,
        "batches": client.get("/api/v1/screening/batches").json()["count"],
        "lists": client.get("/screening/lists/").status_code,
    }


NOTHING = {"alert page": 404, "alert api": 404, "export": 404, "batches": 0, "lists": 404}


def test_a_liaison_who_lost_his_role_reads_nothing_of_his_agency(agency_a, liaison_a):
    alert = AlertForReviewFactory(batch__agency=agency_a)
    assert answers(login(liaison_a), alert)["alert page"] == 200
    admin = UserFactory(username="adm", roles=[Role.ADMINISTRATOR])
    revoke_role(actor=admin, user=liaison_a, role=Role.LIAISON)
    liaison_a.refresh_from_db()
    assert liaison_a.agency_id == agency_a.pk  # his agency stays
    assert answers(login(liaison_a), alert) == NOTHING


def test_an_administrator_with_an_agency_reads_none_of_its_screening(agency_a):
    alert = AlertForReviewFactory(batch__agency=agency_a)
    admin = UserFactory(username="adm-a", agency=agency_a, roles=[Role.ADMINISTRATOR])
    assert answers(login(admin), alert) == NOTHING


def test_a_foreign_partners_analyst_neither_reads_the_lists_nor_submits(partner_agency):
    client = login(analyst("partner-analyst", partner_agency, "S"))
    body = HEADER + "09-1,party,importer,ACME,entity,MX,,,,,\n"
    refused = client.post(
        "/api/v1/screening/batches",
        {"kind": "declarations", "file": SimpleUploadedFile("a.csv", body.encode())},
    )
    assert refused.status_code == 403
    assert client.get("/screening/lists/").status_code == 404
    assert not Batch.objects.exists()


def test_a_refused_upload_is_audited_denied_before_its_file_is_looked_at(partner, liaison_a):
    refused = login(partner).post("/api/v1/screening/batches", {"kind": "declarations"})
    assert refused.status_code == 403
    imported = login(liaison_a).post("/api/v1/screening/lists/import", {"source": "un"})
    assert imported.status_code == 403
    denied = AuditEntry.objects.filter(outcome="denied").values_list("action", flat=True)
    assert sorted(denied) == ["screening.batch.submit", "screening.list.import"]
