"""A name, normalised: folded to lower-case ASCII tokens, its original form kept beside them.

The steps, in order:

1. Legal forms written in the name's own script are removed (``legal.strip_original_forms``),
   for entities and vessels only.
2. Transliteration with ``anyascii``. Chinese, Japanese and Korean are written without spaces,
   one syllable per character; a run of them is one token, as anyascii spells it (``金正恩``
   gives ``jinzhengen``), and the comparison finds it in a Latin name that spaces the
   syllables (``Jin Zheng En``: ``compare.py`` joins and splits words).
3. Folding: case folded, accents gone (``anyascii`` already drops them), dots and apostrophes
   dropped without a space (``S.A.`` is ``sa``, ``O'Brien`` is ``obrien``), every other
   character that is not a letter or a digit becomes a space (``García-López`` is two tokens).
4. Latin legal forms removed from the tokens (``legal.strip_latin_forms``), for entities and
   vessels only.

The original text is kept as the list wrote it (``NormalisedName.original``): an explanation
shows it, and the Django side stores it for the reviewer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from .legal import strip_latin_forms, strip_original_forms

_DROPPED = re.compile(r"[.'’`´ʼ]")
_SEPARATOR = re.compile(r"[^a-z0-9]+")


def _is_unspaced(char: str) -> bool:
    """Whether ``char`` is a Han, Kana or Hangul character (scripts written without spaces)."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
    )


def transliterate(text: str) -> str:
    """``text`` in Latin script (``anyascii``), a run of an unspaced script one word."""
    parts: list[str] = []
    unspaced = False
    for char in text:
        now = _is_unspaced(char)
        if now != unspaced:
            parts.append(" ")
            unspaced = now
        parts.append(anyascii(char))
    return "".join(parts)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """``text`` as lower-case ASCII words separated by single spaces (no transliteration rule
    beyond ``anyascii``'s; see :func:`transliterate` for the grouping of syllables). Cached: a
    party's name is folded once for each kind it may be, a list's names once each."""
    if text.isascii():  # NFKC and anyascii leave ASCII as it is
        latin = text.casefold()
    else:
        latin = transliterate(unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(_SEPARATOR.split(_DROPPED.sub("", latin))).strip()


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (accented or not)."""
    if text.isascii():
        return True
    return all(
        not char.isalpha() or unicodedata.name(char, "").startswith("LATIN") for char in text
    )


@dataclass(frozen=True)
class NormalisedName:
    """One name ready to compare: the original text, its folded tokens, the legal forms it lost."""

    original: str
    tokens: tuple[str, ...]
    legal_forms: tuple[str, ...] = ()
    transliterated: bool = False
    """Whether the original was written in another script than Latin."""

    @property
    def latin(self) -> str:
        """The folded tokens joined by spaces."""
        return " ".join(self.tokens)


def normalise(text: str, *, strip_legal_forms: bool = True) -> NormalisedName:
    """The :class:`NormalisedName` of ``text`` (legal forms removed unless told otherwise)."""
    removed: tuple[str, ...] = ()
    source = text
    if strip_legal_forms:
        source, removed = strip_original_forms(text)
    tokens = tuple(fold(source).split())
    if strip_legal_forms:
        tokens, latin_removed = strip_latin_forms(tokens)
        removed += latin_removed
    return NormalisedName(text, tokens, removed, transliterated=not is_latin(text))
