"""Labelled pairs (a party as a declaration gives it, a list entry) with the variation screening
meets, each tagged with its slice. Seeded: the same seed gives the same pairs.

Matches (about a third of the pairs, ``POSITIVE_SHARES``):

- ``script:<script>``: the name in its own script against a Latin spelling of it (Cyrillic,
  Arabic, Hangul, Chinese; either side), the spellings of ``scripts.py``, not anyascii's;
- ``order``: the family name first (``PÉREZ LÓPEZ, Juan``); ``typo``: one letter substituted,
  dropped, doubled or two swapped; ``dropped_middle``: a second given name or a patronymic
  left out; ``legal_form``: ``S.A. de C.V.`` ↔ ``SA DE CV`` ↔ none, ``OOO`` ↔ ``LLC``,
  ``有限公司`` ↔ ``Co., Ltd.``; ``dob_pm1``: the date of birth a year off; ``exact``.

Non-matches (``NEGATIVE_SHARES``): ``hard:same_surname`` (another person of the same family
names), ``hard:company_stem`` (another company or vessel sharing the first word of its name)
and ``random`` (another identity of the same kind).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from nonprolif.matching.names import BirthDate, Entry, Identifier, Kind, Name, Party

from . import scripts
from .identities import (
    ENGLISH_SECOND,
    LEGAL_FORMS,
    ORIGINAL_FORMS,
    SPANISH_GIVEN,
    STEM_SECOND,
    VESSEL_WORDS,
    Identity,
    with_form,
)

POSITIVE_SHARES = {
    "script": 0.10, "order": 0.04, "typo": 0.05, "dropped_middle": 0.04, "legal_form": 0.05,
    "dob_pm1": 0.03, "exact": 0.02,
}  # fmt: skip
NEGATIVE_SHARES = {"hard:same_surname": 0.24, "hard:company_stem": 0.13, "random": 0.30}
OTHER_GIVEN = (
    *SPANISH_GIVEN,
    *(s[0] for s in scripts.CYRILLIC_GIVEN.values()),
    *(s[0] for s in scripts.ARABIC_GIVEN.values()),
)


@dataclass(frozen=True)
class Pair:
    """A party, a list entry, whether they are the same, the slice the pair tests."""

    party: Party
    entry: Entry
    match: bool
    slice: str


def _latin_spelling(identity: Identity, rng: random.Random) -> str:
    parts = [rng.choice(identity.alternatives.get(i, (p,))) for i, p in enumerate(identity.parts)]
    if identity.spellings:
        parts = [rng.choice(identity.spellings)]
    return " ".join(parts)


def _form(stem: str, family: str | None, which: int) -> str:
    if family == "ru" and LEGAL_FORMS["ru"][which % 4] == "OOO":
        return f"OOO {stem}"  # a Russian company's form goes first
    return with_form(stem, family, which)


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4] or list(range(len(words)))
    i = rng.choice(long)
    word = list(words[i])
    at = rng.randrange(1, len(word)) if len(word) > 1 else 0
    edit = rng.choice(("substitute", "drop", "double", "swap"))
    if edit == "substitute":
        word[at] = rng.choice([c for c in "aeiourstnlm" if c != word[at].lower()])
    elif edit == "drop" and len(word) > 3:
        del word[at]
    elif edit == "swap" and at < len(word) - 1:
        word[at], word[at + 1] = word[at + 1], word[at]
    else:
        word.insert(at, word[at])
    words[i] = "".join(word)
    return " ".join(words)


def _party(identity: Identity, text: str, rng: random.Random, *,
           birth: BirthDate | None = None, keep_birth: float = 0.6) -> Party:  # fmt: skip
    births: tuple[BirthDate, ...] = ()
    if identity.kind is Kind.PERSON and rng.random() < keep_birth:
        chosen = birth or identity.birth
        births = (chosen,) if chosen else ()
    return Party(
        (text,),
        kind=identity.kind if rng.random() < 0.8 else None,
        birth_dates=births,
        countries=identity.countries if rng.random() < 0.7 else (),
        identifiers=(Identifier("imo", identity.imo),)
        if identity.imo and rng.random() < 0.5
        else (),
    )


def _entry(identity: Identity, text: str, *, birth: BirthDate | None = None) -> Entry:
    chosen = birth or identity.birth
    return Entry(
        id=identity.id, names=(Name(text),), kind=identity.kind, source=identity.source,
        version="1", birth_dates=(chosen,) if chosen else (), countries=identity.countries,
        identifiers=(Identifier("imo", identity.imo),) if identity.imo else (),
    )  # fmt: skip


def _listed(identity: Identity) -> str:
    return _form(identity.latin, identity.legal_family, 0)


def positive(kind: str, identity: Identity, rng: random.Random) -> Pair | None:
    """A matching pair of slice ``kind`` made from ``identity`` (None when it cannot be)."""
    listed = _listed(identity)
    if kind == "script":
        if not identity.original:
            return None
        original = identity.original
        latin = _latin_spelling(identity, rng)
        if identity.legal_family in ORIGINAL_FORMS:
            form = ORIGINAL_FORMS[identity.legal_family]
            original = (
                f"{original}{form}" if identity.script == "chinese" else f"{form} «{original}»"
            )
            latin = _form(latin, identity.legal_family, rng.randrange(3))
        party_text, entry_text = (latin, original) if rng.random() < 0.6 else (original, latin)
        name = f"script:{identity.script}"
        return Pair(_party(identity, party_text, rng), _entry(identity, entry_text), True, name)
    if kind == "order" and identity.kind is Kind.PERSON and len(identity.parts) >= 2:
        parts = identity.parts
        family = parts[-2:] if len(parts) >= 4 else parts[-1:]
        given = parts[: len(parts) - len(family)]
        text = f"{' '.join(family)}, {' '.join(given)}"
        text = text.upper() if rng.random() < 0.5 else text
        return Pair(_party(identity, text, rng), _entry(identity, listed), True, kind)
    if kind == "typo":
        return Pair(_party(identity, _typo(listed, rng), rng), _entry(identity, listed), True, kind)
    if kind == "dropped_middle" and identity.droppable:
        drop = set(identity.droppable)
        text = " ".join(p for i, p in enumerate(identity.parts) if i not in drop)
        return Pair(_party(identity, text, rng), _entry(identity, listed), True, kind)
    if kind == "legal_form" and identity.legal_family:
        mine, theirs = rng.sample(range(len(LEGAL_FORMS[identity.legal_family])), 2)
        text = _form(identity.latin, identity.legal_family, mine)
        entry_text = _form(identity.latin, identity.legal_family, theirs)
        return Pair(_party(identity, text, rng), _entry(identity, entry_text), True, kind)
    if kind == "dob_pm1" and identity.kind is Kind.PERSON and identity.birth:
        birth = identity.birth
        off = replace(birth, year=birth.year + rng.choice((-1, 1)))
        party = _party(identity, listed, rng, birth=off, keep_birth=1.0)
        return Pair(party, _entry(identity, listed), True, kind)
    if kind == "exact":
        text = listed.upper() if rng.random() < 0.3 else listed
        return Pair(_party(identity, text, rng), _entry(identity, listed), True, kind)
    return None


def negative(kind: str, identity: Identity, other: Identity, rng: random.Random) -> Pair | None:
    """A pair of two different identities of slice ``kind`` (None when it cannot be made)."""
    listed = _listed(identity)
    if kind == "hard:same_surname" and identity.kind is Kind.PERSON and len(identity.parts) >= 2:
        family = identity.parts[-2:] if len(identity.parts) >= 4 else identity.parts[-1:]
        given = [g for g in rng.sample(OTHER_GIVEN, 3) if g not in identity.parts][:1]
        text = " ".join([*given, *family])
        birth = BirthDate(rng.randint(1945, 1995)) if rng.random() < 0.5 else None
        party = Party((text,), kind=Kind.PERSON, birth_dates=(birth,) if birth else (),
                      countries=identity.countries if rng.random() < 0.7 else ())  # fmt: skip
        return Pair(party, _entry(identity, listed), False, kind)
    if kind == "hard:company_stem" and identity.kind in (Kind.ENTITY, Kind.VESSEL):
        if identity.kind is Kind.VESSEL:
            pool = VESSEL_WORDS
        elif identity.legal_family == "mx":
            pool = STEM_SECOND
        elif identity.legal_family == "en":
            pool = ENGLISH_SECOND
        else:
            return None
        first = identity.parts[0]
        second = rng.choice([w for w in pool if w not in identity.parts])
        text = _form(f"{first} {second}", identity.legal_family, rng.randrange(2))
        party = Party((text,), kind=identity.kind, countries=identity.countries)
        return Pair(party, _entry(identity, listed), False, kind)
    if kind == "random" and other.kind == identity.kind and other.id != identity.id:
        return Pair(_party(other, _listed(other), rng), _entry(identity, listed), False, kind)
    return None


def generate(identities: list[Identity], n_pairs: int, seed: int = 7) -> list[Pair]:
    """``n_pairs`` labelled pairs drawn from ``identities`` in the slices' shares."""
    rng = random.Random(seed)
    shares = {**POSITIVE_SHARES, **NEGATIVE_SHARES}
    total = sum(shares.values())
    pairs: list[Pair] = []
    for kind, share in shares.items():
        wanted = round(n_pairs * share / total)
        made = attempts = 0
        while made < wanted and attempts < wanted * 50:
            attempts += 1
            identity = rng.choice(identities)
            if kind in NEGATIVE_SHARES:
                pair = negative(kind, identity, rng.choice(identities), rng)
            else:
                pair = positive(kind, identity, rng)
            if pair is not None:
                pairs.append(pair)
                made += 1
    rng.shuffle(pairs)
    return pairs
