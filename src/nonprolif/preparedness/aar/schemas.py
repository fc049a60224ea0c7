"""The after-action report API's schemas: the options of the report."""

from typing import Literal

from ninja import Field, Schema


class PreparednessAarQuery(Schema):
    lang: Literal["es", "en"] = Field("es", description="the report's language")
    format: Literal["pdf", "html"] = Field("pdf", description="PDF/A or a whole HTML document")
