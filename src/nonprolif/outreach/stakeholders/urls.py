"""The stakeholders pages."""

from django.urls import path

from nonprolif.outreach.stakeholders import exports, views

urlpatterns = [
    path("outreach/stakeholders/", views.stakeholder_list, name="outreach_stakeholder_list"),
    path(
        "outreach/stakeholders/new/",
        views.stakeholder_create,
        name="outreach_stakeholder_create",
    ),
    path(
        "outreach/stakeholders/export/<str:kind>/",
        exports.stakeholder_export,
        name="outreach_stakeholder_export",
    ),
    path(
        "outreach/stakeholders/<int:pk>/",
        views.stakeholder_detail,
        name="outreach_stakeholder_detail",
    ),
    path(
        "outreach/stakeholders/<int:pk>/edit/",
        views.stakeholder_edit,
        name="outreach_stakeholder_edit",
    ),
    path(
        "outreach/stakeholders/<int:pk>/contacts/new/",
        views.contact_create,
        name="outreach_contact_create",
    ),
    path("outreach/contacts/<int:pk>/edit/", views.contact_edit, name="outreach_contact_edit"),
    path(
        "outreach/contacts/<int:pk>/remove/",
        views.contact_remove,
        name="outreach_contact_remove",
    ),
]
