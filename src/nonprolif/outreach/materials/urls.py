"""The materials pages."""

urlpatterns: list = []
