"""The conduct pages."""

urlpatterns: list = []
