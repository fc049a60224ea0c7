import datetime
import uuid
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.roles import Role
from nonprolif.core.scoping import (
    EVERYTHING,
    NOTHING,
    is_signed_in,
    program_member_q,
    related,
    scoped,
    sees_everything,
)
from nonprolif.core.validators import validate_name

from .constraints import positive_when_set_constraints

if TYPE_CHECKING:
    from nonprolif.core.models import User

    from .review import ItemDecision, ItemStatus, ProposalStatus

# The values of a proposal item that its proposer gives, in the order pages show them: the item
# services take them (``target_agencies`` as agencies), the item form and the API's item schemas
# carry them, and two versions of a proposal are compared on them.
ITEM_FIELDS = (
    "number",
    "kind",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "target_trainees",
    "cohort_size",
    "cohort_count",
    "start_date",
    "cadence_months",
    "session_days",
    "target_agencies",
    "notes",
)


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible_to(self, user: "User") -> Self:
        """Proposals of the programs the user can see."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__"))

    def latest_versions(self) -> Self:
        """The proposals no later version (same program, same submitting agency) supersedes."""
        return self.filter(~models.Exists(later_versions("")))


def later_versions_of(proposal: "Proposal") -> "ProposalQuerySet":
    """The versions that supersede ``proposal``."""
    return Proposal.objects.filter(
        program_id=proposal.program_id,
        submitted_by_id=proposal.submitted_by_id,
        version__gt=proposal.version,
    )


def later_versions(prefix: str) -> "ProposalQuerySet":
    """The proposals that supersede the proposal reached through ``prefix`` (an OuterRef)."""
    return Proposal.objects.filter(
        program=models.OuterRef(f"{prefix}program"),
        submitted_by=models.OuterRef(f"{prefix}submitted_by"),
        version__gt=models.OuterRef(f"{prefix}version"),
    )


class Proposal(models.Model):
    """A partner's proposal to a program. Each revision is a new version."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    submitted_by = models.ForeignKey(
        "core.Agency",
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    created_at = models.DateTimeField(auto_now_add=True)
    review_closed_at = models.DateTimeField(_("review closed at"), null=True, blank=True)
    review_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("review closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-version"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "submitted_by", "version"], name="proposal_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    title = localized_property("title")

    summary = localized_property("summary")

    @property
    def review_is_closed(self) -> bool:
        return self.review_closed_at is not None

    def _review_counts(self) -> tuple[int, int, int]:
        """(items, accepted, rejected): from the selectors' annotations when present
        (``with_review_state``), else counted."""
        if (
            hasattr(self, "item_total")
            and hasattr(self, "accepted_total")
            and hasattr(self, "rejected_total")
        ):
            return self.item_total, self.accepted_total, self.rejected_total
        from .review import Decision, ItemDecision

        current = ItemDecision.objects.current().filter(item__proposal=self)
        return (
            self.items.count(),
            current.filter(decision__in=[Decision.ACCEPTED, Decision.AMENDED]).count(),
            current.filter(decision=Decision.REJECTED).count(),
        )

    @property
    def status(self) -> "ProposalStatus":
        """The proposal's status (a ProposalStatus), derived from its items' current
        decisions and whether the review is closed; never stored."""
        from .review import derive_proposal_status

        total, accepted, rejected = self._review_counts()
        return derive_proposal_status(
            closed=self.review_is_closed, item_total=total, accepted=accepted, rejected=rejected
        )

    @property
    def outcome(self) -> "ProposalStatus":
        """What the decisions amount to (a ProposalStatus other than closed)."""
        from .review import review_outcome

        total, accepted, rejected = self._review_counts()
        return review_outcome(item_total=total, accepted=accepted, rejected=rejected)

    @property
    def is_superseded(self) -> bool:
        if hasattr(self, "superseded"):
            return self.superseded
        return later_versions_of(self).exists()

    @property
    def earliest_start(self) -> datetime.date | None:
        """The earliest start date an item of this proposal (or an amendment of one) may
        have: the later of the program's start and the proposal's submission date."""
        dates = [d for d in (self.program.start_date, self.submitted_on) if d is not None]
        return max(dates) if dates else None


class ItemKind(models.TextChoices):
    TRAINING = "training", _("Training track")
    SENIOR = "senior", _("Senior-official session")
    CONFERENCE = "conference", _("Conference support")
    OTHER = "other", _("Other")


def proposal_item_scope(user: "User", prefix: str = "") -> models.Q | None:
    """The rule for proposal items as a condition on the items reached through ``prefix``
    (``EVERYTHING``, ``NOTHING`` or a Q; see ``core.scoping``).

    Coordinators and auditors see every item; partners the items of the programs they
    partner in (with their decisions); liaisons only the items of the latest version of
    their programs' proposals that the coordinator accepted (as proposed or amended) and
    that concern their agency (items without target agencies concern every agency)."""
    if not is_signed_in(user):
        return NOTHING
    if sees_everything(user):
        return EVERYTHING
    if not user.agency_id:
        return NOTHING
    items = program_member_q(user.agency_id, f"{prefix}proposal__program__")
    if user.has_role(Role.PARTNER):
        return items
    if user.has_role(Role.LIAISON):
        return (
            items
            & accepted_for_agency_q(user.agency_id, prefix)
            & ~models.Q(models.Exists(later_versions(f"{prefix}proposal__")))
        )
    return NOTHING


class ProposalItemQuerySet(models.QuerySet["ProposalItem"]):
    def visible_to(self, user: "User") -> Self:
        """The items ``user`` may see (the rule: :func:`proposal_item_scope`)."""
        return scoped(self, proposal_item_scope(user))

    def latest_versions(self) -> Self:
        """The items of proposals no later version supersedes."""
        return self.filter(~models.Exists(later_versions("proposal__")))


def accepted_for_agency_q(agency_id: int, prefix: str = "") -> models.Q:
    """Items whose current decision accepts them (as proposed or amended) and that concern
    the agency: through the amended target agencies when the decision amends them, else
    through the item's own; no target agency means every agency."""
    from .review import Decision, ItemDecision

    item_targets = ProposalItem.target_agencies.through.objects.filter(
        proposalitem_id=models.OuterRef("item_id")
    )
    decision_targets = ItemDecision.target_agencies.through.objects.filter(
        itemdecision_id=models.OuterRef("pk")
    )
    concerns_by_item = models.Q(amends_target_agencies=False) & (
        ~models.Exists(item_targets) | models.Exists(item_targets.filter(agency_id=agency_id))
    )
    concerns_by_decision = models.Q(amends_target_agencies=True) & (
        ~models.Exists(decision_targets)
        | models.Exists(decision_targets.filter(agency_id=agency_id))
    )
    accepted = (
        ItemDecision.objects.current()
        .filter(
            item=models.OuterRef(related(prefix)),
            decision__in=[Decision.ACCEPTED, Decision.AMENDED],
        )
        .filter(concerns_by_item | concerns_by_decision)
    )
    return models.Q(models.Exists(accepted))


class ProposalItem(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.UUIDField(
        _("key"),
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text=_("The item's identity across the versions of its proposal."),
    )
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, validators=[validate_name])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_name])
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    target_trainees = models.PositiveIntegerField(_("target trainees"), null=True, blank=True)
    cohort_size = models.IntegerField(
        _("cohort size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    cohort_count = models.IntegerField(
        _("number of cohorts"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    cadence_months = models.IntegerField(
        _("cadence (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("One session every N months after the first."),
    )
    session_days = models.IntegerField(
        _("session length (business days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    target_agencies = models.ManyToManyField(
        "core.Agency",
        verbose_name=_("target agencies"),
        related_name="targeted_items",
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ProposalItemQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("proposal item")
        verbose_name_plural = _("proposal items")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="item_number_unique"),
            models.UniqueConstraint(fields=["proposal", "key"], name="item_key_unique"),
            *positive_when_set_constraints("item"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    title = localized_property("title")

    description = localized_property("description")

    @property
    def total_seats(self) -> int | None:
        if self.cohort_size and self.cohort_count:
            return self.cohort_size * self.cohort_count
        return None

    @property
    def current_decision(self) -> "ItemDecision | None":
        """The item's current decision, or None while it awaits review. Uses the decisions
        the selectors prefetch (``prefetched_decisions``, newest first) when present."""
        decisions = getattr(self, "prefetched_decisions", None)
        if decisions is not None:
            return decisions[0] if decisions else None
        return self.decisions.order_by("-at", "-pk").first()

    @property
    def status(self) -> "ItemStatus":
        """The item's review status."""
        from .review import ItemStatus

        decision = self.current_decision
        return ItemStatus(decision.decision) if decision else ItemStatus.AWAITING

    def get_status_display(self) -> str:
        from .review import ItemStatus

        return str(ItemStatus(self.status).label)

    def clean(self) -> None:
        errors = {}
        if self.cohort_count and self.cohort_count > 1 and not self.cadence_months:
            errors["cadence_months"] = _("Several cohorts need a cadence in months.")
        if self.kind == ItemKind.TRAINING and not self.start_date:
            errors["start_date"] = _("A training track needs a start date.")
        if errors:
            raise ValidationError(errors)
