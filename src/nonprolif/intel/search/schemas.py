"""The search API's schemas (names unique across the API: IntelSearch…, IntelSavedSearch…)."""

import datetime

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from nonprolif.core.web.pagination import MAX_PAGE_SIZE
from nonprolif.intel.models import ReportStatus, ReportType
from nonprolif.intel.search.queries import MAX_QUERY_LENGTH


class IntelSearchFiltersIn(Schema):
    """What narrows a search: each filter optional."""

    type: ReportType | None = Field(None, description="report type")
    category: str = Field("", max_length=32, description="CBRN category code")
    originator: str = Field("", max_length=32, description="originating agency code")
    classification: str = Field("", max_length=32, description="classification level code")
    year: int | None = Field(None, ge=1900, le=2999, description="year of the event date")

    def as_filters(self) -> dict:
        return {
            name: value
            for name, value in self.dict().items()
            if value is not None and value != "" and name != "q"
        }


class IntelSearchQuery(IntelSearchFiltersIn):
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="words that every report found holds (Spanish or English)",
    )
    limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0)

    def as_filters(self) -> dict:
        filters = super().as_filters()
        filters.pop("limit", None)
        filters.pop("offset", None)
        return filters


class IntelSearchHitOut(Schema):
    id: int
    reference: str
    title: str
    report_type: ReportType
    status: ReportStatus
    classification: str = Field(description="classification level code")
    originator: str = Field(description="originating agency code")
    category: str | None = Field(description="CBRN category code")
    event_date: datetime.date | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code

    @staticmethod
    def resolve_originator(obj) -> str:
        return obj.originator.code

    @staticmethod
    def resolve_category(obj) -> str | None:
        return obj.cbrn_category.code if obj.cbrn_category_id else None


class IntelSearchFacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class IntelSearchFacetsOut(Schema):
    type: list[IntelSearchFacetValueOut]
    category: list[IntelSearchFacetValueOut]
    originator: list[IntelSearchFacetValueOut]
    classification: list[IntelSearchFacetValueOut]
    year: list[IntelSearchFacetValueOut]


class IntelSearchPageOut(Schema):
    count: int = Field(description="reports that match and that you may read")
    limit: int
    offset: int
    items: list[IntelSearchHitOut]
    facets: IntelSearchFacetsOut = Field(
        description="per filter, its values among the reports that match the words and the "
        "other filters, with their counts"
    )


class IntelSavedSearchFiltersOut(Schema):
    type: str | None = None
    category: str | None = None
    originator: str | None = None
    classification: str | None = None
    year: int | None = None


class IntelSavedSearchOut(Schema):
    id: int
    name: str
    q: str
    filters: IntelSavedSearchFiltersOut
    notify: bool
    created_at: datetime.datetime
    last_notified_at: datetime.datetime | None

    @staticmethod
    def resolve_q(obj) -> str:
        return obj.query


class IntelSavedSearchFiltersIn(BaseModel):
    """The filters of a saved search (a JSON object: a pydantic model, not a ninja Schema,
    which would read any value, a list too, as an object)."""

    model_config = ConfigDict(extra="forbid")

    type: ReportType | None = Field(None, description="report type")
    category: str = Field("", max_length=32, description="CBRN category code")
    originator: str = Field("", max_length=32, description="originating agency code")
    classification: str = Field("", max_length=32, description="classification level code")
    year: int | None = Field(None, ge=1900, le=2999, description="year of the event date")

    def as_filters(self) -> dict:
        return {
            name: value
            for name, value in self.model_dump().items()
            if value is not None and value != ""
        }


class IntelSavedSearchIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    q: str = Field("", max_length=MAX_QUERY_LENGTH)
    filters: IntelSavedSearchFiltersIn | None = None
    notify: bool = True
