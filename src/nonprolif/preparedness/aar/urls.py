"""The aar pages."""

urlpatterns: list = []
