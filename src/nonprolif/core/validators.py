"""Validators shared by the models' fields.

:func:`validate_name`, on every name-like field (names, titles, places: what lists, pages,
exports and documents show to tell one thing from another), refuses a text that shows nothing
or that could pass for another: one made only of whitespace and invisible characters, and one
holding a control character (NUL included: PostgreSQL stores none), a lone surrogate (UTF-8
encodes none), a bidirectional control (it reorders what a reader sees, as in
"Trojan Source") or a zero-width space, word joiner or byte-order mark. The joiners that
some scripts and emoji need (ZWJ, ZWNJ) are left in names that show something else.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Shown nowhere, and meaningful nowhere in a name.
HIDDEN = frozenset(
    "\u200b"  # zero-width space
    "\u2060"  # word joiner
    "\ufeff"  # byte-order mark (zero-width no-break space)
    "\u200e\u200f\u061c"  # left-to-right, right-to-left, Arabic letter marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
)
# A character that shows something: a letter, a mark on one, a number, punctuation, a symbol.
VISIBLE_CATEGORIES = ("L", "M", "N", "P", "S")


def validate_name(value: str) -> None:
    """Refuse a name that shows nothing or holds a character no name needs (module doc)."""
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in HIDDEN:
            raise ValidationError(
                _("Remove the invisible or control character U+%(code)04X."),
                code="invisible_character",
                params={"code": ord(char)},
            )
    if not any(
        unicodedata.category(char)[0] in VISIBLE_CATEGORIES and unicodedata.category(char) != "Mn"
        for char in value
    ):
        raise ValidationError(
            _("Enter a name that shows something: not only spaces or invisible characters."),
            code="invisible_name",
        )
