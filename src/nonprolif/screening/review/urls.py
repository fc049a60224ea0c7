"""The screening review pages."""

from django.urls import path

from nonprolif.screening.review import views

urlpatterns = [
    path("screening/alerts/", views.alert_list, name="screening_alert_list"),
    path("screening/alerts/<int:pk>/", views.alert_detail, name="screening_alert_detail"),
    path("screening/alerts/<int:pk>/decide/", views.alert_decide, name="screening_alert_decide"),
    path(
        "screening/alerts/<int:pk>/escalate/",
        views.alert_escalate,
        name="screening_alert_escalate",
    ),
    path("screening/cleared/", views.cleared_list, name="screening_cleared_list"),
    path("screening/cleared/<int:pk>/lift/", views.cleared_lift, name="screening_cleared_lift"),
]
