"""Reading a list's XML safely and a record at a time.

``defusedxml`` parses (entity declarations, external entities and DTD tricks refused), through
``iterparse``: each record is handed over when its end tag is read and cleared once the
parser moves on, so a list of a hundred megabytes is never held whole. Tags are compared by
their local name: a list that changes its namespace URI still reads.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .model import ListFormatError


def local(tag: object) -> str:
    """A tag without its namespace (``{uri}sdnEntry`` → ``sdnEntry``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def records(
    data: bytes, roots: tuple[str, ...], depth: int
) -> Iterator[tuple[ET.Element, ET.Element]]:
    """The root and each element ``depth`` levels under it, as each one ends; last the root
    and the root again (its attributes read, its records cleared).

    Refuses a document whose root is not one of ``roots`` (another schema), a malformed one
    (with its line and column) and one with entity declarations.
    """
    stack: list[ET.Element] = []
    parser = iterparse(io.BytesIO(data), events=("start", "end"))
    try:
        for event, element in parser:
            if event == "start":
                if not stack and local(element.tag) not in roots:
                    raise ListFormatError(
                        f"the root element is <{local(element.tag)}>, not <{roots[0]}>: "
                        "a file of another list",
                        location="line 1",
                    )
                stack.append(element)
                continue
            stack.pop()
            if not stack:
                yield element, element
            elif len(stack) == depth:
                yield stack[0], element
                element.clear()
    except ListFormatError:
        raise
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ListFormatError(
            f"not well-formed XML ({error})", location=f"line {line}, column {column}"
        ) from None
    except DefusedXmlException as error:
        raise ListFormatError(f"refused: {type(error).__name__}", location="XML") from None
    except (LookupError, ValueError) as error:  # an unknown or impossible encoding
        raise ListFormatError(f"unreadable XML ({error})", location="XML") from None
    if stack:
        raise ListFormatError("the document ends before its root closes", location="XML")


def text(element: ET.Element, *path: str) -> str:
    """The stripped text of the first element down ``path`` (local names), or ``""``."""
    found = first(element, *path)
    return (found.text or "").strip() if found is not None else ""


def first(element: ET.Element, *path: str) -> ET.Element | None:
    """The first element down ``path`` (local names), or ``None``."""
    for found in children(element, *path):
        return found
    return None


def children(element: ET.Element, *path: str) -> Iterator[ET.Element]:
    """Every element down ``path`` (local names), in document order."""
    if not path:
        yield element
        return
    head, rest = path[0], path[1:]
    for child in element:
        if local(child.tag) == head:
            yield from children(child, *rest)


def texts(element: ET.Element, *path: str) -> list[str]:
    """The stripped, non-empty texts of every element down ``path``."""
    return [t for t in ((e.text or "").strip() for e in children(element, *path)) if t]


def iso_date(value: str, *, location: str, what: str) -> date:
    """``YYYY-MM-DD`` (a time after it, as some lists write, set aside)."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ListFormatError(f"{what} {value!r} is not a date", location=location) from None
