"""The calendar's pages: month, timeline, regeneration, exports, feeds, venues, sessions."""

from django.urls import path

from nonprolif.training.calendar.views import calendar, feeds, sessions, venues

urlpatterns = [
    path("programs/<str:code>/calendar/", calendar.calendar_month, name="calendar_month"),
    path("programs/<str:code>/timeline/", calendar.calendar_timeline, name="calendar_timeline"),
    path(
        "programs/<str:code>/calendar/regenerate/",
        calendar.calendar_regenerate,
        name="calendar_regenerate",
    ),
    path("programs/<str:code>/calendar.csv", calendar.calendar_csv, name="calendar_csv"),
    path("programs/<str:code>/calendar.xlsx", calendar.calendar_xlsx, name="calendar_xlsx"),
    path("programs/<str:code>/feeds/", feeds.feed_list, name="feed_list"),
    path(
        "programs/<str:code>/feeds/officials/",
        feeds.feed_official_search,
        name="feed_official_search",
    ),
    path("programs/<str:code>/venues/", venues.venue_list, name="venue_list"),
    path("blackouts/<int:pk>/delete/", venues.blackout_delete, name="blackout_delete"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path(
        "sessions/<int:pk>/participants/add/",
        sessions.participant_add,
        name="session_participant_add",
    ),
    path(
        "sessions/<int:pk>/participants/search/",
        sessions.participant_search,
        name="session_participant_search",
    ),
    path(
        "sessions/<int:pk>/participants/<int:official_pk>/remove/",
        sessions.participant_remove,
        name="session_participant_remove",
    ),
    path("feeds/<int:pk>/revoke/", feeds.feed_revoke, name="feed_revoke"),
    # Public (settings.PUBLIC_URL_NAMES): the secret token is the key.
    path("feeds/<str:token>.ics", feeds.feed_ics, name="training_feed"),
]
