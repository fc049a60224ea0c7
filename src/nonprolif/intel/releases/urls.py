"""The releasability pages: a report's list, partner release decisions and their queue, and
the agency's distribution lists."""

from django.urls import path

from nonprolif.intel.releases import views

urlpatterns = [
    path(
        "intel/reports/<int:pk>/releasability/",
        views.releasability,
        name="intel_report_releasability",
    ),
    path(
        "intel/reports/<int:pk>/releasability/apply-list/",
        views.apply_list,
        name="intel_report_apply_distlist",
    ),
    path("intel/releases/awaiting/", views.release_queue, name="intel_release_queue"),
    path("intel/releases/<int:pk>/decide/", views.release_decide, name="intel_release_decide"),
    path("intel/distribution-lists/", views.distlist_list, name="intel_distlist_list"),
    path("intel/distribution-lists/new/", views.distlist_create, name="intel_distlist_create"),
    path(
        "intel/distribution-lists/<int:pk>/edit/",
        views.distlist_edit,
        name="intel_distlist_edit",
    ),
    path(
        "intel/distribution-lists/<int:pk>/delete/",
        views.distlist_delete,
        name="intel_distlist_delete",
    ),
]
