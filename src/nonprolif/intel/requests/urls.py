"""The requests pages."""

urlpatterns: list = []
