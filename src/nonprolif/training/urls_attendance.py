"""Attendance, certificates, transcripts and the progress dashboard."""

from django.urls import path

from nonprolif.training.views import attendance, certificates, progress

urlpatterns = [
    path(
        "sessions/<int:pk>/attendance/",
        attendance.session_attendance,
        name="session_attendance",
    ),
    path(
        "sessions/<int:pk>/attendance/all-present/",
        attendance.session_attendance_all_present,
        name="session_attendance_all_present",
    ),
    path(
        "sessions/<int:pk>/certificates/issue/",
        certificates.session_certificates_issue,
        name="session_certificates_issue",
    ),
    path("officials/<int:pk>/transcript/", attendance.transcript, name="official_transcript"),
    path(
        "programs/<str:code>/certificates/", certificates.certificate_list, name="certificate_list"
    ),
    path("programs/<str:code>/progress/", progress.progress_dashboard, name="training_progress"),
    path(
        "certificates/<int:pk>/certificate.pdf",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/<int:pk>/revoke/", certificates.certificate_revoke, name="certificate_revoke"
    ),
    # Public (settings.PUBLIC_URL_NAMES): anyone holding a code may check it.
    path("verify/", certificates.verify, name="certificate_verify"),
    path("verify/<str:code>/", certificates.verify_code, name="certificate_verify_code"),
]
