"""The materials pages."""

from django.urls import path

from nonprolif.outreach.materials import views

urlpatterns = [
    path("outreach/materials/", views.material_list, name="outreach_material_list"),
    path("outreach/materials/new/", views.material_create, name="outreach_material_create"),
    path("outreach/materials/<int:pk>/", views.material_detail, name="outreach_material_detail"),
    path(
        "outreach/materials/<int:pk>/versions/new/",
        views.material_version_create,
        name="outreach_material_version_create",
    ),
    path(
        "outreach/materials/<int:pk>/file/",
        views.material_download,
        name="outreach_material_download",
    ),
    path(
        "outreach/materials/<int:pk>/versions/<int:number>/file/",
        views.material_version_download,
        name="outreach_material_version_download",
    ),
]
