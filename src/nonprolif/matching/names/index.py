"""The blocking index: built once from a list's entries, it hands a query the few entries worth
scoring, so a query never compares itself with the whole list.

Each entry's names (normalised once, here) file the entry under these keys:

- ``x:`` the exact key: the name's sorted tokens joined (an exact or reordered name);
- ``t:`` each token; ``p:`` each token's phonetic key of two letters or more;
- ``g:`` each token's character trigrams, padded (``^pe``, ``per`` … ``ez$``): typos. A query
  reads the trigrams only of its tokens that no token or phonetic key found (the misspelt
  ones), so a well-spelt query reads a few short postings;
- ``i:`` each identifier, by kind and number.

The postings are one array (each key a slice of it, in position order) and a query's are summed
with numpy. A query gathers the entries filed under its own keys. Entries under its exact or
identifier keys are always candidates. The others are ranked by the keys they share with the
query, each weighted by its rarity (``log(1 + N / df)``; a trigram weighs a third of that, a
phonetic key four fifths), and the best ``limit`` of them (default 50) are candidates too. A key
filed under more than ``max_share`` of the list (default 2 %, never fewer than 100 entries) is
too common to rank by and is skipped (exact and identifier keys never are).

Measured on generated lists of people (``tests/matching/conftest.py``; 900 queries each:
exact, reordered and misspelt names): about 49 candidates a query on average from 1,000
entries, 35 from 10,000, 45 from 50,000, never more than 51; the entry sought was among them
every time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .bound import BoundTable
from .model import Entry, Kind, Party
from .normalise import NormalisedName, normalise
from .phonetic import phonetic_key

TRIGRAM_SHARE = 1 / 3
PHONETIC_SHARE = 0.8


def _keeps_legal_forms(kind: Kind | None) -> bool:
    return kind is Kind.PERSON


def normalise_for(text: str, kind: Kind | None) -> NormalisedName:
    """``text`` normalised as a name of ``kind`` (legal forms removed unless a person's)."""
    return normalise(text, strip_legal_forms=not _keeps_legal_forms(kind))


def _trigrams(token: str) -> set[str]:
    padded = f"^{token}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def token_keys(token: str) -> dict[str, float]:
    """The token and phonetic keys of one token and each one's share of its rarity weight."""
    keys = {f"t:{token}": 1.0}
    key = phonetic_key(token)
    if len(key) >= 2:
        keys[f"p:{key}"] = PHONETIC_SHARE
    return keys


def trigram_keys(token: str) -> dict[str, float]:
    """The trigram keys of one token."""
    return {f"g:{gram}": TRIGRAM_SHARE for gram in _trigrams(token)}


def exact_key(name: NormalisedName) -> str:
    """The key of a name's sorted tokens."""
    return "x:" + " ".join(sorted(name.tokens))


def name_keys(name: NormalisedName) -> dict[str, float]:
    """Every blocking key an entry's name is filed under, with its share of the weight."""
    keys: dict[str, float] = {}
    if name.tokens:
        keys[exact_key(name)] = 1.0
    for token in name.tokens:
        for found in (token_keys(token), trigram_keys(token)):
            for key, share in found.items():
                keys[key] = max(keys.get(key, 0.0), share)
    return keys


@dataclass(frozen=True)
class Candidates:
    """What a query gathered: the entries' positions in the index and how many keys it read."""

    positions: tuple[int, ...]
    keys_read: int
    keys_skipped: int


class NameIndex:
    """Entries filed under their blocking keys (see the module); read-only once built."""

    def __init__(
        self, entries: Iterable[Entry], *, limit: int = 50, max_share: float = 0.02
    ) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.limit = limit
        self.max_postings = max(100, int(max_share * len(self.entries)))
        self.names: tuple[tuple[NormalisedName, ...], ...] = tuple(
            tuple(normalise_for(name.text, entry.kind) for name in entry.names)
            for entry in self.entries
        )
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for position, (entry, names) in enumerate(zip(self.entries, self.names, strict=True)):
            keys: set[str] = set()
            for name in names:
                keys.update(name_keys(name))
            keys.update(f"i:{ident.kind}:{ident.key}" for ident in entry.identifiers if ident.key)
            for key in keys:
                postings[key].append(position)
        spans: dict[str, tuple[int, int]] = {}
        flat: list[int] = []
        for key, posting in postings.items():
            spans[key] = (len(flat), len(flat) + len(posting))
            flat.extend(posting)
        self._spans = spans  # each key's postings: a slice of one array, in position order
        self._flat = np.array(flat, dtype=np.int32)
        self.bounds = BoundTable(self.names)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def key_count(self) -> int:
        """How many distinct keys the index files entries under."""
        return len(self._spans)

    def query_names(self, party: Party) -> tuple[NormalisedName, ...]:
        """The party's names normalised every way an entry may need them (with and without
        legal forms when the party's kind is not known)."""
        forms: list[NormalisedName] = []
        kinds: tuple[Kind | None, ...] = (
            (party.kind,) if party.kind is not None else (Kind.ENTITY, Kind.PERSON)
        )
        for text in party.names:
            if not text.strip():
                continue
            for kind in kinds:
                name = normalise_for(text, kind)
                if name.tokens and name not in forms:
                    forms.append(name)
        return tuple(forms)

    def candidates(
        self, party: Party, names: tuple[NormalisedName, ...] | None = None
    ) -> Candidates:
        """The entries worth scoring against ``party`` (see the module for the rule); ``names``
        are its ``query_names`` when the caller has them already."""
        always: set[int] = set()
        keys: dict[str, float] = {}
        for name in self.query_names(party) if names is None else names:
            if name.tokens:
                keys[exact_key(name)] = 1.0
            for token in name.tokens:
                own = token_keys(token)
                if not any(key in self._spans for key in own):
                    own.update(trigram_keys(token))  # not found as spelt: look for it by parts
                for key, share in own.items():
                    keys[key] = max(keys.get(key, 0.0), share)
        for ident in party.identifiers:
            if ident.key:
                always.update(self._posting(f"i:{ident.kind}:{ident.key}").tolist())
        total = len(self.entries)
        read = skipped = 0
        segments: list[NDArray[np.int32]] = []
        weights: list[float] = []
        for key, share in keys.items():
            posting = self._posting(key)
            if not len(posting):
                continue
            if key.startswith("x:"):
                always.update(posting.tolist())
                continue
            if len(posting) > self.max_postings:
                skipped += 1
                continue
            read += 1
            segments.append(posting)
            weights.append(share * math.log(1.0 + total / len(posting)))
        best: list[int] = []
        if segments:
            found = np.concatenate(segments)
            each = np.repeat(weights, [len(segment) for segment in segments])
            positions, inverse = np.unique(found, return_inverse=True)
            ranked = np.bincount(inverse, weights=each)  # summed key by key, in order
            if always:
                keep = ~np.isin(positions, list(always))
                positions, ranked = positions[keep], ranked[keep]
            order = np.lexsort((positions, -ranked))[: self.limit]
            best = positions[order].tolist()
        chosen = sorted(always.union(best))
        return Candidates(tuple(chosen), read, skipped)

    def _posting(self, key: str) -> NDArray[np.int32]:
        span = self._spans.get(key)
        if span is None:
            return self._flat[:0]
        return self._flat[span[0] : span[1]]
