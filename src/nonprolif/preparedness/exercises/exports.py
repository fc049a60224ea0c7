"""The MSEL as a spreadsheet: one row an inject, in MSEL order, read a chunk at a time (the
number of queries does not grow with the injects)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from nonprolif.core.spreadsheets import CHUNK
from nonprolif.preparedness.models import Inject


def msel_headers() -> list[str]:
    return [
        _("Number"),
        _("Time"),
        _("From"),
        _("To"),
        _("Synopsis"),
        _("Expected action"),
        _("Objective"),
        _("Delivered"),
    ]


def msel_rows(injects: QuerySet[Inject]) -> Iterator[list[Any]]:
    for inject in injects.iterator(chunk_size=CHUNK):
        yield [
            inject.number,
            inject.scheduled_at,
            inject.sender,
            inject.recipient,
            inject.synopsis,
            inject.expected_action,
            inject.objective.number if inject.objective else "",
            inject.delivered_at or "",
        ]
