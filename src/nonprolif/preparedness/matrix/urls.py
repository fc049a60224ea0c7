"""The matrix pages."""

urlpatterns: list = []
