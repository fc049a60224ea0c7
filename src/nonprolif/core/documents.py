"""PDF documents with Typst, offline.

Templates are Typst files under ``templates/typst/``. Data never enters the Typst source:
it is written next to it as ``data.json`` and read by the template with
``#let data = json("data.json")``, so text people typed cannot inject markup. Only the fonts
embedded in the ``typst`` wheel are used (no system fonts), so a document renders the same on
every machine.

Every document is tagged (Typst's default): headings are ``heading`` elements, which give the
PDF its structure tree and its bookmarks, styled by the template's show rules; the title
metadata is ``#set document(title: ...)``. Documents kept as records (certificates, reports)
are PDF/A-2b (``ARCHIVAL``).
"""

import json
import tempfile
from pathlib import Path
from typing import Literal

import typst
from django.conf import settings

TYPST_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "typst"


# PDF/A-2b: the archival standard of documents kept as records (embedded fonts, XMP metadata
# naming the standard, an sRGB output intent).
Standard = Literal["a-2b"]
ARCHIVAL: Standard = "a-2b"


class DocumentError(RuntimeError):
    """A Typst template failed to compile (a defect of the template, not of the data)."""


def render_pdf(
    template: str,
    data: dict,
    *,
    files: dict[str, bytes] | None = None,
    standard: Standard | None = None,
) -> bytes:
    """Compile ``templates/typst/<template>`` with ``data`` (JSON-serialisable; dates as
    ISO strings) and extra ``files`` (e.g. ``{"chart.svg": b"..."}``) beside it, conforming
    to the PDF ``standard`` when one is given (``ARCHIVAL``). Returns the PDF bytes. Side
    effects: none (works in a temporary directory)."""
    source = TYPST_TEMPLATES / template
    with tempfile.TemporaryDirectory(prefix="nonprolif-typst-") as tmp:
        root = Path(tmp)
        (root / "main.typ").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "data.json").write_text(
            json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8"
        )
        for name, content in (files or {}).items():
            target = root / name
            if target.parent != root:
                raise ValueError(f"{name}: extra files must sit beside the template")
            target.write_bytes(content)
        try:
            return typst.compile(
                str(root / "main.typ"),
                root=str(root),
                ignore_system_fonts=True,
                pdf_standards=standard,
            )
        except typst.TypstError as error:
            raise DocumentError(f"{template}: {error}") from error
