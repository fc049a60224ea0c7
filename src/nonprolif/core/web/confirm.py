"""The confirmation step of a destructive action: GET shows the question, POST acts.

A view of an action that cannot be undone fetches its object through its selector and
checks the rule, then answers a GET with ``confirm_page`` (which changes nothing) and does
the action on POST. The page's form posts back to the same URL.
"""

from collections.abc import Iterable, Sequence

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nonprolif.core.audit_reads import note_read


def confirm_page(
    request: HttpRequest,
    *,
    question: str,
    details: Iterable[str] = (),
    confirm_label: str,
    cancel_url: str,
    cancel_label: str = "",
    obj: models.Model | None = None,
    action: str = "",
    trail: Sequence[tuple[str, str]] = (),
    header: str = "",
    context: dict | None = None,
) -> HttpResponse:
    """The page asking ``question`` about ``obj`` (noted as the read ``action``), with
    ``details`` (one paragraph each: what follows), a button ``confirm_label`` that posts
    to this URL, and a link back to ``cancel_url`` that changes nothing. ``trail`` is the
    breadcrumbs' (url, label) pairs above the page; ``header`` an include in their place
    (a feature's tab header), rendered with ``context``."""
    if obj is not None or action:
        note_read(request, action=action, obj=obj)
    return render(
        request,
        "core/confirm.html",
        {
            **(context or {}),
            "question": question,
            "details": list(details),
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "cancel_label": cancel_label,
            "trail": [{"url": url, "label": label} for url, label in trail if url],
            "header": header,
        },
    )
