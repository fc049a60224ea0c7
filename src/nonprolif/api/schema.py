"""The OpenAPI document, rendered deterministically so that it can be committed and diffed."""

import json
from http.client import responses
from pathlib import Path
from typing import Any

from ninja.schema import NinjaGenerateJsonSchema

from nonprolif.api.errors import ErrorOut, ValidationErrorOut

COMMITTED = Path(__file__).with_name("openapi.json")
REF_TEMPLATE = "#/components/schemas/{model}"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def render_openapi() -> str:
    from nonprolif.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _answer(status: int, model) -> dict[str, Any]:
    ref = {"$ref": REF_TEMPLATE.format(model=model.__name__)}
    return {"description": responses[status], "content": {"application/json": {"schema": ref}}}


def _add_component(document: dict[str, Any], model) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    if model.__name__ in schemas:
        return
    schema = model.model_json_schema(
        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode="serialization"
    )
    for name, definition in schema.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas[model.__name__] = schema


# What a download's path ends in (``.../badge.pdf``, ``.../agenda/ics``) → the media type of
# its answer. An operation that returns a file (a 2xx answer with no schema) gets its type
# here, so a new download is documented without saying it twice.
DOWNLOADS = {
    "pdf": "application/pdf",
    "ics": "text/calendar",
    "xml": "application/xml",
    "frab": "application/xml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BINARY = {"type": "string", "format": "binary"}
SAFE_METHODS = {"get", "head", "options"}


def download_type(path: str) -> str | None:
    """The media type of the file that ``path`` downloads (its last segment's extension, or
    the segment itself: ``badge.pdf``, ``ics``), or None when it names no file type."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return DOWNLOADS.get(last.rsplit(".", 1)[-1].lower())


def _document_download(path: str, answers: dict[Any, Any]) -> None:
    """Give the success answer of a download its media type (a binary string), unless the
    operation declares its content itself."""
    media_type = download_type(path)
    if media_type is None:
        return
    success = [status for status in answers if 200 <= int(status) < 300]
    status = success[0] if success else 200
    answer = answers.setdefault(status, {"description": responses[int(status)]})
    if not answer.get("content"):
        answer["content"] = {media_type: {"schema": dict(BINARY)}}


def document_framework_answers(document: dict[str, Any]) -> None:
    """Add to every operation of ``document`` the answers that ninja does not list:

    - 401 where the operation needs credentials (no valid token or session);
    - 403 where it needs credentials and writes (a read-only token is refused, see
      ``api.auth``), besides those that declare it for their own rules;
    - 404 everywhere: a missing object and one the caller may not see answer the same, and an
      unknown path too, in the shape of ``api.errors``;
    - 400 where it takes a JSON body (a body that is not a JSON object, see ``api.inputs``);
    - 422 everywhere: what its schemas or ``api.inputs`` refuse, in the shape of
      ``api.errors`` (an operation without input never gives it, and lists it all the same,
      so that a client handles the errors of every operation alike);
    - a download's media type on its success answer (``DOWNLOADS``).

    An answer that an operation declares itself is left as it is."""
    _add_component(document, ErrorOut)
    _add_component(document, ValidationErrorOut)
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            answers = operation.setdefault("responses", {})  # keyed by int, as ninja does
            body = operation.get("requestBody", {}).get("content", {})
            if operation.get("security"):
                answers.setdefault(401, _answer(401, ErrorOut))
                if method not in SAFE_METHODS:
                    answers.setdefault(403, _answer(403, ErrorOut))
            answers.setdefault(404, _answer(404, ErrorOut))
            if "application/json" in body:
                answers.setdefault(400, _answer(400, ErrorOut))
            answers.setdefault(422, _answer(422, ValidationErrorOut))
            _document_download(path, answers)
