"""Fixtures of the materials tests: uploads stored in the test's own directory, files of the
allowed and refused kinds, a material of agency A with its version 1."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="folleto.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def executable(name="folleto.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")


@pytest.fixture
def material_a(liaison_a):
    from nonprolif.outreach.materials.domain import add_material

    return add_material(
        actor=liaison_a,
        title_es="Indicadores de pedidos sospechosos",
        title_en="Indicators of suspicious orders",
        audience="industry",
        file=pdf(),
        language="es",
    )
