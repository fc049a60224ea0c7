"""What both imports share: statements in batches and the parsers' errors as the user reads
them."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

from django.utils.translation import gettext as _

from nonprolif.screening.lists.parsers.model import ListFormatError

#: Rows written per statement.
BATCH = 1000

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def format_error(error: ListFormatError) -> str:
    """A parser's error as the user reads it: where, then what."""
    if error.location:
        return _("The file cannot be read at %(location)s: %(problem)s") % {
            "location": error.location,
            "problem": error.detail,
        }
    return _("The file cannot be read: %(problem)s") % {"problem": error.detail}
