from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.i18n import localized
from nonprolif.core.roles import Role
from nonprolif.core.scoping import is_signed_in, program_member_q, sees_everything


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Proposals of the programs the user can see."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        return self.filter(program_member_q(user.agency_id, "program__")).distinct()


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
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    created_at = models.DateTimeField(auto_now_add=True)

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

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")


class ItemKind(models.TextChoices):
    TRAINING = "training", _("Training track")
    SENIOR = "senior", _("Senior-official session")
    CONFERENCE = "conference", _("Conference support")
    OTHER = "other", _("Other")


class ProposalItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators and auditors see every item; partners the items of the programs they
        partner in; liaisons the items of their programs that concern their agency (items
        without target agencies concern every agency)."""
        if not is_signed_in(user):
            return self.none()
        if sees_everything(user):
            return self.all()
        if not user.agency_id:
            return self.none()
        items = self.filter(program_member_q(user.agency_id, "proposal__program__"))
        if user.has_role(Role.PARTNER):
            return items.distinct()
        if user.has_role(Role.LIAISON):
            return items.filter(
                models.Q(target_agencies__isnull=True) | models.Q(target_agencies=user.agency_id)
            ).distinct()
        return self.none()


class ProposalItem(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
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
            models.CheckConstraint(
                condition=models.Q(cohort_size__isnull=True) | models.Q(cohort_size__gte=1),
                name="item_cohort_size_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(cohort_count__isnull=True) | models.Q(cohort_count__gte=1),
                name="item_cohort_count_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(cadence_months__isnull=True) | models.Q(cadence_months__gte=1),
                name="item_cadence_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(session_days__isnull=True) | models.Q(session_days__gte=1),
                name="item_session_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def total_seats(self) -> int | None:
        if self.cohort_size and self.cohort_count:
            return self.cohort_size * self.cohort_count
        return None

    def clean(self):
        errors = {}
        if self.cohort_count and self.cohort_count > 1 and not self.cadence_months:
            errors["cadence_months"] = _("Several cohorts need a cadence in months.")
        if self.kind == ItemKind.TRAINING and not self.start_date:
            errors["start_date"] = _("A training track needs a start date.")
        if errors:
            raise ValidationError(errors)
