"""The pages of the screening app: each feature's ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.screening.lists.urls")),
    path("", include("nonprolif.screening.batches.urls")),
    path("", include("nonprolif.screening.review.urls")),
]
