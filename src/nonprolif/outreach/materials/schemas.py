"""The materials API's schemas."""

import datetime

from ninja import Field, Schema

from nonprolif.outreach.models import Audience


class OutreachMaterialOut(Schema):
    id: int
    label: str = Field(description="MAT-<id>")
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    audience: Audience
    agency: str = Field(description="the publishing agency's code")
    created_at: datetime.datetime
    latest_version: int | None = Field(None, description="its highest version number")

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_agency(obj) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_latest_version(obj) -> int | None:
        return getattr(obj, "latest_version", None)


class OutreachMaterialVersionOut(Schema):
    number: int
    language: str = Field(description="es, en or mul (both)")
    file_name: str
    content_type: str
    size: int
    sha256: str
    notes: str
    uploaded_at: datetime.datetime


class OutreachMaterialFilters(Schema):
    audience: Audience | None = None
    q: str | None = Field(None, max_length=200, description="words of the Spanish or English title")
