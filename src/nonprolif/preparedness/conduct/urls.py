"""The conduct and evaluation pages."""

from django.urls import path

from nonprolif.preparedness.conduct import views

BASE = "preparedness/exercises/<int:pk>/"

urlpatterns = [
    path(f"{BASE}conduct/", views.conduct, name="preparedness_conduct"),
    path(f"{BASE}conduct/panel/", views.conduct_panel, name="preparedness_conduct_panel"),
    path(f"{BASE}conduct/start/", views.conduct_start, name="preparedness_conduct_start"),
    path(f"{BASE}conduct/end/", views.conduct_end, name="preparedness_conduct_end"),
    path(
        f"{BASE}conduct/deliver-next/",
        views.conduct_deliver_next,
        name="preparedness_conduct_deliver_next",
    ),
    path(
        f"{BASE}conduct/injects/<int:inject_pk>/deliver/",
        views.conduct_deliver,
        name="preparedness_conduct_deliver",
    ),
    path(f"{BASE}conduct/actions/", views.conduct_action, name="preparedness_conduct_action"),
    path(
        f"{BASE}conduct/observations/",
        views.conduct_observe,
        name="preparedness_conduct_observe",
    ),
    path(f"{BASE}evaluation/", views.evaluation, name="preparedness_evaluation"),
    path(
        f"{BASE}evaluation/objectives/<int:objective_pk>/rating/",
        views.evaluation_rate,
        name="preparedness_evaluation_rate",
    ),
    path(
        f"{BASE}evaluation/hotwash/",
        views.evaluation_hotwash,
        name="preparedness_evaluation_hotwash",
    ),
]
