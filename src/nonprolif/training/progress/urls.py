"""The progress dashboard."""

from django.urls import path

from nonprolif.training.progress import views

urlpatterns = [
    path("programs/<str:code>/progress/", views.progress_dashboard, name="training_progress"),
]
