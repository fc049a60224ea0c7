"""The pages of the outreach app: each feature's ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.outreach.stakeholders.urls")),
    path("", include("nonprolif.outreach.visits.urls")),
    path("", include("nonprolif.outreach.materials.urls")),
    path("", include("nonprolif.outreach.tips.urls")),
]
