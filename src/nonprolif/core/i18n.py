"""Bilingual content: fields people type come in Spanish (``*_es``) and English (``*_en``)."""

from django.utils.translation import get_language, gettext_noop


def content_language() -> str:
    """'en' when the active UI language is English, otherwise 'es' (the default)."""
    return "en" if (get_language() or "").lower().startswith("en") else "es"


def localized(obj, field: str) -> str:
    """The value of ``field`` in the active language, falling back to the other one."""
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")


def localized_property(field: str) -> property:
    """``title = localized_property("title")``: the field in the active language."""
    return property(lambda obj: localized(obj, field), doc=f"{field} in the active language")


class LocalizedNameMixin:
    """Adds ``name`` from ``name_es``/``name_en``."""

    name = localized_property("name")


# Django's own Spanish catalogue capitalises month names ("28 de Agosto de 2009"); Spanish
# writes them in lower case. Listing them here puts them in our catalogue, which Django reads
# first, with the correct forms.
MONTH_NAMES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]

# The same for weekday names and their abbreviations ("Lunes", "Mie" in Django's catalogue).
WEEKDAY_NAMES = [
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
]
