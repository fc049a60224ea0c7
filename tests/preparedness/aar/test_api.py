"""The AAR endpoint: the report as PDF or HTML in either language; 404 for an outsider, 422
for bad options."""

import pytest

pytestmark = pytest.mark.django_db


def url(built):
    return f"/api/v1/preparedness/exercises/{built.exercise.pk}/aar"


def test_the_pdf_and_the_html(as_user, evaluated):
    client = as_user(evaluated.director)
    pdf = client.get(url(evaluated), {"lang": "en", "format": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    html = client.get(url(evaluated), {"lang": "es", "format": "html"})
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert evaluated.exercise.hotwash_es in html.content.decode()


def test_an_outsider_gets_404(as_user, evaluated):
    assert as_user(evaluated.outsider).get(url(evaluated)).status_code == 404


def test_bad_options_are_422(as_user, evaluated):
    response = as_user(evaluated.director).get(url(evaluated), {"lang": "fr", "format": "doc"})
    assert response.status_code == 422
    assert {"lang", "format"} <= {e["field"] for e in response.json()["detail"]}
