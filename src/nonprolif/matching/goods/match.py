"""A declaration line matched against a control list, each match with its reasons.

The evidence and its strength (noisy-or: each reason closes its share of the gap to 1, the
reasons' contributions add up to the score, as for names):

- a CAS number declared in its own field, check digit verified, that the entry lists: 0.95;
- a CAS number found in the description, check digit verified, that the entry lists: 0.9;
- the tariff code on a national fraction of the entry: 0.6; in one of its HS subheadings: 0.4;
- each distinct keyword or synonym of the entry in the description (es or en): 0.6.

A CAS number whose check digit is wrong is never evidence; the line's result lists it apart.
Reasons come in that order; matches best first, ties by regime and code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .cas import find_in_text, parse
from .keywords import KeywordAutomaton
from .model import ControlEntry, DeclarationLine, GoodsMatch, LineResult, Reason
from .tariff import correlate


@dataclass(frozen=True)
class Strengths:
    """The strength of each kind of evidence (see the module)."""

    cas_declared: float = 0.95
    cas_in_text: float = 0.9
    fraction: float = 0.6
    hs6: float = 0.4
    keyword: float = 0.6


DEFAULT_STRENGTHS = Strengths()


class GoodsIndex:
    """A control list ready to match lines against: entries by CAS number, by tariff code
    (six-digit subheading, fraction), and their keywords in an Aho–Corasick automaton."""

    def __init__(self, entries: Iterable[ControlEntry]) -> None:
        self.entries: tuple[ControlEntry, ...] = tuple(entries)
        by_cas: defaultdict[str, list[int]] = defaultdict(list)
        by_heading: defaultdict[str, list[int]] = defaultdict(list)
        for position, entry in enumerate(self.entries):
            for number in entry.cas_numbers:
                parsed = parse(number)
                if parsed is None:
                    raise ValueError(f"{entry.key}: {number!r} is not a valid CAS number")
                by_cas[parsed].append(position)
            codes = [*entry.hs6, *entry.tariff_fractions]
            for code in codes:
                digits = "".join(c for c in code if c.isdigit())
                if len(digits) >= 6:
                    by_heading[digits[:6]].append(position)
        self._by_cas = {k: tuple(v) for k, v in by_cas.items()}
        self._by_subheading = {k: tuple(dict.fromkeys(v)) for k, v in by_heading.items()}
        self.keywords = KeywordAutomaton(self.entries)

    def by_cas(self, number: str) -> tuple[int, ...]:
        """The entries listing CAS number ``number`` (normalised)."""
        return self._by_cas.get(number, ())

    def by_subheading(self, code: str) -> tuple[int, ...]:
        """The entries with a code under the six-digit subheading of ``code``."""
        digits = "".join(c for c in code if c.isdigit())
        return self._by_subheading.get(digits[:6], ()) if len(digits) >= 6 else ()


def _score(reasons: list[tuple[str, float, str]]) -> tuple[float, tuple[Reason, ...]]:
    score = 0.0
    out = []
    for kind, strength, detail in reasons:
        moved = score + strength * (1.0 - score)
        out.append(Reason(kind, moved - score, detail))
        score = moved
    return score, tuple(out)


def match_line(
    line: DeclarationLine,
    index: GoodsIndex,
    *,
    threshold: float = 0.0,
    strengths: Strengths = DEFAULT_STRENGTHS,
) -> LineResult:
    """The entries of ``index`` that ``line`` matches with a score above ``threshold``
    (every entry with any reason by default), each with its reasons."""
    evidence: defaultdict[int, list[tuple[str, float, str]]] = defaultdict(list)
    invalid: list[str] = []
    declared: set[str] = set()
    for number in line.cas_numbers:
        parsed = parse(number)
        if parsed is None:
            invalid.append(number)
            continue
        declared.add(parsed)
        for position in index.by_cas(parsed):
            evidence[position].append(
                ("cas", strengths.cas_declared, f"declared CAS {parsed} (check digit verified)")
            )
    for found in find_in_text(line.description):
        if found.number is None:
            invalid.append(found.written)
            continue
        if found.number in declared:
            continue
        declared.add(found.number)
        for position in index.by_cas(found.number):
            evidence[position].append(
                (
                    "cas_in_text",
                    strengths.cas_in_text,
                    f"CAS {found.number} in the description (check digit verified)",
                )
            )
    if line.tariff_code:
        for position in index.by_subheading(line.tariff_code):
            correlation = correlate(line.tariff_code, index.entries[position])
            if correlation is not None:
                strength = strengths.fraction if correlation.kind == "fraction" else strengths.hs6
                evidence[position].append((correlation.kind, strength, correlation.detail))
    hits, _ = index.keywords.find(line.description)
    seen: set[tuple[int, str]] = set()
    for hit in hits:
        for position in hit.entries:
            if (position, hit.keyword) in seen:
                continue
            seen.add((position, hit.keyword))
            evidence[position].append(
                ("keyword", strengths.keyword, f"keyword {hit.keyword!r} ({hit.language})")
            )
    matches = []
    for position, reasons in evidence.items():
        score, explained = _score(reasons)
        if score > threshold:
            entry = index.entries[position]
            matches.append(GoodsMatch(entry.key, entry.regime, entry.code, score, explained))
    matches.sort(key=lambda m: (-m.score, m.regime, m.code, m.entry_key))
    return LineResult(tuple(matches), tuple(dict.fromkeys(invalid)))
