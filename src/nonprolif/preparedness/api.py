"""The API of the preparedness app: each feature's router, mounted on /api/v1 by ``api/urls.py``."""

from ninja import Router

from nonprolif.preparedness.aar.api import router as aar_router
from nonprolif.preparedness.conduct.api import router as conduct_router
from nonprolif.preparedness.exercises.api import router as exercises_router
from nonprolif.preparedness.improvement.api import router as improvement_router
from nonprolif.preparedness.matrix.api import router as matrix_router
from nonprolif.preparedness.plan.api import router as plan_router

router = Router()
router.add_router("", exercises_router)
router.add_router("", plan_router)
router.add_router("", conduct_router)
router.add_router("", aar_router)
router.add_router("", improvement_router)
router.add_router("", matrix_router)
