"""The tips pages."""

urlpatterns: list = []
