"""The visits pages."""

urlpatterns: list = []
