"""What the API takes beyond its schemas: request bodies that are JSON objects, and numbers and
text that the database can store.

- :class:`ObjectBodyParser` refuses a JSON body that is not an object (``[]``, ``null``, a
  number) with ninja's 400 ("Cannot parse request body"); ninja would otherwise read any value
  as an object without attributes, so that a schema whose fields are all optional took ``[]``
  for ``{}``.
- :data:`Instant`, a date and time taken as an instant (a bound of a time range): turned into
  UTC, whatever offset RFC 3339 allows (PostgreSQL refuses offsets over 15:59), or taken in the
  server's time zone without one; within a day of the representable range, its first or last
  instant.
- :func:`refuse_unstorable_input`, applied to every operation (``api.add_decorator``), answers
  422 naming the field when a validated input holds an integer outside 64 bits (no database
  column holds it: SQLite fails with OverflowError or "datatype mismatch") or text with a NUL
  character or a lone surrogate (PostgreSQL refuses the first, UTF-8 cannot encode the
  second), before the view runs. The messages are Django's own validators', translated by
  Django.
"""

import datetime
import functools
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
)
from django.http import HttpRequest
from django.utils import timezone
from ninja import Schema
from ninja.parser import Parser
from ninja.types import DictStrAny
from pydantic import AfterValidator, BaseModel, Field

INT64 = 2**63

Validator = Callable[[Any], None]
_NUMBER_VALIDATORS: list[Validator] = [MinValueValidator(-INT64), MaxValueValidator(INT64 - 1)]
_TEXT_VALIDATORS: list[Validator] = [
    ProhibitNullCharactersValidator(),
    RegexValidator(r"[\ud800-\udfff]", inverse_match=True),
]


def _as_utc(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(value):
        value = value.replace(tzinfo=timezone.get_current_timezone())
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:  # within a day of the first or the last representable instant
        edge = datetime.datetime.min if value.year == datetime.MINYEAR else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


Instant = Annotated[datetime.datetime, AfterValidator(_as_utc)]


class ObjectBodyParser(Parser):
    """ninja's JSON parser, for bodies that must be JSON objects."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the request body is not a JSON object")
        return data


def _values(field: str, value: Any) -> Iterator[tuple[str, Any]]:
    """``(field, value)`` for every number and text in ``value``, named by the innermost field
    that holds it (the name the 422 bodies of ``api.errors`` use)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _values(name, getattr(value, name, None))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(field, key)
            yield from _values(field, item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _values(field, item)
    elif isinstance(value, int | str) and not isinstance(value, bool):
        yield field, value


def _check_storable(name: str, value: Any) -> None:
    """Raise a ValidationError naming the first field of the input ``name`` whose value cannot
    be stored."""
    for field, item in _values(name, value):
        validators = _TEXT_VALIDATORS if isinstance(item, str) else _NUMBER_VALIDATORS
        for validator in validators:
            try:
                validator(item)
            except ValidationError as exc:
                raise ValidationError({field: exc.error_list}) from None


def refuse_unstorable_input(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate an operation (after ninja validated its inputs): a 422 for input that no
    database column can hold, instead of the 500 the database would cause."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        for name, value in kwargs.items():
            _check_storable(name, value)
        return view(request, *args, **kwargs)

    return wrapper


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def omittable(**kwargs: Any) -> Any:
    """A field of a partial update (PATCH) that may be left out but is never null: the column
    behind it takes no NULL. Declared ``name: str = omittable()``: pydantic refuses an explicit
    null (a 422 naming the field, instead of the database's IntegrityError), the OpenAPI
    document shows the type without null, and the value stays unset when it is left out
    (``payload.dict(exclude_unset=True)``)."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


class BulkDecisionIn(Schema):
    """Rows to approve or decline all at once, with one reason (a feature's subclass names
    them and its limit)."""

    ids: list[int]
    decision: str
    reason: str = ""
