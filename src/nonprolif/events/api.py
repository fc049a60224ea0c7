"""The API of the events app: each feature's router, mounted on /api/v1 by ``api/urls.py``."""

from ninja import Router

from nonprolif.events.conference.api import router as conference_router
from nonprolif.events.coordination.api import router as coordination_router
from nonprolif.events.meetings.api import router as meetings_router
from nonprolif.events.registrations.api import router as registrations_router
from nonprolif.events.speakers.api import router as speakers_router

router = Router()
router.add_router("", meetings_router)
router.add_router("", conference_router)
router.add_router("", speakers_router)
router.add_router("", registrations_router)
router.add_router("", coordination_router)
