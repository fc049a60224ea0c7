"""The address that absolute links start with: the request's, or SITE_URL outside a request."""

from django.conf import settings


def site_base(base_url: str | None = None) -> str:
    """``base_url`` (the request's address, ``request.build_absolute_uri("/")``, when there
    is a request: the host the user reached, checked against ALLOWED_HOSTS) or else SITE_URL
    (tasks and commands), without the trailing slash."""
    return (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")
