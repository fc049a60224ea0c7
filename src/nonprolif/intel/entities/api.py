"""The entities endpoints."""

from ninja import Router

router = Router(tags=["intel"])
