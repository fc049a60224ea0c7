"""The screening lists pages."""

from django.urls import path

from nonprolif.screening.lists import views

urlpatterns = [
    path("screening/lists/", views.list_list, name="screening_list_list"),
    path("screening/lists/import/", views.list_import, name="screening_list_import"),
    path("screening/lists/<slug:code>/", views.list_detail, name="screening_list_detail"),
    path("screening/snapshots/<int:pk>/", views.snapshot_detail, name="screening_snapshot_detail"),
    path("screening/entries/<int:pk>/", views.entry_detail, name="screening_entry_detail"),
    path("screening/controls/", views.control_list, name="screening_control_list"),
    path("screening/controls/load/", views.control_load, name="screening_control_load"),
]
