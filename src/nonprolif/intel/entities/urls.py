"""The entities pages."""

from django.urls import path

from nonprolif.intel.entities import views

urlpatterns = [
    path("intel/entities/", views.entity_list, name="intel_entity_list"),
    path("intel/entities/new/", views.entity_create, name="intel_entity_create"),
    path("intel/entities/search/", views.entity_search, name="intel_entity_search"),
    path("intel/entities/<int:pk>/", views.entity_detail, name="intel_entity_detail"),
    path("intel/entities/<int:pk>/edit/", views.entity_edit, name="intel_entity_edit"),
    path(
        "intel/reports/<int:pk>/entities/add/",
        views.report_entity_add,
        name="intel_report_entity_add",
    ),
    path(
        "intel/entity-links/<int:pk>/remove/",
        views.link_remove,
        name="intel_entity_link_remove",
    ),
]
