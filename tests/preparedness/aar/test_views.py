"""The AAR pages: the report in the exercise's tabs, its standalone HTML and its PDF in
either language; reading is an audited read of the exercise; the outsider gets 404."""

import pytest
from django.urls import reverse

from nonprolif.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def page_url(built):
    return reverse("preparedness_aar", args=[built.exercise.pk])


def pdf_url(built):
    return reverse("preparedness_aar_pdf", args=[built.exercise.pk])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_page_in_each_language(as_user, evaluated, lang):
    response = as_user(evaluated.player).get(page_url(evaluated), {"lang": lang})
    assert response.status_code == 200
    body = response.content.decode()
    assert getattr(evaluated.exercise, f"hotwash_{lang}") in body
    assert f"{pdf_url(evaluated)}?lang=es" in body
    assert f"{pdf_url(evaluated)}?lang=en" in body
    assert "download=1" in body
    assert response.context["lang"] == lang
    entry = AuditEntry.objects.filter(action="exercise.aar.view").latest("seq")
    assert entry.object_id == str(evaluated.exercise.pk)
    assert entry.changes.get("lang") == lang


def test_a_bad_language_falls_back_to_the_interface_language(as_user, evaluated):
    response = as_user(evaluated.player).get(page_url(evaluated), {"lang": "fr"})
    assert response.status_code == 200
    assert response.context["lang"] in ("es", "en")


def test_the_standalone_html_and_the_pdf_download(as_user, evaluated):
    client = as_user(evaluated.evaluator)
    html = client.get(page_url(evaluated), {"lang": "en", "download": "1"})
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert "attachment" in html["Content-Disposition"]
    assert html.content.decode().startswith("<!DOCTYPE html>")
    pdf = client.get(pdf_url(evaluated), {"lang": "es"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f"{evaluated.exercise.code}-aar-ip-es.pdf" in pdf["Content-Disposition"]


def test_an_outsider_gets_404(as_user, evaluated):
    client = as_user(evaluated.outsider)
    assert client.get(page_url(evaluated)).status_code == 404
    assert client.get(pdf_url(evaluated)).status_code == 404
    assert client.get(reverse("preparedness_aar", args=[999999])).status_code == 404


def test_above_the_readers_clearance_the_report_does_not_exist(as_user, evaluated):
    from tests.preparedness.factories import level

    evaluated.exercise.classification = level("S")
    evaluated.exercise.save()
    assert as_user(evaluated.player).get(page_url(evaluated)).status_code == 404
