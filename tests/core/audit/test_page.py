"""The audit page: sentences in the reader's language, filters, pagination, CSV export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from nonprolif.core.domain.audit import record
from nonprolif.core.domain.officials import update_official
from nonprolif.core.models import Outcome
from nonprolif.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mariana(agency_a):
    return UserFactory(
        username="mrobles",
        first_name="Mariana",
        last_name="Robles",
        agency=agency_a,
        roles=[Role.COORDINATOR],
        language="en",
    )


def sentences(response) -> list[str]:
    return [entry.sentence for entry in response.context["page"]]


def test_entries_read_as_sentences_in_the_readers_language(as_user, mariana, auditor, official_a):
    update_official(actor=mariana, official=official_a, position="Director")
    record(
        actor=mariana,
        action="nomination.decide",
        obj=official_a,
        changes={"status": ["submitted", "approved"]},
    )
    auditor.language = "en"
    auditor.save()
    response = as_user(auditor).get(reverse("audit_log"), {"actor": "Robles"})
    assert sentences(response) == [
        f"Mariana Robles approved the official {official_a}",
        f"Mariana Robles changed the official {official_a}",
    ]
    auditor.language = "es-mx"
    auditor.save()
    response = as_user(auditor).get(reverse("audit_log"), {"actor": "Robles"})
    assert sentences(response)[1] == f"Mariana Robles modificó al funcionario {official_a}"


def test_reads_are_sentences_too(as_user, mariana, auditor, official_a):
    client = as_user(mariana)
    client.get(reverse("official_detail", args=[official_a.pk]))
    client.get(reverse("official_list"))
    response = as_user(auditor).get(reverse("audit_log"), {"actor": "mrobles"})
    assert sentences(response) == [
        "Mariana Robles listó 1 funcionario",
        f"Mariana Robles consultó al funcionario {official_a}",
    ]


def test_filters(as_user, auditor, mariana, liaison_b, official_a, official_b):
    update_official(actor=mariana, official=official_a, position="Director")
    update_official(actor=liaison_b, official=official_b, position="Jefe")
    record(actor=liaison_b, action="official.update", obj=official_a, outcome=Outcome.DENIED)
    record(actor=liaison_b, action="agency.update", obj=official_b.agency)
    client = as_user(auditor)
    url = reverse("audit_log")

    def actions(**query):
        return [(e.actor_name, e.action, e.outcome) for e in client.get(url, query).context["page"]]

    assert actions(actor="liaison_b", agency="BBB") == [
        ("liaison_b", "agency.update", "allowed"),
        ("liaison_b", "official.update", "denied"),
        ("liaison_b", "official.update", "allowed"),
    ]
    assert actions(agency="AAA", action="official.update") == [
        ("mrobles", "official.update", "allowed")
    ]
    assert actions(outcome="denied") == [("liaison_b", "official.update", "denied")]
    assert actions(object_type="core.agency") == [("liaison_b", "agency.update", "allowed")]
    today = timezone.localdate()
    assert len(actions(since=today, until=today, agency="BBB")) == 3
    assert actions(until=today - datetime.timedelta(days=1)) == []
    assert actions(since=today + datetime.timedelta(days=1)) == []


def test_the_actor_filter_is_a_text_field_not_a_list_of_people(as_user, auditor):
    content = as_user(auditor).get(reverse("audit_log")).content.decode()
    assert 'name="actor"' in content
    assert '<select name="actor"' not in content


def test_a_bad_date_range_is_refused_naming_the_field(as_user, auditor):
    response = as_user(auditor).get(
        reverse("audit_log"), {"since": "2026-05-02", "until": "2026-05-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "until": ["La fecha final es anterior a la inicial."]
    }


def test_pagination(as_user, auditor, official_a):
    for n in range(30):
        record(actor=None, action="official.update", obj=official_a, changes={"n": n})
    client = as_user(auditor)
    first = client.get(reverse("audit_log"), {"action": "official.update"})
    second = client.get(reverse("audit_log"), {"action": "official.update", "page": 2})
    assert len(first.context["page"]) == 25
    assert len(second.context["page"]) == 5
    assert first.context["page"][0].seq > second.context["page"][0].seq


def test_csv_export_neutralises_formulas_and_is_not_cached(as_user, auditor, official_a):
    evil = UserFactory(username="@evil", first_name='=HYPERLINK("http://evil.example")')
    record(actor=evil, action="official.update", obj=official_a)
    response = as_user(auditor).get(
        reverse("audit_log"), {"format": "csv", "action": "official.update"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["seq", "Fecha y hora", "Quién"]
    [row] = rows[1:]
    assert row[2] == "'@evil"
    assert row[6].startswith("'=HYPERLINK")
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_a_liaison_exports_only_his_own_actions(as_user, liaison_a, liaison_b, official_a):
    record(actor=liaison_b, action="official.update", obj=official_a)
    response = as_user(liaison_a).get(reverse("audit_log"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))[1:]
    assert {row[2] for row in rows} <= {"liaison_a"}


def test_the_navigation_links_to_the_audit_log(as_user, auditor):
    content = as_user(auditor).get(reverse("home")).content.decode()
    assert reverse("audit_log") in content
