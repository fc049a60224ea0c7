"""Parsers of the sanctions and denied-party lists and of the control lists: bytes in, plain
values out (no database).

``parse(source, data)`` reads a list of one of the ``SOURCES`` (``un``, ``csl``, ``ofac``,
``eu``, ``uk``, ``csv``) into a :class:`ParsedList`; ``parse_controls(data)`` a control list's
CSV into the goods engine's ``ControlEntry`` s. Whatever the bytes, either gives its result or
raises :class:`ListFormatError` saying what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nonprolif.matching.goods.model import ControlEntry

from . import controls
from .csl import parse_csl
from .eu import parse_eu
from .generic import parse_generic
from .model import ListFormatError, ParsedEntry, ParsedList
from .ofac import parse_ofac
from .uk import parse_uk
from .un import parse_un

T = TypeVar("T")

SOURCES = ("un", "csl", "ofac", "eu", "uk", "csv")

PARSERS: dict[str, Callable[[bytes], ParsedList]] = {
    "un": parse_un,
    "csl": parse_csl,
    "ofac": parse_ofac,
    "eu": parse_eu,
    "uk": parse_uk,
    "csv": parse_generic,
}


def _guarded(read: Callable[[bytes], T], data: bytes) -> T:
    try:
        return read(data)
    except ListFormatError:
        raise
    except RecursionError:
        raise ListFormatError("the document nests too deeply", location="file") from None


def parse(source: str, data: bytes) -> ParsedList:
    """The list of kind ``source`` in ``data``."""
    reader = PARSERS.get(source)
    if reader is None:
        raise ListFormatError(
            f"unknown list {source!r} (one of {', '.join(SOURCES)})", location="source"
        )
    return _guarded(reader, data)


def parse_controls(data: bytes) -> tuple[ControlEntry, ...]:
    """The control-list entries of the CSV ``data``."""
    return _guarded(controls.parse_controls, data)


__all__ = [
    "SOURCES",
    "ListFormatError",
    "ParsedEntry",
    "ParsedList",
    "parse",
    "parse_controls",
]
