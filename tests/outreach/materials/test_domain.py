"""Publishing materials and their versions: numbering, file checks, who may, scoping."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.outreach.materials.domain import add_material, add_version
from nonprolif.outreach.materials.queries import (
    get_material_for,
    get_version_for,
    materials_for,
)
from nonprolif.outreach.models import AwarenessMaterial, MaterialVersion
from tests.outreach.materials.conftest import PDF, executable, pdf

pytestmark = pytest.mark.django_db

FIELDS = {
    "title_es": "Guía para universidades",
    "title_en": "Guide for universities",
    "audience": "academia",
    "language": "mul",
}


def test_a_material_is_published_with_its_version_1(material_a, liaison_a, agency_a):
    assert material_a.agency == agency_a
    version = material_a.versions.get()
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    assert version.size == len(PDF)
    assert version.content_type == "application/pdf"
    assert version.file_name == "folleto.pdf"
    assert version.uploaded_by == liaison_a
    with version.file.open("rb") as stored:
        assert stored.read() == PDF
    entry = AuditEntry.objects.get(action="outreach.material.create")
    assert entry.changes["sha256"] == [None, version.sha256]


def test_versions_are_numbered_one_after_another(material_a, liaison_a, coordinator):
    second = add_version(
        actor=liaison_a, material=material_a, file=pdf(), language="en", notes="English edition"
    )
    third = add_version(
        actor=coordinator, material=material_a, file=pdf("v3.pdf"), language="es", notes=""
    )
    assert (second.number, third.number) == (2, 3)
    assert list(material_a.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert get_version_for(liaison_a, material_a.pk).number == 3
    assert get_version_for(liaison_a, material_a.pk, 2).notes == "English edition"
    with pytest.raises(Http404):
        get_version_for(liaison_a, material_a.pk, 4)


@pytest.mark.parametrize(
    "upload",
    [
        lambda: executable(),
        lambda: pdf("folleto.exe"),
        lambda: pdf("folleto.png"),
        lambda: pdf(content=b""),
        lambda: None,
    ],
    ids=["not a type allowed", "bad extension", "name and content disagree", "empty", "missing"],
)
def test_a_bad_file_is_refused_naming_the_field(liaison_a, material_a, upload):
    with pytest.raises(ValidationError) as raised:
        add_material(actor=liaison_a, file=upload(), **FIELDS)
    assert set(raised.value.message_dict) == {"file"}
    with pytest.raises(ValidationError) as raised:
        add_version(actor=liaison_a, material=material_a, file=upload(), language="es")
    assert set(raised.value.message_dict) == {"file"}
    assert AwarenessMaterial.objects.count() == 1
    assert MaterialVersion.objects.count() == 1


def test_a_file_over_the_cap_is_refused(liaison_a, settings):
    settings.INTEL_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as raised:
        add_material(actor=liaison_a, file=pdf(), **FIELDS)
    assert "file" in raised.value.message_dict


def test_bad_fields_are_named_and_nothing_written(liaison_a):
    with pytest.raises(ValidationError) as raised:
        add_material(
            actor=liaison_a, title_es="", title_en="", audience="pets", language="fr", file=pdf()
        )
    assert {"title_es", "title_en", "audience", "language"} <= set(raised.value.message_dict)
    assert not AwarenessMaterial.objects.exists()


@pytest.mark.parametrize("who", ["analyst", "partner", "auditor", "outsider"])
def test_only_coordinators_and_national_liaisons_publish(request, who, agency_a):
    from tests.intel.conftest import analyst

    actor = analyst("analyst_x", agency_a) if who == "analyst" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        add_material(actor=actor, file=pdf(), **FIELDS)
    assert not AwarenessMaterial.objects.exists()
    denied = AuditEntry.objects.get(action="outreach.material.create")
    assert denied.outcome == Outcome.DENIED


def test_a_liaison_of_another_agency_cannot_add_a_version(material_a, liaison_b):
    with pytest.raises(PermissionDenied):
        add_version(actor=liaison_b, material=material_a, file=pdf(), language="es")
    assert material_a.versions.count() == 1
    assert AuditEntry.objects.get(action="outreach.material.version").outcome == Outcome.DENIED


def test_the_refusal_comes_before_the_file_is_read(material_a, liaison_b):
    class Unread:
        name = "x.pdf"
        size = 10

        def read(self, *args):
            raise AssertionError("the file was read")

    with pytest.raises(PermissionDenied):
        add_version(actor=liaison_b, material=material_a, file=Unread(), language="es")


def test_the_library_is_read_by_national_agencies_and_the_office(
    material_a, liaison_b, coordinator, auditor, partner, outsider, agency_b
):
    from tests.intel.conftest import analyst

    for reader in (liaison_b, coordinator, auditor, analyst("analyst_b", agency_b)):
        assert list(materials_for(reader)) == [material_a]
        assert get_material_for(reader, material_a.pk) == material_a
    for stranger in (partner, outsider):
        assert not materials_for(stranger).exists()
        with pytest.raises(Http404):
            get_material_for(stranger, material_a.pk)


def test_the_library_is_filtered_by_audience_and_title(material_a, liaison_a):
    add_material(actor=liaison_a, file=pdf(), **FIELDS)
    assert [m.title_en for m in materials_for(liaison_a, audience="academia")] == [
        "Guide for universities"
    ]
    assert not materials_for(liaison_a, audience="nonsense").exists()
    assert [m.pk for m in materials_for(liaison_a, q="PEDIDOS")] == [material_a.pk]
    assert [m.title_es for m in materials_for(liaison_a, q="guia")] == ["Guía para universidades"]
    assert [m.pk for m in materials_for(liaison_a, q="suspicious")] == [material_a.pk]


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_saving_leaves_no_row_and_no_file(liaison_a, monkeypatch, settings):
    def broken(**kwargs):
        raise RuntimeError("the audit failed")

    monkeypatch.setattr("nonprolif.outreach.materials.domain.record", broken)
    with pytest.raises(RuntimeError):
        add_material(actor=liaison_a, file=pdf(), **FIELDS)
    assert not AwarenessMaterial.objects.exists()
    assert not MaterialVersion.objects.exists()
    folder = settings.MEDIA_ROOT / "outreach" / "materials"
    assert not folder.exists() or not any(folder.iterdir())
