"""Certificates (issue, list, download, revoke), their public verification, transcripts."""

from django.urls import path

from nonprolif.training.certificates import exports, views

urlpatterns = [
    path(
        "sessions/<int:pk>/certificates/issue/",
        views.session_certificates_issue,
        name="session_certificates_issue",
    ),
    path(
        "sessions/<int:pk>/certificates.pdf",
        views.session_certificates_download,
        name="session_certificates_download",
    ),
    path("officials/<int:pk>/transcript/", views.transcript, name="official_transcript"),
    path("programs/<str:code>/certificates/", views.certificate_list, name="certificate_list"),
    path(
        "programs/<str:code>/certificates/export.<str:kind>",
        exports.certificate_export,
        name="certificate_export",
    ),
    path(
        "certificates/<int:pk>/certificate.pdf",
        views.certificate_download,
        name="certificate_download",
    ),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    # Public (settings.PUBLIC_URL_NAMES): anyone holding a code may check it.
    path("verify/", views.verify, name="certificate_verify"),
    path("verify/<str:code>/", views.verify_code, name="certificate_verify_code"),
]
