"""The requests pages."""

from django.urls import path

from nonprolif.intel.requests import views

urlpatterns = [
    path("intel/requests/", views.request_list, name="intel_request_list"),
    path("intel/requests/new/", views.request_create, name="intel_request_create"),
    path("intel/requests/<int:pk>/", views.request_detail, name="intel_request_detail"),
    path("intel/requests/<int:pk>/answer/", views.request_answer, name="intel_request_answer"),
    path("intel/requests/<int:pk>/close/", views.request_close, name="intel_request_close"),
]
