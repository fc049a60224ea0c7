"""The exchange pages."""

urlpatterns: list = []
