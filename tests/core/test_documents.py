import pytest

from nonprolif.core import documents


@pytest.fixture
def template(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "TYPST_TEMPLATES", tmp_path)
    (tmp_path / "hello.typ").write_text(
        '#let data = json("data.json")\n= #data.title\n#data.body\n'
        '#image("mark.svg", width: 1cm)\n',
        encoding="utf-8",
    )
    return "hello.typ"


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10"/></svg>'
)


def test_render_pdf_compiles_template_with_data_and_files(template):
    pdf = documents.render_pdf(
        template, {"title": "Constancia", "body": "José Núñez"}, files={"mark.svg": SVG}
    )
    assert pdf.startswith(b"%PDF-")


def test_typed_text_cannot_inject_typst_markup(template):
    hostile = '#panic("injected") ]  [ #read("/etc/passwd")'
    pdf = documents.render_pdf(template, {"title": hostile, "body": "x"}, files={"mark.svg": SVG})
    assert pdf.startswith(b"%PDF-")


def test_broken_template_raises_document_error(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "TYPST_TEMPLATES", tmp_path)
    (tmp_path / "bad.typ").write_text("#let x = (\n", encoding="utf-8")
    with pytest.raises(documents.DocumentError, match=r"bad\.typ"):
        documents.render_pdf("bad.typ", {})


def test_extra_files_must_sit_beside_the_template(template):
    with pytest.raises(ValueError, match="beside"):
        documents.render_pdf(template, {}, files={"../escape.svg": SVG})
