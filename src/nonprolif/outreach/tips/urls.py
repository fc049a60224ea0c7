"""The tips pages."""

from django.urls import path

from nonprolif.outreach.tips import views

urlpatterns = [
    path("outreach/tips/", views.tip_list, name="outreach_tip_list"),
    path("outreach/tips/<int:pk>/", views.tip_detail, name="outreach_tip_detail"),
    path("outreach/tips/<int:pk>/report/", views.tip_report, name="outreach_tip_report"),
    path(
        "outreach/tips/<int:pk>/acknowledge/",
        views.tip_acknowledge,
        name="outreach_tip_acknowledge",
    ),
    path(
        "outreach/stakeholders/<int:pk>/tips/new/",
        views.tip_create,
        name="outreach_tip_create",
    ),
]
