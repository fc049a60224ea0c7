"""The API object: /api/v1. Each app contributes a router."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.types import DictStrAny

from nonprolif.api.auth import api_auth
from nonprolif.api.errors import (
    multipart_error_handler,
    permission_denied_handler,
    schema_error_handler,
    validation_error_handler,
)
from nonprolif.api.inputs import ObjectBodyParser, refuse_unstorable_input
from nonprolif.api.schema import document_framework_answers
from nonprolif.core.accounts.api import router as accounts_router
from nonprolif.core.api import router as core_router
from nonprolif.core.audit_reads import note_api_result
from nonprolif.events.api import router as events_router
from nonprolif.intel.api import router as intel_router
from nonprolif.outreach.api import router as outreach_router
from nonprolif.preparedness.api import router as preparedness_router
from nonprolif.program.api import router as program_router
from nonprolif.reports.api import router as reports_router
from nonprolif.screening.api import router as screening_router
from nonprolif.training.api import router as training_router

# Operation ids are part of the published API: clients generated from the OpenAPI document name
# their methods after them. ninja derives them from the module that holds the endpoint, so an
# endpoint keeps the prefix it was first published under when its module moves.
PUBLISHED_PREFIXES = {
    "nonprolif.events.meetings.api": "nonprolif_events_api",
    "nonprolif.events.conference.api": "nonprolif_events_api_conference",
    "nonprolif.events.coordination.api": "nonprolif_events_api_coordination",
    "nonprolif.events.speakers.api": "nonprolif_events_api_speakers",
    "nonprolif.events.registrations.api": "nonprolif_events_api_speakers",
    "nonprolif.training.calendar.api": "nonprolif_training_api",
    "nonprolif.training.attendance.api": "nonprolif_training_api_attendance",
    "nonprolif.training.certificates.api": "nonprolif_training_api_attendance",
    "nonprolif.training.progress.api": "nonprolif_training_api_attendance",
    "nonprolif.training.nominations.api": "nonprolif_training_api_nominations",
    "nonprolif.reports.api": "nonprolif_events_api_coordination",
}


class API(NinjaAPI):
    """The API: operation ids keep their published prefix, and the OpenAPI document lists the
    answers given before a view runs, too."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """``<prefix>_<function>``, the prefix being the published one (above) or, for an
        endpoint published since, its module's path."""
        module = operation.view_func.__module__
        prefix = PUBLISHED_PREFIXES.get(module, module.replace(".", "_"))
        return f"{prefix}_{operation.view_func.__name__}"

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: DictStrAny | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_framework_answers(document)
        return document


api = API(
    title="nonprolif API",
    version="1.0.0",
    description="Program office of a national WMD non-proliferation program.",
    urls_namespace="api-1.0.0",
    auth=api_auth,
    parser=ObjectBodyParser(),
)
api.add_decorator(refuse_unstorable_input)
api.add_decorator(note_api_result)
api.add_router("/", core_router)
api.add_router("/", accounts_router)
api.add_router("/", program_router)
api.add_router("/", events_router)
api.add_router("/", training_router)
api.add_router("/", reports_router)
api.add_router("/", intel_router)
api.add_router("/", screening_router)
api.add_router("/", preparedness_router)
api.add_router("/", outreach_router)
# ninja types a handler's argument as "the exception or its class"; it always passes the
# exception itself, which is what the handlers take.
api.add_exception_handler(DjangoValidationError, validation_error_handler)  # type: ignore[arg-type]
api.add_exception_handler(PermissionDenied, permission_denied_handler)  # type: ignore[arg-type]
api.add_exception_handler(SchemaValidationError, schema_error_handler)
api.add_exception_handler(MultiPartParserError, multipart_error_handler)  # type: ignore[arg-type]
