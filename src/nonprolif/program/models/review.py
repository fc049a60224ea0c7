"""The coordinator's decisions on the items of a partner's proposal.

Each decision is a row; the latest row of an item (by time, then id) is its current decision
and the earlier rows are its history. Nothing is ever updated or deleted here: revising a
decision adds a row.
"""

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constraints import positive_when_set_constraints

if TYPE_CHECKING:
    from nonprolif.core.models import User


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    AMENDED = "amended", _("Accepted with amendments")


class ItemStatus(models.TextChoices):
    """An item's review status: its current decision, or awaiting review without one."""

    AWAITING = "awaiting_review", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    AMENDED = "amended", _("Accepted with amendments")
    REJECTED = "rejected", _("Rejected")


class ProposalStatus(models.TextChoices):
    """A proposal's status, derived from its items' current decisions (never stored)."""

    UNDER_REVIEW = "under_review", _("Under review")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Review closed")


# The values a decision may amend (besides the target agencies).
AMENDABLE_FIELDS = ("cohort_size", "cohort_count", "start_date", "cadence_months", "session_days")


class ItemDecisionQuerySet(models.QuerySet["ItemDecision"]):
    def visible_to(self, user: "User") -> Self:
        """The decisions on the items ``user`` can see (one access rule: the items')."""
        from nonprolif.core.scoping import scoped
        from nonprolif.program.models.proposal import proposal_item_scope

        return scoped(self, proposal_item_scope(user, "item__"))

    def current(self) -> Self:
        """Each item's current decision: the decisions no later decision of the same item
        follows (later ``at``, or the same ``at`` and a higher id)."""
        later = ItemDecision.objects.filter(item=models.OuterRef("item")).filter(
            models.Q(at__gt=models.OuterRef("at"))
            | models.Q(at=models.OuterRef("at"), pk__gt=models.OuterRef("pk"))
        )
        return self.filter(~models.Exists(later))


class ItemDecision(models.Model):
    item = models.ForeignKey(
        "program.ProposalItem",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    rationale = models.TextField(_("rationale"), blank=True)
    cohort_size = models.IntegerField(
        _("cohort size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    cohort_count = models.IntegerField(
        _("number of cohorts"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    cadence_months = models.IntegerField(
        _("cadence (months)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    session_days = models.IntegerField(
        _("session length (business days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    amends_target_agencies = models.BooleanField(_("amends the target agencies"), default=False)
    target_agencies = models.ManyToManyField(
        "core.Agency",
        verbose_name=_("target agencies"),
        related_name="+",
        blank=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("decided at"), default=timezone.now, db_index=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The decision on the same item of the previous version, kept on revision."),
    )

    objects = ItemDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "-at", "-pk"]
        get_latest_by = ["at", "pk"]
        indexes = [models.Index(fields=["item", "at", "id"], name="item_decision_by_at")]
        verbose_name = _("item decision")
        verbose_name_plural = _("item decisions")
        constraints = [
            *positive_when_set_constraints("decision"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_decision_display()}"

    @property
    def is_acceptance(self) -> bool:
        return self.decision in (Decision.ACCEPTED, Decision.AMENDED)

    def amended_values(self) -> dict[str, object]:
        """{field: value} of the scalar values this decision amends."""
        if self.decision != Decision.AMENDED:
            return {}
        return {
            name: getattr(self, name)
            for name in AMENDABLE_FIELDS
            if getattr(self, name) is not None
        }

    def effective(self, name: str) -> Any:
        """The item's value of ``name`` once this decision applies (amended or its own)."""
        if self.decision == Decision.AMENDED and getattr(self, name) is not None:
            return getattr(self, name)
        return getattr(self.item, name)

    def clean(self) -> None:
        errors = {}
        if self.decision in (Decision.REJECTED, Decision.AMENDED) and not self.rationale.strip():
            errors["rationale"] = _("Give the reason for rejecting or amending the item.")
        if self.decision != Decision.AMENDED and (
            self.amended_values_given() or self.amends_target_agencies
        ):
            errors["decision"] = _("Only an acceptance with amendments can change values.")
        if errors:
            raise ValidationError(errors)

    def amended_values_given(self) -> bool:
        return any(getattr(self, name) is not None for name in AMENDABLE_FIELDS)


def derive_proposal_status(
    *, closed: bool, item_total: int, accepted: int, rejected: int
) -> ProposalStatus:
    """A proposal's status from its items' current decisions.

    Closed once the coordinator closes the review; otherwise under review while any item
    awaits a decision (or there is no item yet); then accepted (every item accepted, as
    proposed or amended), rejected (every item rejected) or partly accepted.
    """
    if closed:
        return ProposalStatus.CLOSED
    return review_outcome(item_total=item_total, accepted=accepted, rejected=rejected)


def review_outcome(*, item_total: int, accepted: int, rejected: int) -> ProposalStatus:
    """What the decisions amount to, whether or not the review is closed."""
    if item_total == 0 or accepted + rejected < item_total:
        return ProposalStatus.UNDER_REVIEW
    if rejected == 0:
        return ProposalStatus.ACCEPTED
    if accepted == 0:
        return ProposalStatus.REJECTED
    return ProposalStatus.PARTLY_ACCEPTED
