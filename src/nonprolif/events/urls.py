from django.urls import include, path

from nonprolif.events.views import meetings

urlpatterns = [
    path("programs/<str:code>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("programs/<str:code>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("", include("nonprolif.events.urls_conference")),
    path("", include("nonprolif.events.urls_speakers")),
    path("", include("nonprolif.events.urls_coordination")),
]
