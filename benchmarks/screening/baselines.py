"""The three scorers compared on the same pairs, each as ``score(pair) -> float`` in [0, 1]:

- ``ours``: ``nonprolif.matching.names.score_entry`` (both names normalised inside the call,
  as a party meets an entry it has not seen);
- ``rapidfuzz``: the floor, ``fuzz.token_set_ratio`` of the two names folded with anyascii
  (lower case, punctuation to spaces), the best pair of names; no qualifiers;
- ``logic-v2``: nomenklatura's ``LogicV2.compare`` with its default configuration, the two
  sides as followthemoney entities (built before the clock starts, as nomenklatura's own
  benchmark does): ``Person``, ``Company`` or ``Vessel`` (``LegalEntity`` when the party's
  kind is not known), names, ``birthDate``, ``country``, ``imoNumber``.

``logic_v2()`` is ``None`` when nomenklatura cannot be imported (it comes from
``benchmarks/requirements.txt``); the run then says so and compares the other two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz

from nonprolif.matching.names import Entry, Kind, Party, score_entry

from .pairs import Pair

Scorer = Callable[[Pair], float]
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def ours(pair: Pair) -> float:
    return score_entry(pair.party, pair.entry).score


def _fold(text: str) -> str:
    return _NOT_WORD.sub(" ", anyascii(text).lower()).strip()


def rapidfuzz_floor(pair: Pair) -> float:
    return max(
        fuzz.token_set_ratio(_fold(mine), _fold(theirs.text)) / 100.0
        for mine in pair.party.names
        for theirs in pair.entry.names
    )


SCHEMAS = {
    Kind.PERSON: "Person",
    Kind.ENTITY: "Company",
    Kind.VESSEL: "Vessel",
    None: "LegalEntity",
}


def logic_v2() -> (
    tuple[Callable[[Pair], tuple[Any, Any]], Callable[[tuple[Any, Any]], float], str] | None
):
    """``(prepare, score, version)``: ``prepare`` makes a pair's two entities, ``score``
    compares them; ``None`` when nomenklatura is not installed."""
    try:
        import nomenklatura
        from followthemoney import model
        from nomenklatura.matching.logic_v2.model import LogicV2
    except ImportError:
        return None
    config = LogicV2.default_config()
    version = getattr(nomenklatura, "__version__", "")
    if not version:
        from importlib.metadata import version as installed

        version = installed("nomenklatura")

    def entity(key: str, kind: Kind | None, names: list[str], births: list[str],
               countries: tuple[str, ...], imos: list[str]) -> Any:  # fmt: skip
        proxy = model.make_entity(SCHEMAS[kind])
        proxy.id = key
        for name in names:
            proxy.add("name", name)
        if proxy.schema.get("birthDate"):
            for birth in births:
                proxy.add("birthDate", birth)
        for country in countries:
            proxy.add("country", country.lower())
        if proxy.schema.get("imoNumber"):
            for imo in imos:
                proxy.add("imoNumber", f"IMO{imo}")
        return proxy

    made = [0]

    def prepare(pair: Pair) -> tuple[Any, Any]:
        made[0] += 1  # nomenklatura caches by entity id: every entity gets its own
        party: Party = pair.party
        entry: Entry = pair.entry
        query = entity(f"q{made[0]}", party.kind, list(party.names),
                       [str(b) for b in party.birth_dates], party.countries,
                       [i.key for i in party.identifiers if i.kind == "imo"])  # fmt: skip
        result = entity(f"r{made[0]}", entry.kind, [n.text for n in entry.names],
                        [str(b) for b in entry.birth_dates], entry.countries,
                        [i.key for i in entry.identifiers if i.kind == "imo"])  # fmt: skip
        return query, result

    def score(entities: tuple[Any, Any]) -> float:
        return float(LogicV2.compare(entities[0], entities[1], config).score)

    return prepare, score, version
