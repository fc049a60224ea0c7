"""The entities pages."""

urlpatterns: list = []
