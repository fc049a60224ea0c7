"""Intelligence report pages."""

from django.urls import path

from nonprolif.intel.reports import views

urlpatterns = [
    path("intel/", views.report_list, name="intel_report_list"),
    path("intel/reports/new/", views.report_create, name="intel_report_create"),
    path("intel/reports/<int:pk>/", views.report_detail, name="intel_report_detail"),
    path("intel/reports/<int:pk>/edit/", views.report_edit, name="intel_report_edit"),
    path("intel/reports/<int:pk>/publish/", views.report_publish, name="intel_report_publish"),
    path("intel/reports/<int:pk>/withdraw/", views.report_withdraw, name="intel_report_withdraw"),
    path("intel/reports/<int:pk>/versions/", views.report_versions, name="intel_report_versions"),
    path("intel/reports/<int:pk>/compare/", views.report_compare, name="intel_report_compare"),
    path(
        "intel/reports/<int:pk>/attachments/",
        views.attachment_upload,
        name="intel_attachment_upload",
    ),
    path(
        "intel/attachments/<int:pk>/download/",
        views.attachment_download,
        name="intel_attachment_download",
    ),
    path(
        "intel/attachments/<int:pk>/remove/",
        views.attachment_remove,
        name="intel_attachment_remove",
    ),
]
