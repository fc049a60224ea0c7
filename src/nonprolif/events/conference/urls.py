"""Conference pages. Only the agenda feeds are public (settings.PUBLIC_URL_NAMES): behind
their revocable secret token, for calendar and conference apps that cannot sign in. The
agenda and speaker pages need a login like every page."""

from django.urls import path

from nonprolif.events.conference.views import agenda, conferences, feeds, timetable

urlpatterns = [
    path("conferences/", conferences.conference_list, name="conference_list"),
    path(
        "programs/<str:code>/conferences/new/",
        conferences.conference_create,
        name="conference_create",
    ),
    path("conferences/<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/edit/", conferences.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/rooms/", conferences.room_list, name="conference_rooms"),
    path("conference-rooms/<int:pk>/edit/", conferences.room_edit, name="conference_room_edit"),
    path(
        "conference-rooms/<int:pk>/delete/", conferences.room_delete, name="conference_room_delete"
    ),
    path("conferences/<int:pk>/talks/", timetable.talk_list, name="conference_talks"),
    path("conferences/<int:pk>/talks/new/", timetable.talk_create, name="conference_talk_create"),
    path("talks/<int:pk>/edit/", timetable.talk_edit, name="conference_talk_edit"),
    path("talks/<int:pk>/delete/", timetable.talk_delete, name="conference_talk_delete"),
    path("talks/<int:pk>/place/", timetable.talk_place, name="conference_talk_place"),
    path("talks/<int:pk>/unplace/", timetable.talk_unplace, name="conference_talk_unplace"),
    path("conferences/<int:pk>/timetable/", timetable.timetable, name="conference_timetable"),
    path("conferences/<int:pk>/publish/", timetable.publish, name="conference_publish"),
    path("conferences/<int:pk>/releases/", agenda.release_list, name="conference_releases"),
    path("conferences/<int:pk>/agenda/", agenda.agenda, name="conference_agenda"),
    path(
        "conferences/<int:pk>/agenda/speakers/<int:speaker_id>/",
        agenda.agenda_speaker,
        name="conference_agenda_speaker",
    ),
    path("conferences/<int:pk>/agenda.ics", agenda.agenda_ics, name="conference_agenda_ics"),
    path("conferences/<int:pk>/agenda.json", agenda.agenda_json, name="conference_agenda_json"),
    path("conferences/<int:pk>/schedule.xml", agenda.agenda_frab, name="conference_agenda_frab"),
    path("conferences/<int:pk>/programme.pdf", agenda.agenda_pdf, name="conference_agenda_pdf"),
    path("conferences/<int:pk>/feeds/", feeds.feed_list, name="conference_feeds"),
    path("agenda-feeds/<int:pk>/revoke/", feeds.feed_revoke, name="conference_feed_revoke"),
    # Public (settings.PUBLIC_URL_NAMES): the secret token is the key.
    path("agenda-feeds/<str:token>.ics", feeds.feed_ics, name="conference_feed_ics"),
    path("agenda-feeds/<str:token>.xml", feeds.feed_frab, name="conference_feed_frab"),
    path("agenda-feeds/<str:token>.json", feeds.feed_json, name="conference_feed_json"),
]
