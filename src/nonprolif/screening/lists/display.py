"""An entry's content as the pages show it: its names with their quality and script, and the
fields a change changed, before and after."""

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The first word of a letter's Unicode name, for the scripts lists publish names in.
SCRIPTS = {
    "LATIN": _("Latin"),
    "CYRILLIC": _("Cyrillic"),
    "ARABIC": _("Arabic"),
    "HANGUL": _("Hangul"),
    "CJK": _("Chinese characters"),
    "HEBREW": _("Hebrew"),
    "GREEK": _("Greek"),
    "HIRAGANA": _("Japanese kana"),
    "KATAKANA": _("Japanese kana"),
    "PERSIAN": _("Arabic"),
    "THAI": _("Thai"),
    "DEVANAGARI": _("Devanagari"),
}

QUALITIES = {
    "strong": pgettext_lazy("name quality", "Strong"),
    "weak": pgettext_lazy("name quality", "Weak"),
}

#: The fields of a content a change compares, in the order shown.
FIELDS = {
    "kind": _("Kind"),
    "names": _("Names"),
    "birth_dates": _("Dates of birth"),
    "countries": _("Countries"),
    "identifiers": _("Identifiers"),
    "programmes": _("Programmes"),
    "listed_on": _("Listed on"),
    "remarks": _("Remarks"),
}


def script_of(text: str) -> str:
    """The script of the first letter of ``text`` (its Unicode name's first word), named."""
    for char in text:
        if char.isalpha():
            word = unicodedata.name(char, "").split(" ")[0]
            return str(SCRIPTS.get(word, word.title()))
    return ""


@dataclass(frozen=True)
class NameRow:
    text: str
    quality: str
    weak: bool
    script: str


def names_of(content: dict[str, Any]) -> list[NameRow]:
    return [
        NameRow(
            text=name["text"],
            quality=str(QUALITIES.get(name.get("quality", ""), name.get("quality", ""))),
            weak=name.get("quality") == "weak",
            script=script_of(name["text"]),
        )
        for name in content.get("names", ())
    ]


def identifier_text(identifier: dict[str, Any]) -> str:
    country = identifier.get("country")
    return f"{identifier['kind']}: {identifier['number']}" + (f" ({country})" if country else "")


def _as_lines(field: str, value: Any) -> list[str]:
    """A content field as lines of text."""
    if value in (None, "", []):
        return []
    if field == "names":
        return [name["text"] + (" ~" if name.get("quality") == "weak" else "") for name in value]
    if field == "identifiers":
        return [identifier_text(identifier) for identifier in value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: list[str]
    after: list[str]


def changed_fields(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[FieldChange]:
    """The fields whose value differs between two contents, with both values as lines."""
    before, after = before or {}, after or {}
    return [
        FieldChange(
            str(label), _as_lines(field, before.get(field)), _as_lines(field, after.get(field))
        )
        for field, label in FIELDS.items()
        if before.get(field) != after.get(field)
    ]
