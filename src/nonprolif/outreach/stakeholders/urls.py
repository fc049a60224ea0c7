"""The stakeholders pages."""

urlpatterns: list = []
