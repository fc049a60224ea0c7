"""The sample lists shipped with the screening app, read as bytes."""

from __future__ import annotations

from pathlib import Path

import nonprolif.screening

FIXTURES = Path(nonprolif.screening.__file__).parent / "fixtures"
LISTS = FIXTURES / "lists"

#: Each list's source and its sample file.
SAMPLES = {
    "un": "un.xml",
    "csl": "csl.csv",
    "ofac": "ofac.xml",
    "eu": "eu.xml",
    "uk": "uk.xml",
    "csv": "generic.csv",
}


def sample(name: str) -> bytes:
    """The bytes of the sample list file ``name``."""
    return (LISTS / name).read_bytes()
