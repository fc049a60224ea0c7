from django.contrib import admin
from django.urls import include, path

from nonprolif.api.urls import api

admin.site.site_header = "nonprolif"

urlpatterns = [
    path("", include("nonprolif.core.urls")),
    path("", include("nonprolif.program.urls")),
    path("", include("nonprolif.events.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
