"""Bilingual content: fields people type come in Spanish (``*_es``) and English (``*_en``)."""

from django.utils.translation import get_language


def content_language() -> str:
    """'en' when the active UI language is English, otherwise 'es' (the default)."""
    return "en" if (get_language() or "").lower().startswith("en") else "es"


def localized(obj, field: str) -> str:
    """The value of ``field`` in the active language, falling back to the other one."""
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")


class LocalizedNameMixin:
    """Adds ``name`` from ``name_es``/``name_en``."""

    @property
    def name(self) -> str:
        return localized(self, "name")
