"""The shared pieces of deciding many rows at once (all or none): the rows a batch names,
in the order asked, and what a batch did. A feature keeps its own rules for each row."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


class RowsNotFound(Http404):
    """Some ids name no row the actor can see (pages and the API answer 404, as for one
    missing row; hidden rows are not told apart). A feature's subclass gives ``message``
    (with ``%(ids)s``)."""

    message: Any = "%(ids)s"

    def __init__(self, missing: Sequence[int]):
        super().__init__(self.message % {"ids": ", ".join(str(pk) for pk in missing)})
        self.missing = list(missing)


def pick_rows(
    rows: models.QuerySet[M],
    ids: Sequence[int],
    *,
    max_count: int,
    empty: str,
    too_many: str,
    not_found: type[RowsNotFound],
) -> list[M]:
    """The rows of ``rows`` (the feature's scoped selector) with the ids ``ids``, each once,
    in the order asked. ValidationError on ``ids`` (``empty`` or ``too_many``) when the batch
    is empty or larger than ``max_count``; ``not_found`` naming the ids missing or hidden."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise ValidationError({"ids": empty})
    if len(wanted) > max_count:
        raise ValidationError({"ids": too_many})
    found = {row.pk: row for row in rows.filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise not_found(missing)
    return [found[pk] for pk in wanted]


@dataclass
class DecidedBatch:
    """What a batch did: the decision and the rows decided."""

    decision: str
    decided: list[Any]
