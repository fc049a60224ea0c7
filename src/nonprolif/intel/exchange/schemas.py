"""The exchange API's schemas: a STIX 2.1 bundle out and in, and what an import wrote."""

from typing import Any

from ninja import Schema
from pydantic import Field


class StixBundleOut(Schema):
    """A STIX 2.1 bundle (https://docs.oasis-open.org/cti/stix/v2.1/)."""

    type: str
    id: str
    objects: list[dict[str, Any]]


class StixBundleIn(Schema):
    """A STIX 2.1 bundle to import: ``type`` "bundle" and its objects."""

    type: str = Field(pattern="^bundle$")
    id: str = ""
    objects: list[dict[str, Any]] = Field(min_length=1)


class StixImportedReportOut(Schema):
    id: int
    reference: str
    stix_id: str
    classification: str
    external_source: str

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code


class StixImportOut(Schema):
    reports: list[StixImportedReportOut]
    entities_created: int
    links: int
