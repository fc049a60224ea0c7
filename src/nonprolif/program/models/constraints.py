from django.db import models

# The shared scalar fields of an item and of a decision that amends it, each with the suffix of
# its constraint name (the names are in the migrations: keep them).
_POSITIVE_WHEN_SET = (
    ("cohort_size", "cohort_size"),
    ("cohort_count", "cohort_count"),
    ("cadence_months", "cadence"),
    ("session_days", "session_days"),
)


def positive_when_set_constraints(prefix: str) -> list[models.CheckConstraint]:
    """CheckConstraints "empty or at least 1" on cohort_size, cohort_count, cadence_months and
    session_days, named ``<prefix>_<field>_positive``."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 1}),
            name=f"{prefix}_{suffix}_positive",
        )
        for field, suffix in _POSITIVE_WHEN_SET
    ]
