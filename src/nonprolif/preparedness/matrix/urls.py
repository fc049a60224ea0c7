"""The matrix pages."""

from django.urls import path

from nonprolif.preparedness.matrix import views

urlpatterns = [
    path("preparedness/matrix/", views.matrix_index, name="preparedness_matrix"),
    path(
        "preparedness/matrix/evidence/<int:pk>/download/",
        views.matrix_evidence_download,
        name="preparedness_matrix_evidence_download",
    ),
    path(
        "preparedness/matrix/evidence/<int:pk>/remove/",
        views.matrix_evidence_remove,
        name="preparedness_matrix_evidence_remove",
    ),
    path(
        "preparedness/matrix/<str:code>/",
        views.matrix_program,
        name="preparedness_matrix_program",
    ),
    path(
        "preparedness/matrix/<str:code>/export.xlsx",
        views.matrix_export_xlsx,
        name="preparedness_matrix_export_xlsx",
    ),
    path(
        "preparedness/matrix/<str:code>/export.pdf",
        views.matrix_export_pdf,
        name="preparedness_matrix_export_pdf",
    ),
    path(
        "preparedness/matrix/<str:code>/<str:row_code>/",
        views.matrix_entry,
        name="preparedness_matrix_entry",
    ),
    path(
        "preparedness/matrix/<str:code>/<str:row_code>/evidence/",
        views.matrix_evidence_add,
        name="preparedness_matrix_evidence_add",
    ),
    path(
        "preparedness/matrix/<str:code>/<str:row_code>/plan-items/",
        views.matrix_plan_item_add,
        name="preparedness_matrix_plan_item_add",
    ),
]
