"""Small helpers shared by the coordination services."""

from collections.abc import Collection, Mapping


def reject_unknown(fields: Mapping[str, object], allowed: Collection[str]) -> None:
    """Raise TypeError for keyword arguments a service does not take (a programming error)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
