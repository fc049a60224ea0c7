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


def document_framework_answers(document: dict[str, Any]) -> None:
    """Add to every operation of ``document`` the answers that come before its view runs, which
    ninja does not list: 401 where the operation needs credentials (no valid token or session),
    400 where it takes a JSON body (a body that is not a JSON object, see ``api.inputs``), 422
    where it takes any input (what its schemas or ``api.inputs`` refuse, in the shape of
    ``api.errors``). An answer that an operation declares itself is left as it is."""
    _add_component(document, ErrorOut)
    _add_component(document, ValidationErrorOut)
    for path in document.get("paths", {}).values():
        for method, operation in path.items():
            if method not in METHODS:
                continue
            answers = operation.setdefault("responses", {})  # keyed by int, as ninja does
            body = operation.get("requestBody", {}).get("content", {})
            if operation.get("security"):
                answers.setdefault(401, _answer(401, ErrorOut))
            if "application/json" in body:
                answers.setdefault(400, _answer(400, ErrorOut))
            if operation.get("parameters") or body:
                answers.setdefault(422, _answer(422, ValidationErrorOut))
