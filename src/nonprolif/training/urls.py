"""The training app's pages: each feature's URLs."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.training.attendance.urls")),
    path("", include("nonprolif.training.certificates.urls")),
    path("", include("nonprolif.training.progress.urls")),
    path("", include("nonprolif.training.nominations.urls")),
    path("", include("nonprolif.training.calendar.urls")),
]
