"""Small helpers shared by the program services."""

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from nonprolif.core.models import Agency, User
from nonprolif.program.models import ItemDecision, Program, Proposal, ProposalItem
from nonprolif.program.signals import review_changed


def reject_unknown(fields: Mapping[str, object], allowed: AbstractSet[str]) -> None:
    """Raise TypeError for keyword arguments a service does not take (a programming error)."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")


def merge_errors(*errors: ValidationError | None) -> None:
    """Raise one ValidationError holding every field error given."""
    combined: dict[str, list[ValidationError]] = {}
    for error in errors:
        if error is None:
            continue
        for field, messages in error.error_dict.items():
            combined.setdefault(field, []).extend(messages)
    if combined:
        raise ValidationError(combined)


def merged(*errors: ValidationError | None) -> ValidationError | None:
    """One ValidationError holding every field error given, or None if there is none."""
    try:
        merge_errors(*errors)
    except ValidationError as error:
        return error
    return None


def collect(instance: Model, **kwargs: Any) -> ValidationError | None:
    """``instance.full_clean(**kwargs)``, returning the error instead of raising it."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        return error
    return None


def ids(agencies: Iterable[Agency]) -> set[int]:
    return {agency.pk for agency in agencies}


# The review ---------------------------------------------------------------------------------


def require_latest(proposal: Proposal) -> None:
    """A ValidationError if a later version supersedes ``proposal`` (decisions, closing and
    revising apply to the latest version)."""
    newer = (
        Proposal.objects.filter(
            program_id=proposal.program_id,
            submitted_by_id=proposal.submitted_by_id,
            version__gt=proposal.version,
        )
        .order_by("-version")
        .first()
    )
    if newer is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Version %(version)s of this proposal supersedes this one; "
                    "work on the latest version."
                )
                % {"version": newer.version}
            }
        )


def current_by_item(items: Iterable[ProposalItem]) -> dict[int, ItemDecision]:
    """{item id: current decision} for ``items`` in one query."""
    current: dict[int, ItemDecision] = {}
    rows = ItemDecision.objects.filter(item__in=[i.pk for i in items]).order_by(
        "item", "-at", "-pk"
    )
    for row in rows:
        current.setdefault(row.item_id, row)
    return current


def notify_review_changed(program: Program, actor: User) -> None:
    """Send ``review_changed`` for ``program`` (inside the caller's transaction)."""
    review_changed.send(sender=ItemDecision, program=program, actor=actor)
