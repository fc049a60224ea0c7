"""The security headers of every answer: a strict Content-Security-Policy (django-csp),
Permissions-Policy, Referrer-Policy, and ``Cache-Control: no-store`` on every answer but the
static files' (pages, API answers, exports, PDFs). And no inline style or script in the
templates, which the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from nonprolif.core.domain.tokens import issue_token
from tests.reports.conftest import report_data  # noqa: F401 (a fixture)

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Not pages of the application: e-mails (their clients need inline style) and the standalone
# HTML report, which is always a download (Content-Disposition: attachment).
# E-mails, and the standalone documents served only as downloads (a cable, an AAR/IP).
NOT_PAGES = {
    "emails/speaker_invitation.html",
    "emails/speaker_reminder.html",
    "emails/outreach_tip_ack.html",
    "reports/cable.html",
    "preparedness/aar/report.html",
}


def policy(response) -> dict[str, str]:
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


@pytest.fixture
def api(coordinator):
    _token, raw = issue_token(user=coordinator, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def answers(as_user, coordinator, api, program, report_data):  # noqa: F811
    """One answer of each kind: pages, the API, exports, PDFs, an error."""
    client = as_user(coordinator)
    report = "/programs/prog-test/report/"
    return {
        "sign-in page": Client().get("/login/"),
        "home page": client.get("/"),
        "program page": client.get("/programs/prog-test/"),
        "not found": client.get("/programs/nowhere/"),
        "API answer": api.get("/api/v1/programs"),
        "API document": Client().get("/api/v1/openapi.json"),
        "calendar CSV": client.get("/programs/prog-test/calendar.csv"),
        "calendar XLSX": client.get("/programs/prog-test/calendar.xlsx"),
        "report Markdown": client.get(report, {"lang": "en", "format": "md"}),
        "report PDF": client.get(report, {"lang": "en", "format": "pdf"}),
        "report PDF by the API": api.get(
            "/api/v1/programs/prog-test/report", {"lang": "en", "format": "pdf"}
        ),
    }


def test_every_answer_carries_the_security_headers(answers):
    for kind, response in answers.items():
        assert response.status_code in (200, 404), kind
        csp = policy(response)
        assert csp["default-src"] == "'self'", kind
        assert csp["script-src"] == "'self'", kind
        assert csp["style-src"] == "'self'", kind
        assert csp["object-src"] == "'none'", kind
        assert csp["base-uri"] == "'self'", kind
        assert csp["form-action"] == "'self'", kind
        assert csp["frame-ancestors"] == "'none'", kind
        assert "unsafe-inline" not in response["Content-Security-Policy"], kind
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, (kind, feature)
        assert response["Referrer-Policy"] == "same-origin", kind
        assert "no-store" in response["Cache-Control"], kind
        assert response["X-Content-Type-Options"] == "nosniff", kind


def test_the_downloads_are_what_they_claim(answers):
    assert answers["calendar CSV"]["Content-Type"].startswith("text/csv")
    assert answers["report PDF"].content.startswith(b"%PDF")
    assert answers["report PDF by the API"].content.startswith(b"%PDF")


def test_static_files_may_be_cached(client):
    response = client.get("/static/nonprolif/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_templates_hold_no_inline_style_or_script():
    offending = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        text = path.read_text()
        if name in NOT_PAGES:
            continue
        if re.search(r"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=|hx-on|javascript:", text):
            offending.append(name)
    assert offending == []


def test_htmx_is_told_not_to_inject_its_indicator_styles(as_user, coordinator):
    page = as_user(coordinator).get("/").content.decode()
    assert '"includeIndicatorStyles": false' in page
    css = (Path(settings.BASE_DIR) / "static/nonprolif/app.css").read_text()
    assert ".htmx-indicator" in css


def test_the_standalone_html_report_is_a_download(as_user, coordinator, report_data):  # noqa: F811
    response = as_user(coordinator).get(
        "/programs/prog-test/report/", {"lang": "en", "format": "html", "download": "1"}
    )
    assert response["Content-Disposition"].startswith("attachment")
