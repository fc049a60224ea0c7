"""A score built from evidence, so that its explanation accounts for every bit of it.

The name's similarity ``s`` is the starting score and the name feature's contribution. Each
piece of evidence then moves the score, in a fixed order (alias quality, kind, identifier,
date of birth, country): evidence *for* of strength ``w`` closes that share of the gap to 1
(``score += w × (1 - score)``), evidence *against* removes that share of the score
(``score -= |w| × score``). A feature's contribution is the move it made; the contributions
add up to the score (the moves telescope), and every move keeps the score in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass

from .qualifiers import Evidence


@dataclass(frozen=True)
class Feature:
    """One line of an explanation: the feature, what it added to the score (negative when it
    took away) and why."""

    name: str
    contribution: float
    detail: str


def combine(
    name_score: float, name_detail: str, evidence: tuple[Evidence, ...]
) -> tuple[float, tuple[Feature, ...]]:
    """The score and its explanation from the name's score and the evidence, in order."""
    score = min(max(name_score, 0.0), 1.0)
    features = [Feature("name", score, name_detail)]
    for item in evidence:
        if item.strength >= 0:
            moved = score + item.strength * (1.0 - score)
        else:
            moved = score + item.strength * score
        moved = min(max(moved, 0.0), 1.0)
        features.append(Feature(item.feature, moved - score, item.detail))
        score = moved
    return score, tuple(features)
