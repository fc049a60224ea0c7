"""Text folded for keyword search: accents and case gone, every run of characters that are not
letters or digits one space. ``"Oxicloruro de FÓSFORO (POCl3)"`` gives
``"oxicloruro de fosforo pocl3"``."""

from __future__ import annotations

import re
import unicodedata

_SEPARATOR = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """``text`` folded (see the module)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATOR.sub(" ", bare.replace("ß", "ss")).strip()
