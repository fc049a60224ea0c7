"""A session's attendance sheet."""

from django.urls import path

from nonprolif.training.attendance import exports, views

urlpatterns = [
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path(
        "sessions/<int:pk>/attendance/all-present/",
        views.session_attendance_all_present,
        name="session_attendance_all_present",
    ),
    path(
        "sessions/<int:pk>/attendance/export.<str:kind>",
        exports.session_attendance_export,
        name="session_attendance_export",
    ),
    path(
        "programs/<str:code>/attendance/export.<str:kind>",
        exports.program_attendance_export,
        name="program_attendance_export",
    ),
]
