"""Reading the PDFs that Typst writes, for tests (through pypdf): the title metadata, the
bookmarks (with the page and height each points to), the structure tree's headings and the
PDF/A identification."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, Destination, DictionaryObject, PdfObject


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def info_title(pdf: bytes) -> str | None:
    """The Title of the document information dictionary (the trailer's /Info)."""
    metadata = _reader(pdf).metadata
    return metadata.title if metadata else None


def pdfa_identification(pdf: bytes) -> tuple[str, str] | None:
    """(part, conformance) of the XMP's PDF/A identification, e.g. ("2", "B")."""
    xmp = _reader(pdf).xmp_metadata
    if xmp is None or not xmp.pdfaid_part or not xmp.pdfaid_conformance:
        return None
    return xmp.pdfaid_part, xmp.pdfaid_conformance


def page_height(pdf: bytes, page: int = 1) -> float:
    return float(_reader(pdf).pages[page - 1].mediabox.top)


@dataclass
class Bookmark:
    title: str
    page: int  # 1-based
    top: float  # points from the top of the page


def _flatten(outline: list) -> list[Destination]:
    """The outline items depth first (pypdf gives an item's children as a list after it)."""
    return [d for item in outline for d in (_flatten(item) if isinstance(item, list) else [item])]


def bookmarks(pdf: bytes) -> list[Bookmark]:
    """Every outline item in document order, with the page and height it points to."""
    reader = _reader(pdf)
    marks = []
    for item in _flatten(reader.outline):
        number = reader.get_destination_page_number(item)
        assert number is not None, f"{item.title}: points to no page"
        assert item.top is not None, f"{item.title}: points to no height"
        top = float(reader.pages[number].mediabox.top) - float(item.top)
        marks.append(Bookmark(title=item.title or "", page=number + 1, top=top))
    return marks


def structure_headings(pdf: bytes) -> list[tuple[str, str]]:
    """(role, title) of each heading element of the structure tree (H, H1 … H6), in order."""
    found: list[tuple[str, str]] = []

    def walk(node: PdfObject | None) -> None:
        node = node.get_object() if node is not None else None
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):  # the root, an element, or a content reference
            role = str(node.get("/S", ""))[1:]
            if re.fullmatch(r"H[1-6]?", role):
                found.append((role, str(node.get("/T", ""))))
            walk(node.get("/K"))

    walk(_reader(pdf).root_object.get("/StructTreeRoot"))
    return found
