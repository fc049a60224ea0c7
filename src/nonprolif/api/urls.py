"""The API object: /api/v1. Each app contributes a router."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError

from nonprolif.api.auth import api_auth
from nonprolif.api.errors import (
    permission_denied_handler,
    schema_error_handler,
    validation_error_handler,
)
from nonprolif.core.api import router as core_router
from nonprolif.events.api import router as events_router
from nonprolif.program.api import router as program_router
from nonprolif.training.api import router as training_router

api = NinjaAPI(
    title="nonprolif API",
    version="1.0.0",
    description="Program office of a national WMD non-proliferation program.",
    urls_namespace="api-1.0.0",
    auth=api_auth,
)
api.add_router("/", core_router)
api.add_router("/", program_router)
api.add_router("/", events_router)
api.add_router("/", training_router)
# ninja types a handler's argument as "the exception or its class"; it always passes the
# exception itself, which is what the handlers take.
api.add_exception_handler(DjangoValidationError, validation_error_handler)  # type: ignore[arg-type]
api.add_exception_handler(PermissionDenied, permission_denied_handler)  # type: ignore[arg-type]
api.add_exception_handler(SchemaValidationError, schema_error_handler)
