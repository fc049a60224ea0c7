"""Intelligence report pages."""

from django.urls import path

from nonprolif.intel.reports import views

urlpatterns = [
    path("intel/", views.report_list, name="intel_report_list"),
    path("intel/reports/<int:pk>/", views.report_detail, name="intel_report_detail"),
]
