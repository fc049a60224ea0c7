"""The OpenAPI document, rendered deterministically so that it can be committed and diffed."""

import json
from pathlib import Path

COMMITTED = Path(__file__).with_name("openapi.json")


def render_openapi() -> str:
    from nonprolif.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
