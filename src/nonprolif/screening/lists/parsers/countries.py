"""Country names as the lists write them, to ISO 3166 alpha-2 codes.

A two-letter code is taken as it is when ISO assigns it; a name is looked up folded (case,
accents, punctuation and the word "the" set aside) in a small table of the names the UN, OFAC,
EU, UK and trade.gov lists use for the countries they list most. A name not in it is skipped.
"""

from __future__ import annotations

import re

from anyascii import anyascii

_CODES = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
ZM ZW"""
ISO_CODES = frozenset(_CODES.split())

_NAMES = {
    "AE": ("united arab emirates", "uae"),
    "AF": ("afghanistan",),
    "BY": ("belarus",),
    "CN": ("china", "peoples republic of china", "prc"),
    "CU": ("cuba",),
    "DE": ("germany",),
    "ES": ("spain",),
    "FR": ("france",),
    "GB": ("united kingdom", "uk", "great britain"),
    "HK": ("hong kong", "hong kong china"),
    "IN": ("india",),
    "IQ": ("iraq",),
    "IR": ("iran", "iran islamic republic of", "islamic republic of iran"),
    "KP": (
        "democratic peoples republic of korea",
        "korea north",
        "north korea",
        "dprk",
        "korea democratic peoples republic of",
    ),
    "KR": ("republic of korea", "korea south", "south korea"),
    "LB": ("lebanon",),
    "LY": ("libya",),
    "MM": ("myanmar", "burma"),
    "MX": ("mexico", "mexique"),
    "MY": ("malaysia",),
    "PA": ("panama",),
    "PK": ("pakistan",),
    "RU": ("russia", "russian federation"),
    "SD": ("sudan",),
    "SG": ("singapore",),
    "SY": ("syria", "syrian arab republic"),
    "TR": ("turkey", "turkiye"),
    "TW": ("taiwan",),
    "UA": ("ukraine",),
    "US": ("united states", "united states of america", "usa"),
    "VE": ("venezuela", "venezuela bolivarian republic of"),
    "YE": ("yemen",),
}

_BY_NAME = {name: code for code, names in _NAMES.items() for name in names}
_NOISE = re.compile(r"[^a-z ]+")


def _fold(text: str) -> str:
    words = _NOISE.sub(" ", anyascii(text).lower().replace("'", "")).split()
    return " ".join(word for word in words if word != "the")


def country_code(text: str | None) -> str | None:
    """The ISO 3166 alpha-2 code of ``text`` (a code or a country's name), or ``None``."""
    if not text or not text.strip():
        return None
    stripped = text.strip()
    if len(stripped) == 2 and stripped.upper() in ISO_CODES:
        return stripped.upper()
    return _BY_NAME.get(_fold(stripped))
