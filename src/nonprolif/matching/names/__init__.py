"""Name matching: parties against sanctions and denied-party list entries.

``Entry`` (a list entry), ``Party`` (who is screened) and their qualifiers (``model``) go in;
``screen`` gives the ``Match`` es at or above the list's threshold, each with its score in
[0, 1] and an explanation whose feature contributions add up to it (``explain``). A
``NameIndex`` built once from a list's entries gathers each query's candidates (``index``).
Names are normalised (``normalise``: transliteration, folding, legal forms from ``legal``),
compared (``compare``: token alignment, phonetic keys from ``phonetic``, rapidfuzz) and
qualified (``qualifiers``: date of birth, country, identifiers, kind; an IMO number only when
its check digit verifies). ``screen`` sets aside unscored the candidates whose bound
(``bound``) cannot reach the threshold. ``chunks`` splits a batch of parties for task workers.
"""

from .chunks import chunks, chunks_for
from .compare import NameComparison, compare_tokens, token_similarity
from .explain import Feature, combine
from .index import Candidates, NameIndex, normalise_for
from .model import BirthDate, Entry, Identifier, Kind, Name, Party, Quality, imo_check_digit_ok
from .normalise import NormalisedName, fold, normalise, transliterate
from .phonetic import phonetic_key
from .qualifiers import DEFAULT_WEIGHTS, Evidence, Weights
from .screen import DEFAULT_THRESHOLDS, Match, Thresholds, score_entry, screen

__all__ = [
    "DEFAULT_THRESHOLDS",
    "DEFAULT_WEIGHTS",
    "BirthDate",
    "Candidates",
    "Entry",
    "Evidence",
    "Feature",
    "Identifier",
    "Kind",
    "Match",
    "Name",
    "NameComparison",
    "NameIndex",
    "NormalisedName",
    "Party",
    "Quality",
    "Thresholds",
    "Weights",
    "chunks",
    "chunks_for",
    "combine",
    "compare_tokens",
    "fold",
    "imo_check_digit_ok",
    "normalise",
    "normalise_for",
    "phonetic_key",
    "score_entry",
    "screen",
    "token_similarity",
    "transliterate",
]
