"""What besides the name speaks for or against a match: date of birth, country, identifiers,
kind. Each gives an :class:`Evidence`: a strength in (-1, 1), positive for, negative against,
zero when it was not compared (one side does not know), and a sentence saying why.

The strengths (documented defaults, :class:`Weights` to change them):

- identifier: the same kind and number is strong evidence (+0.8); the same kind with another
  number, from the same issuing country when both name it, is counter-evidence (-0.5). A
  number that fails its kind's check (an IMO number's check digit, ``Identifier.verifies``)
  counts neither way, and the explanation says so;
- date of birth (the closest pair of the party's and the entry's dates): the same exact date
  +0.4; the same year when one side knows only the year (or year and month) +0.25; within the
  tolerance (±1 year by default; the same year with another day counts here) +0.1; further
  apart -0.5;
- country: a country in common +0.1; none in common, both sides knowing some, -0.15;
- kind: a party declared a person screened against a vessel or an entity (or the reverse)
  -0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import BirthDate, Entry, Identifier, Kind, Party


@dataclass(frozen=True)
class Weights:
    """The strengths of each piece of evidence (see the module)."""

    identifier_match: float = 0.8
    identifier_conflict: float = -0.5
    birth_exact: float = 0.4
    birth_same_year: float = 0.25
    birth_within_tolerance: float = 0.1
    birth_conflict: float = -0.5
    country_match: float = 0.1
    country_conflict: float = -0.15
    kind_conflict: float = -0.5
    weak_alias: float = -0.1
    birth_tolerance_years: int = 1


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Evidence:
    """One feature's verdict: its name, strength in (-1, 1) and the reason in English."""

    feature: str
    strength: float
    detail: str


def identifier_evidence(party: Party, entry: Entry, weights: Weights) -> Evidence:
    """The party's identifiers against the entry's (a match wins over a conflict)."""
    if not party.identifiers or not entry.identifiers:
        return Evidence("identifier", 0.0, "not compared: no identifier on one side")
    conflict: tuple[Identifier, Identifier] | None = None
    failing: list[Identifier] = []
    for mine in party.identifiers:
        for theirs in entry.identifiers:
            if mine.kind != theirs.kind or not mine.key or not theirs.key:
                continue
            wrong = [ident for ident in (mine, theirs) if not ident.verifies]
            if wrong:
                failing.extend(ident for ident in wrong if ident not in failing)
                continue
            if mine.key == theirs.key:
                return Evidence(
                    "identifier",
                    weights.identifier_match,
                    f"same {mine.kind} number {theirs.number}",
                )
            countries = {mine.country, theirs.country} - {None}
            if len(countries) <= 1 and conflict is None:
                conflict = (mine, theirs)
    if conflict:
        mine, theirs = conflict
        return Evidence(
            "identifier",
            weights.identifier_conflict,
            f"{mine.kind} number {mine.number} differs from the entry's {theirs.number}",
        )
    if failing:
        numbers = ", ".join(f"{ident.kind} number {ident.number}" for ident in failing)
        return Evidence("identifier", 0.0, f"not counted: {numbers} fails its check digit")
    return Evidence("identifier", 0.0, "not compared: no identifier of the same kind")


def _birth_pair(a: BirthDate, b: BirthDate, weights: Weights) -> tuple[float, str]:
    if a.exact and b.exact and a == b:
        return weights.birth_exact, f"same date of birth {a}"
    gap = abs(a.year - b.year)
    if gap == 0:
        if (a.exact and b.exact) or (a.month and b.month and a.month != b.month):
            return weights.birth_within_tolerance, f"same year of birth, another day ({a}, {b})"
        return weights.birth_same_year, f"same year of birth {a.year} ({a}, {b})"
    if gap <= weights.birth_tolerance_years:
        return (
            weights.birth_within_tolerance,
            f"dates of birth {a} and {b} within ±{weights.birth_tolerance_years} year",
        )
    return weights.birth_conflict, f"dates of birth {a} and {b} are {gap} years apart"


def birth_evidence(party: Party, entry: Entry, weights: Weights) -> Evidence:
    """The closest of the party's and the entry's dates of birth."""
    if not party.birth_dates or not entry.birth_dates:
        return Evidence("birth_date", 0.0, "not compared: no date of birth on one side")
    pairs = sorted(
        (a, b) for a in party.birth_dates for b in entry.birth_dates
    )  # the strongest verdict wins; among equals, the closest pair, then the earliest
    verdicts = [(_birth_pair(a, b, weights), -abs(a.year - b.year), i) for i, (a, b) in
                enumerate(pairs)]  # fmt: skip
    (strength, detail), _, _ = max(verdicts, key=lambda v: (v[0][0], v[1], -v[2]))
    return Evidence("birth_date", strength, detail)


def country_evidence(party: Party, entry: Entry, weights: Weights) -> Evidence:
    """A country in common, or none."""
    mine = {c.upper() for c in party.countries}
    theirs = {c.upper() for c in entry.countries}
    if not mine or not theirs:
        return Evidence("country", 0.0, "not compared: no country on one side")
    common = sorted(mine & theirs)
    if common:
        return Evidence("country", weights.country_match, f"country in common: {', '.join(common)}")
    return Evidence(
        "country",
        weights.country_conflict,
        f"no country in common ({', '.join(sorted(mine))} against {', '.join(sorted(theirs))})",
    )


def kind_evidence(party: Party, entry: Entry, weights: Weights) -> Evidence:
    """A person against a vessel or an entity, when the party's kind is known."""
    if party.kind is None:
        return Evidence("kind", 0.0, f"not compared: the party's kind is not known ({entry.kind})")
    if party.kind == entry.kind:
        return Evidence("kind", 0.0, f"both are a {entry.kind}")
    person = Kind.PERSON in {party.kind, entry.kind}
    strength = weights.kind_conflict if person else 0.0
    return Evidence("kind", strength, f"a {party.kind} against a {entry.kind}")
