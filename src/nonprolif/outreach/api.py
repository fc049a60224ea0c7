"""The API of the outreach app: each feature's router, mounted on /api/v1 by ``api/urls.py``."""

from ninja import Router

from nonprolif.outreach.materials.api import router as materials_router
from nonprolif.outreach.stakeholders.api import router as stakeholders_router
from nonprolif.outreach.tips.api import router as tips_router
from nonprolif.outreach.visits.api import router as visits_router

router = Router()
router.add_router("", stakeholders_router)
router.add_router("", visits_router)
router.add_router("", materials_router)
router.add_router("", tips_router)
