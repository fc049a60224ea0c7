"""The exchange endpoints: a report or a search's results as a STIX 2.1 bundle, and the import
of a bundle.

Exports carry only the reports the caller may read (a missing or invisible report: 404);
imports are all-or-nothing: 422 on ``bundle`` lists each object that could not be taken, by
its id, and nothing is written; 403 for a caller who may not import.
"""

import json

from ninja import Query, Router, Schema, Status
from pydantic import Field

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, ValidationErrorOut, service_errors
from nonprolif.intel.exchange.domain import export_bundle, import_bundle
from nonprolif.intel.exchange.queries import search_reports
from nonprolif.intel.exchange.schemas import StixBundleIn, StixBundleOut, StixImportOut
from nonprolif.intel.reports.queries import get_report_for

router = Router(tags=["intel"])


class StixSearchQuery(Schema):
    q: str = Field(min_length=1, max_length=300, description="the words to search for")
    type: str = ""
    category: str = ""
    originator: str = ""
    classification: str = ""
    year: int | None = None


def _as_dict(bundle) -> dict:
    """The bundle as JSON data; an empty bundle with an empty ``objects`` list."""
    return {"objects": [], **json.loads(bundle.serialize())}


@router.get("/intel/reports/{report_id}/stix", response={200: StixBundleOut, 404: ErrorOut})
def get_report_stix(request, report_id: int):
    """The report as a STIX 2.1 bundle (audited ``intel.stix.export``)."""
    report = get_report_for(request.auth, report_id)
    bundle, _reports = export_bundle(actor=request.auth, reports=[report])
    return _as_dict(bundle)


@router.get("/intel/stix/search", response={200: StixBundleOut, 422: ValidationErrorOut})
def get_search_stix(request, filters: Query[StixSearchQuery]):
    """The visible reports a search matches (the newest 200) as one STIX 2.1 bundle."""
    chosen = {
        key: value
        for key, value in filters.dict().items()
        if key != "q" and value not in ("", None)
    }
    reports = search_reports(request.auth, filters.q, chosen)
    bundle, _reports = export_bundle(actor=request.auth, reports=reports, query=filters.q)
    return _as_dict(bundle)


@router.post("/intel/stix/import", response={201: StixImportOut, **WRITE_ERRORS})
@service_errors
def post_stix_import(request, payload: StixBundleIn):
    """Import a bundle as draft reports of the caller's agency, with entities and links."""
    result = import_bundle(actor=request.auth, data=request.body)
    return Status(201, result)
