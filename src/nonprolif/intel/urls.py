"""The pages of the intel app: each feature's ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.intel.reports.urls")),
    path("", include("nonprolif.intel.releases.urls")),
    path("", include("nonprolif.intel.entities.urls")),
    path("", include("nonprolif.intel.search.urls")),
    path("", include("nonprolif.intel.exchange.urls")),
    path("", include("nonprolif.intel.requests.urls")),
]
