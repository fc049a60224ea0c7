"""Reading the PDFs that Typst writes, for tests: the title metadata, the bookmarks (with the
page and height each points to), the structure tree's headings and the PDF/A identification.

Typst writes its objects uncompressed at top level (only content streams are compressed), so
a regular expression over the bytes finds them; a PDF with object streams is refused rather
than read wrongly.
"""

import re
from dataclasses import dataclass

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
REF = rb"(\d+) 0 R"


def objects(pdf: bytes) -> dict[int, bytes]:
    assert b"/ObjStm" not in pdf, "object streams: this reader cannot see inside them"
    return {int(match.group(1)): match.group(2) for match in OBJECT.finditer(pdf)}


def _literal(raw: bytes) -> bytes:
    """The bytes of a literal string's body (escapes resolved)."""
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i : i + 1]
        if char == b"\\":
            nxt = raw[i + 1 : i + 2]
            if nxt.isdigit():
                digits = re.match(rb"[0-7]{1,3}", raw[i + 1 :]).group(0)  # type: ignore[union-attr]
                out.append(int(digits, 8))
                i += 1 + len(digits)
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(nxt, nxt)
            i += 2
            continue
        out += char
        i += 1
    return bytes(out)


def text_string(raw: bytes) -> str:
    """A PDF text string (``(literal)`` or ``<hex>``, UTF-16BE with its BOM or PDFDoc)."""
    data = bytes.fromhex(raw[1:-1].decode()) if raw.startswith(b"<") else _literal(raw[1:-1])
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("latin-1")


def _string_at(body: bytes, start: int) -> bytes:
    """The string token that starts at ``body[start]`` (a literal's parentheses may nest)."""
    if body[start : start + 1] == b"<":
        return body[start : body.index(b">", start) + 1]
    depth, i = 0, start
    while True:
        char = body[i : i + 1]
        if char == b"\\":
            i += 2
            continue
        depth += {b"(": 1, b")": -1}.get(char, 0)
        i += 1
        if depth == 0:
            return body[start:i]


def _string_entry(body: bytes, key: bytes) -> str | None:
    match = re.search(rb"/" + key + rb"\s*(?=[(<])", body)
    return text_string(_string_at(body, match.end())) if match else None


def info_title(pdf: bytes) -> str | None:
    """The Title of the document information dictionary (the trailer's /Info)."""
    info = re.findall(rb"/Info\s+" + REF, pdf)
    return _string_entry(objects(pdf)[int(info[-1])], b"Title") if info else None


def xmp(pdf: bytes) -> str:
    start, end = pdf.find(b"<x:xmpmeta"), pdf.find(b"</x:xmpmeta>")
    return pdf[start:end].decode("utf-8") if start >= 0 else ""


def pdfa_identification(pdf: bytes) -> tuple[str, str] | None:
    """(part, conformance) of the XMP's PDF/A identification, e.g. ("2", "B")."""
    meta = xmp(pdf)
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", meta)
    conformance = re.search(r"pdfaid:conformance(?:>|=\")([ABU])", meta)
    return (part.group(1), conformance.group(1)) if part and conformance else None


def pages(pdf: bytes) -> list[int]:
    """The page objects in order (Typst writes one flat page tree)."""
    found = objects(pdf)
    tree = next(body for body in found.values() if re.search(rb"/Type\s*/Pages", body))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", tree).group(1)  # type: ignore[union-attr]
    return [int(n) for n in re.findall(REF, kids)]


@dataclass
class Bookmark:
    title: str
    page: int  # 1-based
    top: float  # points from the top of the page


def _outline_items(found: dict[int, bytes], first: int | None) -> list[int]:
    """The outline items from ``first`` on, depth first (children after their parent)."""
    items = []
    number = first
    while number is not None:
        items.append(number)
        child = re.search(rb"/First\s+" + REF, found[number])
        if child:
            items += _outline_items(found, int(child.group(1)))
        following = re.search(rb"/Next\s+" + REF, found[number])
        number = int(following.group(1)) if following else None
    return items


def bookmarks(pdf: bytes) -> list[Bookmark]:
    """Every outline item in document order, with the page and height it points to."""
    found = objects(pdf)
    order = {number: index + 1 for index, number in enumerate(pages(pdf))}
    catalog = next(body for body in found.values() if re.search(rb"/Type\s*/Catalog", body))
    outlines = re.search(rb"/Outlines\s+" + REF, catalog)
    if outlines is None:
        return []
    first = re.search(rb"/First\s+" + REF, found[int(outlines.group(1))])
    marks = []
    for number in _outline_items(found, int(first.group(1)) if first else None):
        body = found[number]
        dest = re.search(rb"/Dest\s*(?:" + REF + rb"|(\[[^\]]*\]))", body)
        array = found[int(dest.group(1))] if dest.group(1) else dest.group(2)  # type: ignore[union-attr]
        parts = re.match(rb"\[\s*" + REF + rb"\s*/XYZ\s+([-\d.]+)\s+([-\d.]+)", array.strip())
        page = int(parts.group(1))  # type: ignore[union-attr]
        marks.append(
            Bookmark(
                title=_string_entry(body, b"Title") or "",
                page=order[page],
                top=_page_height(found[page]) - float(parts.group(3)),  # type: ignore[union-attr]
            )
        )
    return marks


def _page_height(page: bytes) -> float:
    box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", page)
    return float(box.group(4)) if box else 792.0  # type: ignore[union-attr]


def page_height(pdf: bytes, page: int = 1) -> float:
    return _page_height(objects(pdf)[pages(pdf)[page - 1]])


def structure_headings(pdf: bytes) -> list[tuple[str, str]]:
    """(role, title) of each heading element of the structure tree (H1 … H6)."""
    found = []
    for body in objects(pdf).values():
        role = re.search(rb"/S\s*/(H[1-6]?)\b", body)
        if role and b"/P " in body:
            found.append((role.group(1).decode(), _string_entry(body, b"T") or ""))
    return found
