from django.urls import include, path

from nonprolif.events.views import coordination

urlpatterns = [
    path(
        "meetings/<int:pk>/coordination/",
        coordination.meeting_coordination,
        name="meeting_coordination",
    ),
    path("meetings/<int:pk>/decisions/new/", coordination.decision_create, name="decision_create"),
    path("decisions/<int:pk>/edit/", coordination.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", coordination.decision_delete, name="decision_delete"),
    path(
        "meetings/<int:pk>/action-items/new/",
        coordination.action_item_create,
        name="action_item_create",
    ),
    path("action-items/<int:pk>/", coordination.action_item_detail, name="action_item_detail"),
    path("action-items/<int:pk>/edit/", coordination.action_item_edit, name="action_item_edit"),
    path(
        "action-items/<int:pk>/status/", coordination.action_item_status, name="action_item_status"
    ),
    path(
        "programs/<str:code>/action-items/",
        coordination.program_action_item_list,
        name="program_action_items",
    ),
    path(
        "programs/<str:code>/timeline/engagement/",
        coordination.engagement_timeline_page,
        name="engagement_timeline",
    ),
    path("", include("nonprolif.reports.urls")),
]
