"""The improvement pages."""

urlpatterns: list = []
