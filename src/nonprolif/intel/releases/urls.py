"""The releases pages."""

urlpatterns: list = []
