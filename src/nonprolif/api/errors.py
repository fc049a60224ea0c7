"""API error bodies: a Django ``ValidationError`` becomes 422 naming each field and why; a
``PermissionDenied`` becomes 403.

Body of a 422: ``{"detail": [{"field": "cohort_size", "message": "..."}]}``. Errors that
concern no single field are reported with ``"field": "__all__"``.

Two ways to use it:

- register the handlers on the API object (``api/urls.py``)::

      api.add_exception_handler(DjangoValidationError, validation_error_handler)
      api.add_exception_handler(PermissionDenied, permission_denied_handler)

- or decorate a write endpoint with :func:`service_errors`, which catches both and answers
  the same bodies (works whether or not the handlers are registered).
"""

import functools

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class ErrorOut(Schema):
    detail: str


# The error answers of a write endpoint: ``response={200: ..., **WRITE_ERRORS}``.
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def validation_error_body(exc: ValidationError) -> dict:
    """``{"detail": [{"field": ..., "message": ...}, ...]}`` for a Django ValidationError."""
    if hasattr(exc, "error_dict"):
        detail = [
            {"field": field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        detail = [{"field": NON_FIELD_ERRORS, "message": str(m)} for m in exc.messages]
    return {"detail": detail}


def validation_error_handler(request, exc: ValidationError) -> JsonResponse:
    return JsonResponse(validation_error_body(exc), status=422)


def permission_denied_handler(request, exc: PermissionDenied) -> JsonResponse:
    return JsonResponse({"detail": str(exc) or _("You are not allowed to do this.")}, status=403)


def multipart_error_handler(request, exc) -> JsonResponse:
    """A multipart body Django cannot parse (no or a bad boundary, a part without headers): a
    422 on ``body`` in the API's shape, not Django's HTML 400 page."""
    message = _("The multipart body could not be read: %(reason)s") % {"reason": exc}
    return JsonResponse({"detail": [{"field": "body", "message": message}]}, status=422)


def schema_error_handler(request, exc) -> JsonResponse:
    """ninja's request-schema errors in the same shape: the field is the last part of ``loc``
    that names one (``["body", "payload", "cohort_size"]`` → ``cohort_size``)."""
    detail = []
    for error in exc.errors:
        names = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        field = names[-1] if len(names) > 1 else NON_FIELD_ERRORS
        detail.append({"field": field, "message": error.get("msg", "")})
    return JsonResponse({"detail": detail}, status=422)


def service_errors(view):
    """Decorate an API operation that calls a service: answers 422 and 403 bodies."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            return validation_error_handler(request, exc)
        except PermissionDenied as exc:
            return permission_denied_handler(request, exc)

    return wrapper
