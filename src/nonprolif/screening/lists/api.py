"""The screening lists endpoints, on the same selectors as the pages."""

from ninja import Router

router = Router(tags=["screening"])
