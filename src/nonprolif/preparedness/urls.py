"""The pages of the preparedness app: each feature's ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.preparedness.exercises.urls")),
    path("", include("nonprolif.preparedness.plan.urls")),
    path("", include("nonprolif.preparedness.conduct.urls")),
    path("", include("nonprolif.preparedness.aar.urls")),
    path("", include("nonprolif.preparedness.improvement.urls")),
    path("", include("nonprolif.preparedness.matrix.urls")),
]
