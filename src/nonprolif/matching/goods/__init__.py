"""Goods matching: a declaration line (tariff code, description in Spanish or English, CAS
numbers) against dual-use control-list entries, each match with its reasons.

``ControlEntry`` and ``DeclarationLine`` go in (``model``); ``match_line`` over a
``GoodsIndex`` gives a ``LineResult``: the ``GoodsMatch`` es, each with a score in [0, 1] and
its ``Reason`` s (``match``), and the CAS numbers whose check digit failed. The pieces: CAS
numbers (``cas``: parse, check digit, find in text), the tariff code's correlation
(``tariff``), keywords through an Aho–Corasick automaton (``keywords``, over ``fold``).
"""

from . import cas
from .cas import CasInText, check_digit, find_in_text, is_valid, parse
from .fold import fold
from .keywords import KeywordAutomaton, KeywordHit
from .match import DEFAULT_STRENGTHS, GoodsIndex, Strengths, match_line
from .model import ControlEntry, DeclarationLine, GoodsMatch, LineResult, Reason
from .tariff import TariffCorrelation, correlate, digits

__all__ = [
    "DEFAULT_STRENGTHS",
    "CasInText",
    "ControlEntry",
    "DeclarationLine",
    "GoodsIndex",
    "GoodsMatch",
    "KeywordAutomaton",
    "KeywordHit",
    "LineResult",
    "Reason",
    "Strengths",
    "TariffCorrelation",
    "cas",
    "check_digit",
    "correlate",
    "digits",
    "find_in_text",
    "fold",
    "is_valid",
    "match_line",
    "parse",
]
