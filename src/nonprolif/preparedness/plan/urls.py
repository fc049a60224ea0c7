"""The plan pages."""

from django.urls import path

from nonprolif.preparedness.plan import views

urlpatterns = [path("preparedness/plan/", views.plan, name="preparedness_plan")]
