"""A session's attendance sheet."""

from django.urls import path

from nonprolif.training.attendance import views

urlpatterns = [
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path(
        "sessions/<int:pk>/attendance/all-present/",
        views.session_attendance_all_present,
        name="session_attendance_all_present",
    ),
]
