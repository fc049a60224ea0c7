"""The exchange pages."""

from django.urls import path

from nonprolif.intel.exchange import views

urlpatterns = [
    path("intel/reports/<int:pk>/stix/", views.report_stix, name="intel_report_stix"),
    path("intel/stix/import/", views.stix_import, name="intel_stix_import"),
]
