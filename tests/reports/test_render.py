from nonprolif.reports.queries import build_cable
from nonprolif.reports.render import render_html, render_markdown, render_pdf
from tests.reports.conftest import AS_OF


def test_pdf_html_and_markdown_forms(coordinator, program, report_data):
    cable = build_cable(coordinator, program, language="es", as_of=AS_OF)
    assert render_pdf(cable).startswith(b"%PDF")
    html = render_html(cable)
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 2  # training and registrations charts, inline
    assert "Fin del comentario." in html
    assert "| BBB |" in render_markdown(cable)


def test_hostile_typed_text_stays_text(coordinator, program, report_data):
    proposal = report_data["proposal"]
    proposal.title_en = '<script>alert(1)</script> #panic("x")'
    proposal.save()
    cable = build_cable(coordinator, program, language="en", as_of=AS_OF)
    assert "<script>alert" not in render_html(cable)
    assert render_pdf(cable).startswith(b"%PDF")
