"""Screening a party: its candidates from the index, each scored and explained, the matches at
or above the list's threshold, best first.

A candidate is first bounded, not scored: the best its names could score (``bound``, the
same as ``compare.score_bound``), first with every piece of evidence the party could bring at
its strongest (all candidates at once), then, for those still in the running, with the
evidence itself. A candidate whose bound stays under the list's threshold cannot be a match
and is set aside unscored;
every other one is scored and explained in full, so the matches, their scores and their
explanations are exactly what scoring every candidate would give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .compare import NameComparison, compare_tokens
from .explain import Feature, combine
from .index import NameIndex, normalise_for
from .model import Entry, Party, Quality
from .normalise import NormalisedName
from .qualifiers import (
    DEFAULT_WEIGHTS,
    Evidence,
    Weights,
    birth_evidence,
    country_evidence,
    identifier_evidence,
    kind_evidence,
)


@dataclass(frozen=True)
class Thresholds:
    """The score from which a match is reported: one per list (``Entry.source``), else the
    default."""

    default: float = 0.85
    per_list: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for value in (self.default, *self.per_list.values()):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"a threshold is a score in [0, 1], not {value}")

    def for_list(self, source: str) -> float:
        """The threshold of the list ``source``."""
        return self.per_list.get(source, self.default)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Match:
    """A list entry that a party matches: its score in [0, 1] and, feature by feature, what
    made it (the contributions add up to the score)."""

    entry_id: str
    entry_version: str
    source: str
    score: float
    explanation: tuple[Feature, ...]
    query_name: str
    entry_name: str

    def contribution(self, feature: str) -> float:
        """What ``feature`` added to the score (0 when it is not in the explanation)."""
        return sum(f.contribution for f in self.explanation if f.name == feature)


def _name_detail(query: NormalisedName, entry: NormalisedName, found: NameComparison) -> str:
    parts = [f"{query.original!r} against {entry.original!r}: {found.method} {found.score:.3f}"]
    if query.transliterated or entry.transliterated:
        parts.append(f"compared as {query.latin!r} and {entry.latin!r}")
    aligned = ", ".join(f"{p.query}~{p.entry} {p.similarity:.2f}" for p in found.pairs)
    if aligned:
        parts.append(f"aligned {aligned}")
    left = found.unaligned_query + found.unaligned_entry
    if left:
        parts.append(f"unaligned {' '.join(left)}")
    forms = query.legal_forms + entry.legal_forms
    if forms:
        parts.append(f"legal forms set aside: {', '.join(dict.fromkeys(forms))}")
    return "; ".join(parts)


def score_entry(
    party: Party,
    entry: Entry,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    entry_names: tuple[NormalisedName, ...] | None = None,
    party_names: tuple[NormalisedName, ...] | None = None,
) -> Match:
    """Score ``party`` against ``entry`` and explain the score.

    ``entry_names`` and ``party_names`` are the normalised names when the caller has them
    already (the index gives a party of unknown kind with and without legal forms); the best
    pair of names gives the name's score, a strong name winning a tie with a weak alias.
    """
    if entry_names is None:
        entry_names = tuple(normalise_for(name.text, entry.kind) for name in entry.names)
    if party_names is None:
        party_names = tuple(normalise_for(text, entry.kind) for text in party.names if text.strip())
    best: tuple[float, int] | None = None
    chosen: tuple[NormalisedName, NormalisedName, NameComparison, str] | None = None
    for query in party_names:
        for name, normalised in zip(entry.names, entry_names, strict=True):
            found = compare_tokens(query.tokens, normalised.tokens)
            rank = (found.score, 1 if name.quality is Quality.STRONG else 0)
            if best is None or rank > best:
                best = rank
                chosen = (query, normalised, found, name.text)
    if best is None or chosen is None:
        raise ValueError("a party needs a name")
    name_score, strong = best
    query_name, entry_name, found, entry_text = chosen
    best_detail = _name_detail(query_name, entry_name, found)
    query_text = query_name.original
    alias = Evidence(
        "alias_quality",
        0.0 if strong else weights.weak_alias,
        "a strong name of the entry" if strong else "a weak alias of the entry",
    )
    evidence = (
        alias,
        kind_evidence(party, entry, weights),
        identifier_evidence(party, entry, weights),
        birth_evidence(party, entry, weights),
        country_evidence(party, entry, weights),
    )
    score, explanation = combine(name_score, best_detail, evidence)
    return Match(
        entry_id=entry.id,
        entry_version=entry.version,
        source=entry.source,
        score=score,
        explanation=explanation,
        query_name=query_text,
        entry_name=entry_text,
    )


BOUND_SLACK = 1e-9
"""How far under the threshold a bound may fall and still be scored (floating-point sums)."""


def _gap_left(party: Party, entry: Entry | None, weights: Weights) -> float:
    """The share of the gap to 1 that the evidence for a match can leave at best: every piece
    that can be positive and that both sides (the party alone when ``entry`` is None) can
    speak to, at its strongest."""
    strengths = [weights.weak_alias, weights.kind_conflict]
    if party.identifiers and (entry is None or entry.identifiers):
        strengths += [weights.identifier_match, weights.identifier_conflict]
    if party.birth_dates and (entry is None or entry.birth_dates):
        strengths += [weights.birth_exact, weights.birth_same_year]
        strengths += [weights.birth_within_tolerance, weights.birth_conflict]
    if party.countries and (entry is None or entry.countries):
        strengths += [weights.country_match, weights.country_conflict]
    gap = 1.0
    for strength in strengths:
        if strength > 0:
            gap *= 1.0 - strength
    return gap


def best_possible(party: Party, entry: Entry, name_bound: float, weights: Weights) -> float:
    """The highest score ``entry`` could reach given a bound of its name's score: the evidence
    itself (kind, identifier, date of birth, country), the alias counted as a strong name.
    ``combine`` rises with the name's score and with each strength, so this bounds the score."""
    evidence = (
        Evidence("alias_quality", max(0.0, weights.weak_alias), ""),
        kind_evidence(party, entry, weights),
        identifier_evidence(party, entry, weights),
        birth_evidence(party, entry, weights),
        country_evidence(party, entry, weights),
    )
    return combine(name_bound, "", evidence)[0]


def screen(
    party: Party,
    index: NameIndex,
    threshold: float | Thresholds = DEFAULT_THRESHOLDS,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Match, ...]:
    """The entries of ``index`` that ``party`` matches at or above the threshold, best first
    (ties by list and entry id)."""
    thresholds = threshold if isinstance(threshold, Thresholds) else Thresholds(threshold)
    party_names = index.query_names(party)
    positions = index.candidates(party, party_names).positions
    if not positions:
        return ()
    if thresholds.per_list:
        needs = np.array([thresholds.for_list(index.entries[p].source) for p in positions])
    else:
        needs = np.full(len(positions), thresholds.default)
    needs -= BOUND_SLACK
    if party_names:
        rows, offsets, _ = index.bounds.rows_of(positions)
        row_bounds = np.max([index.bounds.bounds(q.tokens, rows) for q in party_names], axis=0)
        name_bounds = np.maximum.reduceat(row_bounds, offsets)
    else:  # no name left to compare: scored (and refused) in full
        name_bounds = np.ones(len(positions))
    reach = 1.0 - (1.0 - name_bounds) * _gap_left(party, None, weights)  # whatever the entry
    found: list[Match] = []
    for at in np.flatnonzero(reach >= needs).tolist():
        position, bound, need = positions[at], float(name_bounds[at]), float(needs[at])
        entry = index.entries[position]
        if bound < need and best_possible(party, entry, bound, weights) < need:
            continue
        match = score_entry(
            party,
            entry,
            weights=weights,
            entry_names=index.names[position],
            party_names=party_names,
        )
        if match.score >= thresholds.for_list(entry.source):
            found.append(match)
    found.sort(key=lambda m: (-m.score, m.source, m.entry_id))
    return tuple(found)
