"""Small helpers shared by the program services."""

from django.core.exceptions import ValidationError


def reject_unknown(fields: dict, allowed: set[str]) -> None:
    """Raise TypeError for keyword arguments a service does not take (a programming error)."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")


def merge_errors(*errors: ValidationError | None) -> None:
    """Raise one ValidationError holding every field error given."""
    combined: dict = {}
    for error in errors:
        if error is None:
            continue
        for field, messages in error.error_dict.items():
            combined.setdefault(field, []).extend(messages)
    if combined:
        raise ValidationError(combined)


def collect(instance, **kwargs) -> ValidationError | None:
    """``instance.full_clean(**kwargs)``, returning the error instead of raising it."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        return error
    return None


def ids(agencies) -> set[int]:
    return {agency.pk for agency in agencies}
