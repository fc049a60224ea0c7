"""The materials pages: the library, one material, publishing, a new version, downloads."""

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.outreach.materials.domain import add_material, add_version
from nonprolif.outreach.models import AwarenessMaterial
from tests.conftest import AUDITED_READ_QUERIES
from tests.outreach.materials.conftest import PDF, executable, pdf

pytestmark = pytest.mark.django_db


def test_the_library_lists_and_filters(as_user, material_a, liaison_b):
    add_material(
        actor=liaison_b,
        title_es="Guía hospitalaria",
        title_en="Hospital guide",
        audience="healthcare",
        file=pdf(),
        language="es",
    )
    client = as_user(liaison_b)
    body = client.get(reverse("outreach_material_list")).content.decode()
    assert material_a.title_es in body
    assert "Guía hospitalaria" in body
    body = client.get(
        reverse("outreach_material_list"), {"audience": "healthcare"}
    ).content.decode()
    assert material_a.title_es not in body
    assert "Guía hospitalaria" in body
    body = client.get(reverse("outreach_material_list"), {"q": "indicadores"}).content.decode()
    assert material_a.title_es in body
    assert "Guía hospitalaria" not in body


@pytest.mark.parametrize("user", ["partner", "outsider"])
def test_a_partner_or_an_outsider_reads_nothing(as_user, request, user, material_a):
    client = as_user(request.getfixturevalue(user))
    assert material_a.title_es not in client.get(reverse("outreach_material_list")).content.decode()
    for name, args in (
        ("outreach_material_detail", [material_a.pk]),
        ("outreach_material_download", [material_a.pk]),
        ("outreach_material_version_download", [material_a.pk, 1]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
    response = client.post(
        reverse("outreach_material_version_create", args=[material_a.pk]),
        {"file": pdf(), "language": "es"},
    )
    assert response.status_code == 404
    assert material_a.versions.count() == 1


def test_the_list_costs_the_same_queries_for_one_material_or_three(
    as_user, liaison_a, material_a, count_queries
):
    client = as_user(liaison_a)
    url = reverse("outreach_material_list")
    client.get(url)
    one, _ = count_queries(lambda: client.get(url))
    for n in range(2):
        add_material(
            actor=liaison_a,
            title_es=f"Cartel {n}",
            title_en=f"Poster {n}",
            audience="general",
            file=pdf(),
            language="es",
        )
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["page"].object_list) == 3
    assert one == three
    assert three <= 8 + AUDITED_READ_QUERIES


def test_a_liaison_publishes_a_material(as_user, liaison_a):
    client = as_user(liaison_a)
    assert client.get(reverse("outreach_material_create")).status_code == 200
    response = client.post(
        reverse("outreach_material_create"),
        {
            "title_es": "Cartel",
            "title_en": "Poster",
            "audience": "general",
            "language": "es",
            "file": pdf(),
        },
    )
    material = AwarenessMaterial.objects.get()
    assert response["Location"] == reverse("outreach_material_detail", args=[material.pk])
    assert material.versions.get().number == 1


def test_a_bad_file_is_shown_on_the_form(as_user, liaison_a):
    response = as_user(liaison_a).post(
        reverse("outreach_material_create"),
        {
            "title_es": "Cartel",
            "title_en": "Poster",
            "audience": "general",
            "language": "es",
            "file": executable(),
        },
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not AwarenessMaterial.objects.exists()


def test_an_analyst_may_not_publish_and_is_audited(as_user, agency_a):
    from tests.intel.conftest import analyst

    client = as_user(analyst("analyst_a", agency_a))
    assert client.get(reverse("outreach_material_create")).status_code == 403
    response = client.post(
        reverse("outreach_material_create"),
        {
            "title_es": "Cartel",
            "title_en": "Poster",
            "audience": "general",
            "language": "es",
            "file": pdf(),
        },
    )
    assert response.status_code == 403
    assert not AwarenessMaterial.objects.exists()
    assert AuditEntry.objects.filter(
        action="outreach.material.create", outcome=Outcome.DENIED
    ).exists()


def test_a_new_version_from_the_material_page(as_user, liaison_a, material_a):
    client = as_user(liaison_a)
    page = client.get(reverse("outreach_material_detail", args=[material_a.pk])).content.decode()
    assert reverse("outreach_material_version_create", args=[material_a.pk]) in page
    response = client.post(
        reverse("outreach_material_version_create", args=[material_a.pk]),
        {"file": pdf("v2.pdf", PDF + b"%v2\n"), "language": "en", "notes": "English edition"},
    )
    assert response.status_code == 302
    assert material_a.versions.first().number == 2


def test_another_agencys_liaison_sees_the_material_but_may_not_add_a_version(
    as_user, liaison_b, material_a
):
    client = as_user(liaison_b)
    page = client.get(reverse("outreach_material_detail", args=[material_a.pk])).content.decode()
    assert reverse("outreach_material_version_create", args=[material_a.pk]) not in page
    response = client.post(
        reverse("outreach_material_version_create", args=[material_a.pk]),
        {"file": pdf(), "language": "es"},
    )
    assert response.status_code == 403
    assert material_a.versions.count() == 1
    assert AuditEntry.objects.filter(
        action="outreach.material.version", outcome=Outcome.DENIED
    ).exists()


def test_downloads_give_the_latest_or_a_given_version_and_are_audited(
    as_user, liaison_b, liaison_a, material_a
):
    add_version(
        actor=liaison_a, material=material_a, file=pdf("v2.pdf", PDF + b"%v2\n"), language="en"
    )
    client = as_user(liaison_b)
    latest = client.get(reverse("outreach_material_download", args=[material_a.pk]))
    assert latest.status_code == 200
    assert b"".join(latest.streaming_content) == PDF + b"%v2\n"
    assert "v2.pdf" in latest["Content-Disposition"]
    first = client.get(reverse("outreach_material_version_download", args=[material_a.pk, 1]))
    assert b"".join(first.streaming_content) == PDF
    entries = AuditEntry.objects.filter(action="outreach.material.download").order_by("seq")
    assert [entry.changes["version"] for entry in entries] == [2, 1]
    assert (
        client.get(
            reverse("outreach_material_version_download", args=[material_a.pk, 9])
        ).status_code
        == 404
    )
