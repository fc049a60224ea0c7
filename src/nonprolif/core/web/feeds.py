"""Serving a feed behind a secret URL (the training calendar's, the conference's agenda) to
calendar and conference apps that cannot sign in: the same headers for every feed."""

from django.http import HttpResponse


def feed_response(body: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """The feed's document, shown inline under ``filename``; apps may keep it five minutes."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def webcal_url(url: str) -> str:
    """The ``webcal://`` address of the feed ``url`` (calendar apps subscribe on a click)."""
    return "webcal://" + url.split("://", 1)[1]
