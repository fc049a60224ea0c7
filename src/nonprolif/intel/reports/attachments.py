"""What an attachment may be: the allow-list of types, judged by the content's first bytes
(and, for the Office formats, the package's parts) and by the file name's extension, both of
which must agree; the size cap (``INTEL_ATTACHMENT_MAX_BYTES``, default 10 MiB, within the
uploads' own ``UPLOAD_MAX_BYTES``)."""

import io
import os
import zipfile

from django.conf import settings

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

#: type key → (content type, accepted extensions)
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "txt": ("text/plain", (".txt",)),
    "csv": ("text/csv", (".csv",)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
}

ALLOWED_EXTENSIONS = tuple(ext for _type, exts in TYPES.values() for ext in exts)


def file_openapi(description: str) -> dict:
    """The OpenAPI answer of an endpoint that returns a stored file: each type a file may have
    (the allow-list), as binary."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    content = {content_type: binary for content_type, _extensions in TYPES.values()}
    return {"responses": {200: {"description": description, "content": content}}}


_TEXT_CONTROLS = {ord(c) for c in "\t\n\r\f"}


def max_bytes() -> int:
    """The largest attachment taken: the setting, never above what an upload keeps."""
    own = int(getattr(settings, "INTEL_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
    return min(own, settings.UPLOAD_MAX_BYTES)


def _office_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and ord(c) not in _TEXT_CONTROLS for c in text)


def sniff(content: bytes, name: str) -> str | None:
    """The allowed type key of ``content`` named ``name``, or None when the bytes are none of
    the allowed types or the extension does not match them."""
    extension = os.path.splitext(name)[1].lower()
    if content.startswith(b"%PDF-"):
        kind: str | None = "pdf"
    elif content.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif content.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif content.startswith(b"PK\x03\x04"):
        kind = _office_kind(content)
    elif content and _is_text(content):
        kind = "csv" if extension == ".csv" else "txt"
    else:
        kind = None
    if kind is None or extension not in TYPES[kind][1]:
        return None
    return kind


def content_type(kind: str) -> str:
    return TYPES[kind][0]


def clean_name(name: str) -> str:
    """The file's base name, without directories or control characters, at most 200
    characters (kept for the download's name only: the disk never sees it)."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(c for c in base if ord(c) >= 32 and c not in "\x7f").strip()
    if len(base) > 200:
        stem, extension = os.path.splitext(base)
        base = stem[: 200 - len(extension)] + extension
    return base or "attachment"
