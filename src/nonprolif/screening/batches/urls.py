"""The screening batches pages."""

from django.urls import path

from nonprolif.screening.batches import exports, views

urlpatterns = [
    path("screening/batches/", views.batch_list, name="screening_batch_list"),
    path("screening/batches/new/", views.batch_create, name="screening_batch_create"),
    path("screening/batches/<int:pk>/", views.batch_detail, name="screening_batch_detail"),
    path(
        "screening/batches/<int:pk>/progress/",
        views.batch_progress,
        name="screening_batch_progress",
    ),
    path(
        "screening/batches/<int:pk>/alerts.<str:kind>",
        exports.batch_export,
        name="screening_batch_export",
    ),
]
