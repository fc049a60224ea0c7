"""The search pages."""

from django.urls import path

from nonprolif.intel.search import views

urlpatterns = [
    path("intel/search/", views.search, name="intel_search"),
    path("intel/search/saved/", views.saved_search_list, name="intel_saved_search_list"),
    path("intel/search/saved/new/", views.saved_search_create, name="intel_saved_search_create"),
    path("intel/search/saved/<int:pk>/", views.saved_search_open, name="intel_saved_search_open"),
    path(
        "intel/search/saved/<int:pk>/delete/",
        views.saved_search_delete,
        name="intel_saved_search_delete",
    ),
]
