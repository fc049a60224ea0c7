"""Shared pieces of the matching tests: a generated list of people, reproducible."""

from __future__ import annotations

import random

import pytest

from nonprolif.matching.names import BirthDate, Entry, Kind, Name

GIVEN = (
    "juan",
    "jose",
    "maria",
    "luis",
    "carlos",
    "ana",
    "miguel",
    "jorge",
    "pedro",
    "rosa",
    "ahmad",
    "ali",
    "omar",
    "hassan",
    "fatima",
    "ivan",
    "sergei",
    "olga",
    "dmitri",
    "yuri",
    "kim",
    "chen",
    "wei",
    "jin",
    "hyun",
    "min",
    "seo",
    "li",
    "ming",
    "hua",
)
SYLLABLES = (
    "ba",
    "be",
    "bo",
    "ca",
    "co",
    "da",
    "de",
    "do",
    "fa",
    "fe",
    "ga",
    "go",
    "ha",
    "ja",
    "jo",
    "ka",
    "ko",
    "la",
    "le",
    "lo",
    "ma",
    "me",
    "mo",
    "na",
    "ne",
    "no",
    "pa",
    "pe",
    "ra",
    "re",
    "ro",
    "sa",
    "se",
    "so",
    "ta",
    "te",
    "to",
    "va",
    "ve",
    "za",
    "zo",
    "rin",
    "lan",
    "mar",
    "tor",
    "vel",
    "quin",
    "dar",
    "sol",
    "ner",
)


def surname(rng: random.Random) -> str:
    """A made-up surname of two or three syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3))))


def generated_list(size: int, seed: int = 13) -> tuple[Entry, ...]:
    """``size`` people with a given name (sometimes two) and two made-up surnames."""
    rng = random.Random(seed)
    entries = []
    for number in range(size):
        given = [rng.choice(GIVEN)] + ([rng.choice(GIVEN)] if rng.random() < 0.3 else [])
        name = " ".join([*given, surname(rng), surname(rng)]).title()
        entries.append(
            Entry(
                id=f"P{number:05d}",
                names=(Name(name),),
                kind=Kind.PERSON,
                source="generated",
                version="1",
                birth_dates=(BirthDate(rng.randint(1940, 2000)),),
            )
        )
    return tuple(entries)


@pytest.fixture(scope="session")
def ten_thousand() -> tuple[Entry, ...]:
    """A generated list of 10,000 people."""
    return generated_list(10_000)
