"""Read auditing, by construction: one audit entry per GET or HEAD of a signed-in user, and
one per refused write (403 or 404), written by the middleware after the view ran.

Views and API endpoints say what they showed with :func:`note_read` (the object of a detail
page, the ids of a list's page, the search terms); lists paginated with
``core.web.pagination.paginate`` and API results (objects, lists, ninja pages) are noted on
their own. Without a note the entry still names the URL and its path arguments. If the entry
cannot be written, the answer is withheld: a 503 with no content (fail closed).
"""

import functools
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from nonprolif.core.domain.audit import record, request_context
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.web.client import client_address

logger = logging.getLogger(__name__)

READ_METHODS = frozenset({"GET", "HEAD"})
DENIED_STATUSES = frozenset({403, 404})
MAX_QUERY_VALUE = 200


@dataclass
class ReadNote:
    """What a view showed: the action, one object or a list of them, extra facts."""

    action: str = ""
    obj: models.Model | None = None
    objects: Iterable[Any] | None = None
    object_type: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    explicit: bool = False  # said by the view itself, not inferred


def note_read(
    request: HttpRequest,
    *,
    action: str = "",
    obj: models.Model | None = None,
    objects: Iterable[Any] | None = None,
    object_type: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    """Say what this request shows, for its audit entry: ``action`` (e.g. "official.view"),
    the object of a detail page (``obj``) or the objects of a list (``objects``: a page, a
    list, a queryset; their ids are taken after the view rendered them), and facts such as
    the search terms (``changes``). A later note adds to an earlier one."""
    note = _note(request)
    note.explicit = True
    if action:
        note.action = action
    if obj is not None:
        note.obj = obj
    if objects is not None:
        note.objects = objects
    if object_type:
        note.object_type = object_type
    if changes:
        note.changes.update(changes)


def note_objects(request: HttpRequest, objects: Iterable[Any]) -> None:
    """Note the objects a list shows unless the view noted them itself (for helpers such as
    ``paginate`` and the API's results)."""
    note = _note(request)
    if note.objects is None and note.obj is None:
        note.objects = objects


def _note(request: HttpRequest) -> ReadNote:
    note = getattr(request, "_audit_note", None)
    if note is None:
        note = ReadNote()
        request._audit_note = note  # type: ignore[attr-defined]
    return note


def note_api_result(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate an API operation: note what a read returned (an object, a list, a ninja
    page of items) unless the endpoint noted it itself."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        result = view(request, *args, **kwargs)
        if request.method in READ_METHODS:
            shown = result[1] if isinstance(result, tuple) and len(result) == 2 else result
            if isinstance(shown, models.Model):
                note = _note(request)
                if note.obj is None and note.objects is None:
                    note.obj = shown
            elif isinstance(shown, dict) and "items" in shown:
                note_objects(request, shown["items"])
            elif isinstance(shown, QuerySet | list):
                note_objects(request, shown)
        return result

    return wrapper


def _identify(item: Any) -> tuple[str, Any] | None:
    if isinstance(item, models.Model):
        return item._meta.label_lower, item.pk
    if isinstance(item, dict) and "id" in item:
        return "", item["id"]
    pk = getattr(item, "pk", None)
    return ("", pk) if pk is not None else None


def _shown(objects: Iterable[Any]) -> tuple[str, list[Any]]:
    """(object type, ids) of the objects a list showed (a Page iterates its cached rows)."""
    object_type, ids = "", []
    if isinstance(objects, QuerySet):
        object_type = objects.model._meta.label_lower
    for item in objects:
        identified = _identify(item)
        if identified is not None:
            object_type = object_type or identified[0]
            ids.append(identified[1])
    return object_type, ids


def _query(request: HttpRequest) -> dict[str, Any]:
    query: dict[str, Any] = {}
    for key in list(request.GET)[:20]:
        values = [value[:MAX_QUERY_VALUE] for value in request.GET.getlist(key)[:10]]
        query[key[:64]] = values[0] if len(values) == 1 else values
    return query


def _client_address(request: HttpRequest) -> str:
    return client_address(request) or ""


def audit_answer(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Write the request's entry (if it needs one) and return the answer, or a 503 without
    content when the entry cannot be written."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return response
    reading = request.method in READ_METHODS
    denied = response.status_code in DENIED_STATUSES
    if not reading and not denied:
        return response  # a write: its service wrote the entry
    match = request.resolver_match
    url_name = match.view_name if match is not None else ""
    if url_name in settings.AUDIT_UNSCOPED_URL_NAMES:
        return response
    if request_entries(request):
        return response  # a service wrote this request's entry already
    try:
        _record_answer(request, response, user, url_name, reading=reading, denied=denied)
    except Exception:
        logger.exception("the audit entry of %s %s was not written", request.method, request.path)
        response.close()
        withheld = HttpResponse(status=503)
        withheld["Cache-Control"] = "no-store"
        return withheld
    return response


def _record_answer(
    request: HttpRequest,
    response: HttpResponseBase,
    user: Any,
    url_name: str,
    *,
    reading: bool,
    denied: bool,
) -> None:
    note = getattr(request, "_audit_note", None) or ReadNote()
    match = request.resolver_match
    kwargs = {key: str(value)[:64] for key, value in (match.kwargs if match else {}).items()}
    changes: dict[str, Any] = {"url": url_name or request.path[:200]}
    if kwargs:
        changes["kwargs"] = kwargs
    query = _query(request)
    if query:
        changes["query"] = query
    if response.status_code != 200:
        changes["status"] = response.status_code
    if not reading:
        changes["method"] = request.method
    changes.update(note.changes)
    object_type, object_ids = note.object_type, None
    obj = None if denied else note.obj  # what was refused was not shown: the URL names it
    if obj is None and note.objects is not None and not denied:
        shown_type, object_ids = _shown(note.objects)
        object_type = object_type or shown_type
    elif obj is None and len(kwargs) == 1:
        object_ids = [int(v) if v.isascii() and v.isdigit() else v for v in kwargs.values()]
    record(
        actor=user,
        action=note.action or ("read" if reading else "write"),
        obj=obj,
        changes=changes,
        outcome=Outcome.DENIED if denied else Outcome.ALLOWED,
        object_type=object_type,
        object_ids=object_ids,
    )


def request_entries(request: HttpRequest) -> bool:
    """Whether an audit entry written during this request is stored (one written in a
    transaction that was rolled back does not count)."""
    context = getattr(request, "_audit_context", None)
    if context is None or not context.entries:
        return False
    return AuditEntry.objects.filter(request_id=context.request_id).exists()


class RequestContextMiddleware:
    """First of all: give the request an id (echoed in the X-Request-ID header) and note the
    client address, for every audit entry written while it runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = str(uuid.uuid4())
        with request_context(request_id=request_id, client_address=_client_address(request)) as c:
            request._audit_context = c
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class ReadAuditMiddleware:
    """Last of all (closest to the view): one entry per read of a signed-in user and per
    refused write, after the view answered (core/audit_reads.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return audit_answer(request, self.get_response(request))
