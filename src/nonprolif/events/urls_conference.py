"""Conference pages. None is public: the agenda and its exports need a login like every
page (conference apps read the API with a token)."""

from django.urls import path

from nonprolif.events.views import conference as views

urlpatterns = [
    path("conferences/", views.conference_list, name="conference_list"),
    path(
        "programs/<str:code>/conferences/new/",
        views.conference_create,
        name="conference_create",
    ),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/edit/", views.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/rooms/", views.room_list, name="conference_rooms"),
    path("conference-rooms/<int:pk>/edit/", views.room_edit, name="conference_room_edit"),
    path("conference-rooms/<int:pk>/delete/", views.room_delete, name="conference_room_delete"),
    path("conferences/<int:pk>/talks/", views.talk_list, name="conference_talks"),
    path("conferences/<int:pk>/talks/new/", views.talk_create, name="conference_talk_create"),
    path("talks/<int:pk>/edit/", views.talk_edit, name="conference_talk_edit"),
    path("talks/<int:pk>/delete/", views.talk_delete, name="conference_talk_delete"),
    path("talks/<int:pk>/place/", views.talk_place, name="conference_talk_place"),
    path("talks/<int:pk>/unplace/", views.talk_unplace, name="conference_talk_unplace"),
    path("conferences/<int:pk>/timetable/", views.timetable, name="conference_timetable"),
    path("conferences/<int:pk>/publish/", views.publish, name="conference_publish"),
    path("conferences/<int:pk>/releases/", views.release_list, name="conference_releases"),
    path("conferences/<int:pk>/agenda/", views.agenda, name="conference_agenda"),
    path("conferences/<int:pk>/agenda.ics", views.agenda_ics, name="conference_agenda_ics"),
    path("conferences/<int:pk>/agenda.json", views.agenda_json, name="conference_agenda_json"),
    path("conferences/<int:pk>/schedule.xml", views.agenda_frab, name="conference_agenda_frab"),
    path("conferences/<int:pk>/programme.pdf", views.agenda_pdf, name="conference_agenda_pdf"),
]
