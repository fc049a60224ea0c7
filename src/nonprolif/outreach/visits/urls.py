"""The visits pages."""

from django.urls import path

from nonprolif.outreach.visits import exports, views

urlpatterns = [
    path("outreach/visits/", views.visit_list, name="outreach_visit_list"),
    path("outreach/visits/export/<str:kind>/", exports.visit_export, name="outreach_visit_export"),
    path(
        "outreach/stakeholders/<int:pk>/visits/new/",
        views.visit_create,
        name="outreach_visit_create",
    ),
    path("outreach/visits/<int:pk>/", views.visit_detail, name="outreach_visit_detail"),
    path("outreach/visits/<int:pk>/edit/", views.visit_edit, name="outreach_visit_edit"),
    path(
        "outreach/visits/<int:pk>/follow-ups/",
        views.follow_up_create,
        name="outreach_visit_follow_up",
    ),
]
