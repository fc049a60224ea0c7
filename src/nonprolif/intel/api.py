"""The API of the intel app: each feature's router, mounted on /api/v1 by ``api/urls.py``."""

from ninja import Router

from nonprolif.intel.entities.api import router as entities_router
from nonprolif.intel.exchange.api import router as exchange_router
from nonprolif.intel.releases.api import router as releases_router
from nonprolif.intel.reports.api import router as reports_router
from nonprolif.intel.requests.api import router as requests_router
from nonprolif.intel.search.api import router as search_router

router = Router()
router.add_router("", reports_router)
router.add_router("", releases_router)
router.add_router("", entities_router)
router.add_router("", search_router)
router.add_router("", exchange_router)
router.add_router("", requests_router)
