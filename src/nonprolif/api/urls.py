"""The API object: /api/v1. Each app contributes a router."""

from ninja import NinjaAPI

from nonprolif.api.auth import api_auth
from nonprolif.core.api import router as core_router
from nonprolif.events.api import router as events_router
from nonprolif.program.api import router as program_router

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
