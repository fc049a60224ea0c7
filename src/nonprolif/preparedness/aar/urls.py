"""The after-action report pages."""

from django.urls import path

from nonprolif.preparedness.aar import views

urlpatterns = [
    path("preparedness/exercises/<int:pk>/aar/", views.aar_page, name="preparedness_aar"),
    path("preparedness/exercises/<int:pk>/aar.pdf", views.aar_pdf, name="preparedness_aar_pdf"),
]
