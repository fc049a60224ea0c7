"""What a load did: the rows it created and updated, counted per model."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import translation


@dataclass
class SeedResult:
    """What a load did: counts of created and updated rows per model label."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def merge(self, other: SeedResult) -> SeedResult:
        self.created.update(other.created)
        self.updated.update(other.updated)
        return self

    def summary(self) -> str:
        if not self.changed:
            return "Nothing to change: the data is already loaded."
        parts = [f"created {_count(n, label)}" for label, n in sorted(self.created.items())]
        parts += [f"updated {_count(n, label)}" for label, n in sorted(self.updated.items())]
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


def _count(n: int, label: str) -> str:
    """``3 agencies`` / ``1 agency`` for the model ``label`` (e.g. ``core.agency``)."""
    meta = apps.get_model(label)._meta
    with translation.override("en"):
        return f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"
