"""The training app's API: each feature's router, mounted in the order the API documents
them (calendar, attendance, certificates, progress, nominations)."""

from ninja import Router

from nonprolif.training.attendance.api import router as attendance_router
from nonprolif.training.calendar.api import router as calendar_router
from nonprolif.training.certificates.api import router as certificates_router
from nonprolif.training.nominations.api import router as nominations_router
from nonprolif.training.progress.api import router as progress_router

router = Router()
router.add_router("", calendar_router)
router.add_router("", attendance_router)
router.add_router("", certificates_router)
router.add_router("", progress_router)
router.add_router("", nominations_router)
