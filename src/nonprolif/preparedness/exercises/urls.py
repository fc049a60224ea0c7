"""The exercises pages."""

urlpatterns: list = []
