from django.urls import path

from nonprolif.events.meetings import views

urlpatterns = [
    path("programs/<str:code>/meetings/", views.meeting_list, name="meeting_list"),
    path("programs/<str:code>/meetings/new/", views.meeting_create, name="meeting_create"),
    path(
        "programs/<str:code>/meetings/officials/",
        views.meeting_official_search,
        name="meeting_official_search",
    ),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
]
