"""What changed between two versions of a proposal, as a user sees them."""

from dataclasses import dataclass, field

from django.db.models import Field, Model
from django.utils.translation import gettext as _

from nonprolif.core.models import User
from nonprolif.program.models import ITEM_FIELDS, ItemKind, Proposal, ProposalItem
from nonprolif.program.models.proposal import ProposalQuerySet

from .proposals import proposal_items, proposals_for


def _shown(name: str, value: object) -> object:
    """A compared value as pages show it: the kind's label, the agencies' codes (none: every
    agency); dates and numbers as they are (the template formats them)."""
    if name == "kind" and value:
        return ItemKind(str(value)).label
    if name == "target_agencies":
        codes = value if isinstance(value, tuple) else ()
        return ", ".join(codes) if codes else _("All agencies")
    return value


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: object
    new: object

    @property
    def shown_old(self) -> object:
        return _shown(self.name, self.old)

    @property
    def shown_new(self) -> object:
        return _shown(self.name, self.new)


@dataclass
class ItemChange:
    old: ProposalItem
    new: ProposalItem
    fields: list[FieldChange]


@dataclass
class ProposalChanges:
    """What changed from ``previous`` (version N-1, None for a first version) to
    ``proposal``: items added, removed and changed (field by field), matched by item key."""

    proposal: Proposal
    previous: Proposal | None
    added: list[ProposalItem] = field(default_factory=list)
    removed: list[ProposalItem] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: list[ProposalItem] = field(default_factory=list)
    proposal_fields: list[FieldChange] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.proposal_fields)


def _compared_value(item: ProposalItem, name: str) -> object:
    if name == "target_agencies":
        return tuple(sorted(agency.code for agency in item.target_agencies.all()))
    return getattr(item, name)


def _field_label(model: type[Model], name: str) -> str:
    """The verbose name of the model's own field ``name``."""
    field = model._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name


def proposal_versions(user: User, proposal: Proposal) -> ProposalQuerySet:
    """Every version of ``proposal`` (same program and submitting agency) that ``user`` can
    see, newest first."""
    return (
        Proposal.objects.visible_to(user)
        .filter(program_id=proposal.program_id, submitted_by_id=proposal.submitted_by_id)
        .only("pk", "version", "submitted_on", "program_id", "submitted_by_id")
        .order_by("-version")
    )


def previous_version(user: User, proposal: Proposal) -> Proposal | None:
    """The version of ``proposal`` before it that ``user`` can see (same program and
    submitting agency), or None."""
    return (
        proposals_for(user)
        .filter(
            program_id=proposal.program_id,
            submitted_by_id=proposal.submitted_by_id,
            version__lt=proposal.version,
        )
        .order_by("-version")
        .first()
    )


def proposal_changes(user: User, proposal: Proposal) -> ProposalChanges:
    """The field-by-field changes from the previous version of ``proposal`` to it, over the
    items ``user`` can see on each side. A fixed number of queries."""
    previous = previous_version(user, proposal)
    changes = ProposalChanges(proposal=proposal, previous=previous)
    new_items = list(proposal_items(user, proposal).order_by("number"))
    if previous is None:
        changes.added = new_items
        return changes
    old_items = {item.key: item for item in proposal_items(user, previous).order_by("number")}
    for name in ("title_es", "title_en", "summary_es", "summary_en", "submitted_on"):
        before, after = getattr(previous, name), getattr(proposal, name)
        if before != after:
            changes.proposal_fields.append(
                FieldChange(name=name, label=_field_label(Proposal, name), old=before, new=after)
            )
    for item in new_items:
        old = old_items.pop(item.key, None)
        if old is None:
            changes.added.append(item)
            continue
        fields = [
            FieldChange(
                name=name,
                label=_field_label(ProposalItem, name),
                old=_compared_value(old, name),
                new=_compared_value(item, name),
            )
            for name in ITEM_FIELDS
            if _compared_value(old, name) != _compared_value(item, name)
        ]
        if fields:
            changes.changed.append(ItemChange(old=old, new=item, fields=fields))
        else:
            changes.unchanged.append(item)
    changes.removed = list(old_items.values())
    return changes
