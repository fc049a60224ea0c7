"""The plan pages."""

urlpatterns: list = []
