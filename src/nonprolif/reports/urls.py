from django.urls import path

from nonprolif.reports import views

urlpatterns = [
    path("programs/<str:code>/report/", views.program_report, name="program_report"),
]
