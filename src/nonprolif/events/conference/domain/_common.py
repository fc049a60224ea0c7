"""Small helpers shared by the conference services."""

from collections.abc import Collection, Mapping

from django.core.exceptions import ValidationError
from django.db import models


def reject_unknown(fields: Mapping[str, object], allowed: Collection[str]) -> None:
    """Raise TypeError for keyword arguments a service does not take (a programming error)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")


def clean(instance: models.Model, errors: Mapping[str, list[str]] | None = None) -> None:
    """``full_clean()`` merged with ``errors``; one ValidationError naming every field."""
    combined = {name: list(messages) for name, messages in (errors or {}).items()}
    try:
        instance.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            combined.setdefault(name, []).extend(messages)
    if combined:
        raise ValidationError(combined)
