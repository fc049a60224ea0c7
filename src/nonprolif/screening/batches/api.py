"""The screening batches endpoints, on the same selectors as the pages."""

from ninja import Router

router = Router(tags=["screening"])
