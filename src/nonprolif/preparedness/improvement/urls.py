"""The improvement plan pages."""

from django.urls import path

from nonprolif.preparedness.improvement import views

urlpatterns = [
    path(
        "preparedness/exercises/<int:pk>/improvement/",
        views.improvement_plan,
        name="preparedness_improvement",
    ),
    path(
        "preparedness/exercises/<int:pk>/improvement/add/",
        views.corrective_action_add,
        name="preparedness_corrective_action_add",
    ),
    path(
        "preparedness/corrective-actions/<int:pk>/training-need/",
        views.corrective_action_training_need,
        name="preparedness_corrective_action_training_need",
    ),
    path(
        "preparedness/corrective-actions/<int:pk>/propose/",
        views.corrective_action_propose,
        name="preparedness_corrective_action_propose",
    ),
]
