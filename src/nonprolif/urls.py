from django.contrib import admin
from django.urls import include, path

from nonprolif.api.urls import api

admin.site.site_header = "nonprolif"


def api_urls():
    """The API authenticates by token or session itself (401, never a login redirect)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace


urlpatterns = [
    path("", include("nonprolif.core.urls")),
    path("", include("nonprolif.program.urls")),
    path("", include("nonprolif.events.urls")),
    path("", include("nonprolif.training.urls")),
    path("", include("nonprolif.reports.urls")),
    path("", include("nonprolif.intel.urls")),
    path("", include("nonprolif.screening.urls")),
    path("", include("nonprolif.preparedness.urls")),
    path("", include("nonprolif.outreach.urls")),
    path("api/v1/", api_urls()),
    path("admin/", admin.site.urls),
]
