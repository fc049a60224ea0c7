"""Keywords and synonyms of control-list entries found in a description, in Spanish and
English, in one pass over the text: a ``pyahocorasick`` automaton of the folded keywords.

Both keywords and text are folded (``fold.py``), so case and accents do not count. A hit counts
only on word boundaries (the folded text separates words by single spaces): ``sarin`` is not
found in ``sarinas``. A hit lying inside a longer hit (``fosforo`` inside ``oxicloruro de
fosforo``) is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from .fold import fold
from .model import ControlEntry


@dataclass(frozen=True)
class KeywordHit:
    """A keyword found: as folded, its language, the entries it names, where in the folded
    text (``start`` to ``end``, end exclusive)."""

    keyword: str
    language: str
    entries: tuple[int, ...]
    start: int
    end: int


class KeywordAutomaton:
    """The keywords of a control list, ready to search descriptions for."""

    def __init__(self, entries: Sequence[ControlEntry]) -> None:
        by_keyword: dict[str, tuple[str, list[int]]] = {}
        for position, entry in enumerate(entries):
            for language, words in (("en", entry.keywords_en), ("es", entry.keywords_es)):
                for word in words:
                    folded = fold(word)
                    if not folded:
                        continue
                    found = by_keyword.setdefault(folded, (language, []))
                    if position not in found[1]:
                        found[1].append(position)
        self._automaton: Any = ahocorasick.Automaton()
        for folded, (language, positions) in by_keyword.items():
            self._automaton.add_word(folded, (folded, language, tuple(positions)))
        self.size = len(by_keyword)
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str) -> tuple[tuple[KeywordHit, ...], str]:
        """The keywords in ``text`` on word boundaries, longest hits only, in order of their
        start; and the folded text they index."""
        folded = fold(text)
        if not self.size or not folded:
            return (), folded
        hits: list[KeywordHit] = []
        for last, (keyword, language, positions) in self._automaton.iter(folded):
            start = last - len(keyword) + 1
            end = last + 1
            if start > 0 and folded[start - 1] != " ":
                continue
            if end < len(folded) and folded[end] != " ":
                continue
            hits.append(KeywordHit(keyword, language, positions, start, end))
        longest = [
            hit
            for hit in hits
            if not any(
                other is not hit
                and other.start <= hit.start
                and hit.end <= other.end
                and other.end - other.start > hit.end - hit.start
                for other in hits
            )
        ]
        longest.sort(key=lambda hit: (hit.start, -hit.end, hit.keyword))
        return tuple(longest), folded
