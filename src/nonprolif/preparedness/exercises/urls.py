"""The exercises pages: the list, creating one, its design tab and its MSEL tab."""

from django.urls import path

from nonprolif.preparedness.exercises.views import design, msel

P = "preparedness/exercises/<int:pk>/"

urlpatterns = [
    path("preparedness/exercises/", design.exercise_list, name="preparedness_exercise_list"),
    path(
        "preparedness/exercises/new/",
        design.exercise_create,
        name="preparedness_exercise_create",
    ),
    path(P, design.exercise_detail, name="preparedness_exercise_detail"),
    path(f"{P}edit/", design.exercise_edit, name="preparedness_exercise_edit"),
    path(f"{P}objectives/", design.objective_add, name="preparedness_objective_add"),
    path(
        f"{P}objectives/<int:objective_pk>/edit/",
        design.objective_edit,
        name="preparedness_objective_edit",
    ),
    path(
        f"{P}objectives/<int:objective_pk>/remove/",
        design.objective_remove,
        name="preparedness_objective_remove",
    ),
    path(f"{P}participants/", design.participant_add, name="preparedness_participant_add"),
    path(
        f"{P}participants/search/",
        design.participant_search,
        name="preparedness_participant_search",
    ),
    path(
        f"{P}participants/<int:participant_pk>/remove/",
        design.participant_remove,
        name="preparedness_participant_remove",
    ),
    path(f"{P}msel/", msel.msel, name="preparedness_msel"),
    path(f"{P}msel/injects/", msel.inject_add, name="preparedness_inject_add"),
    path(
        f"{P}msel/injects/<int:inject_pk>/edit/",
        msel.inject_edit,
        name="preparedness_inject_edit",
    ),
    path(
        f"{P}msel/injects/<int:inject_pk>/remove/",
        msel.inject_remove,
        name="preparedness_inject_remove",
    ),
    path(f"{P}msel.<str:kind>", msel.msel_export, name="preparedness_msel_export"),
]
