"""The pages of the events app: each feature's ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("nonprolif.events.meetings.urls")),
    path("", include("nonprolif.events.conference.urls")),
    path("", include("nonprolif.events.speakers.urls")),
    path("", include("nonprolif.events.registrations.urls")),
    path("", include("nonprolif.events.coordination.urls")),
]
