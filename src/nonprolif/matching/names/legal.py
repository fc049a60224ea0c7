"""Legal forms of companies, as data: the words a name loses before it is compared.

Latin-script forms are written folded (lower case, no accents, dots dropped: ``S.A. de C.V.``
folds to ``sa de cv``) as token tuples, so they are matched on the folded tokens of a name,
longest first, wherever they stand (a prefix such as ``OOO`` or a suffix such as ``GmbH``).
Forms in other scripts are removed from the original text before transliteration: whole words
for scripts written with spaces (Arabic, Cyrillic), a leading or trailing run for Chinese,
Japanese and Korean, which are written without them.

Only names of entities and vessels lose their legal forms; a person's ``Co`` or ``Sa`` stays.
"""

from __future__ import annotations

LATIN_FORMS: tuple[tuple[str, ...], ...] = (
    # Mexico and the Spanish-speaking world.
    ("s", "de", "rl", "de", "cv"),
    ("s", "en", "c", "de", "cv"),
    ("sapi", "de", "cv"),
    ("sab", "de", "cv"),
    ("sa", "de", "cv"),
    ("s", "de", "rl"),
    ("s", "en", "c"),
    ("sa", "de", "rl"),
    ("sapi",),
    ("sab",),
    ("sa",),
    ("srl",),
    ("sl",),
    ("sc",),
    ("ac",),
    ("ltda",),
    ("cia",),
    # English.
    ("co", "ltd"),
    ("pte", "ltd"),
    ("pvt", "ltd"),
    ("private", "limited"),
    ("public", "limited", "company"),
    ("limited", "liability", "company"),
    ("llc",),
    ("llp",),
    ("lp",),
    ("ltd",),
    ("limited",),
    ("inc",),
    ("incorporated",),
    ("corp",),
    ("corporation",),
    ("co",),
    ("company",),
    ("plc",),
    ("fze",),
    ("fzco",),
    ("fzc",),
    # German, Dutch, French, Italian.
    ("gmbh", "co", "kg"),
    ("gmbh",),
    ("ag",),
    ("kg",),
    ("bv",),
    ("nv",),
    ("sarl",),
    ("sas",),
    ("spa",),
    # Russian and the former Soviet Union, as anyascii writes them.
    ("ooo",),
    ("zao",),
    ("oao",),
    ("pao",),
    ("ao",),
    ("tov",),
    ("jsc",),
    ("cjsc",),
    ("ojsc",),
    ("pjsc",),
    # Chinese and Korean forms romanised (when a list writes them in Latin script).
    ("youxian", "gongsi"),
    ("gongsi",),
    ("jusighoesa",),
    # Arabic forms romanised.
    ("sharikat",),
    ("sharika",),
    ("shrkh",),
)
"""Folded Latin legal forms, longest first within each family (matching tries longest first)."""

SPACED_SCRIPT_FORMS: frozenset[str] = frozenset(
    {
        # Cyrillic.
        "ООО",
        "ЗАО",
        "ОАО",
        "ПАО",
        "АО",
        "ТОВ",
        "ТОО",
        # Arabic: company, limited liability company.
        "شركة",
        "ذ.م.م",
    }
)
"""Legal forms written as words of their own in a script with spaces."""

UNSPACED_SCRIPT_FORMS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "株式会社",
    "有限会社",
    "公司",
    "주식회사",
    "유한회사",
    "(주)",
)
"""Legal forms at the start or end of a Chinese, Japanese or Korean name, longest first."""

_BY_LENGTH = sorted(LATIN_FORMS, key=len, reverse=True)
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in _BY_LENGTH:  # the forms a token may start, longest first
    _BY_FIRST.setdefault(_form[0], []).append(_form)


def strip_original_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the legal forms written in its own script, and the forms removed."""
    removed: list[str] = []
    words = []
    for word in text.split():
        if word in SPACED_SCRIPT_FORMS:
            removed.append(word)
        else:
            words.append(word)
    rest = " ".join(words)
    changed = True
    while changed:
        changed = False
        for form in UNSPACED_SCRIPT_FORMS:
            if rest.endswith(form) and len(rest) > len(form):
                rest, changed = rest[: -len(form)].rstrip(), True
            elif rest.startswith(form) and len(rest) > len(form):
                rest, changed = rest[len(form) :].lstrip(), True
            if changed:
                removed.append(form)
                break
    return rest, tuple(removed)


def strip_latin_forms(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded ``tokens`` without their legal forms, and the forms removed (joined by spaces).

    A name made of nothing but legal forms keeps its tokens: ``Co`` alone is a name.
    """
    kept: list[str] = []
    removed: list[str] = []
    i = 0
    while i < len(tokens):
        for form in _BY_FIRST.get(tokens[i], ()):
            if tokens[i : i + len(form)] == form:
                removed.append(" ".join(form))
                i += len(form)
                break
        else:
            kept.append(tokens[i])
            i += 1
    if not kept:
        return tokens, ()
    return tuple(kept), tuple(removed)
