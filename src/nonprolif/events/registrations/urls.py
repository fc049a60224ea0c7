"""Conference registrations, quotas, badges and check-in."""

from django.urls import path

from nonprolif.events.registrations import door, exports, views

urlpatterns = [
    path(
        "conferences/<int:pk>/registrations/",
        views.registration_list,
        name="registration_list",
    ),
    path(
        "conferences/<int:pk>/registrations/export.<str:kind>",
        exports.registration_export,
        name="registration_export",
    ),
    path(
        "conferences/<int:pk>/registrations/new/",
        views.registration_create,
        name="registration_create",
    ),
    path(
        "conferences/<int:pk>/registrations/officials/",
        views.registration_official_search,
        name="registration_official_search",
    ),
    path(
        "conferences/<int:pk>/registrations/decide/",
        views.registration_bulk_decide,
        name="registration_bulk_decide",
    ),
    path(
        "conferences/<int:pk>/registrations/quotas/",
        views.registration_quota,
        name="registration_quota",
    ),
    path(
        "conferences/<int:pk>/badges.pdf",
        views.conference_badges,
        name="conference_badges",
    ),
    path("conferences/<int:pk>/check-in/", views.checkin_door, name="checkin_door"),
    path("conferences/<int:pk>/check-in/scan/", door.checkin_scan, name="checkin_scan"),
    path(
        "conferences/<int:pk>/check-in/list/",
        views.checkin_print,
        name="checkin_print",
    ),
    path("registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path(
        "registrations/<int:pk>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<int:pk>/check-in/",
        views.registration_check_in,
        name="registration_check_in",
    ),
    path(
        "registrations/<int:pk>/check-in/undo/",
        door.checkin_undo,
        name="registration_check_in_undo",
    ),
    path(
        "registrations/<int:pk>/badge.pdf",
        views.registration_badge,
        name="registration_badge",
    ),
]
