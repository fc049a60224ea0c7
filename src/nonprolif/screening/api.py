"""The API of the screening app: each feature's router, mounted on /api/v1 by ``api/urls.py``."""

from ninja import Router

from nonprolif.screening.batches.api import router as batches_router
from nonprolif.screening.lists.api import router as lists_router
from nonprolif.screening.review.api import router as review_router

router = Router()
router.add_router("", lists_router)
router.add_router("", batches_router)
router.add_router("", review_router)
