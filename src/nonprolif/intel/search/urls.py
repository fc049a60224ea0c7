"""The search pages."""

urlpatterns: list = []
