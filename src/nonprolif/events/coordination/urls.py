from django.urls import path

from nonprolif.events.coordination import exports, views

urlpatterns = [
    path(
        "meetings/<int:pk>/coordination/",
        views.meeting_coordination,
        name="meeting_coordination",
    ),
    path("meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path(
        "meetings/<int:pk>/action-items/new/",
        views.action_item_create,
        name="action_item_create",
    ),
    path(
        "meetings/<int:pk>/action-items/owners/",
        views.action_item_owner_search,
        name="action_item_owner_search",
    ),
    path("action-items/<int:pk>/", views.action_item_detail, name="action_item_detail"),
    path("action-items/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path("action-items/<int:pk>/status/", views.action_item_status, name="action_item_status"),
    path(
        "programs/<str:code>/action-items/",
        views.program_action_item_list,
        name="program_action_items",
    ),
    path(
        "programs/<str:code>/action-items/export.<str:kind>",
        exports.action_item_export,
        name="action_item_export",
    ),
    path(
        "programs/<str:code>/timeline/engagement/",
        views.engagement_timeline_page,
        name="engagement_timeline",
    ),
]
