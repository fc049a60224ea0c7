"""Intelligence reports: what an agency writes about suspicious procurement, seizures,
trafficking, incidents and assessments, under a classification and a releasability list.

The access rule (``IntelReportQuerySet.visible_to``) is the one door to every report and to
everything derived from reports (entities, links, counts, facets, exports, STIX bundles):

    the user's clearance ≥ the report's classification
    AND (the user's agency is the originator
         OR (the report is published AND the user's agency is on its releasability list
             with an effective release)).

Deny by default: no clearance, no agency, not signed in → nothing. No role widens it:
coordinators, auditors, administrators and superusers need clearance and releasability like
everyone else. A release to a foreign partner agency is effective only once a second analyst
or coordinator of the originating agency approved it.
"""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import NOTHING, is_signed_in

if TYPE_CHECKING:
    from nonprolif.core.models import User


class ReportType(models.TextChoices):
    SUSPICIOUS_PROCUREMENT = "procurement", _("Suspicious procurement")
    SEIZURE = "seizure", _("Seizure")
    TRAFFICKING = "trafficking", _("Trafficking")
    INCIDENT = "incident", _("Incident")
    ASSESSMENT = "assessment", _("Assessment")
    OUTREACH_TIP = "outreach_tip", _("Outreach tip")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    PUBLISHED = "published", pgettext_lazy("report status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("report status", "Withdrawn")


class SourceReliability(models.TextChoices):
    """The Admiralty code's source reliability."""

    A = "A", _("A: completely reliable")
    B = "B", _("B: usually reliable")
    C = "C", _("C: fairly reliable")
    D = "D", _("D: not usually reliable")
    E = "E", _("E: unreliable")
    F = "F", _("F: reliability cannot be judged")


class InformationCredibility(models.TextChoices):
    """The Admiralty code's information credibility."""

    CONFIRMED = "1", _("1: confirmed by other sources")
    PROBABLE = "2", _("2: probably true")
    POSSIBLE = "3", _("3: possibly true")
    DOUBTFUL = "4", _("4: doubtful")
    IMPROBABLE = "5", _("5: improbable")
    UNKNOWN = "6", _("6: truth cannot be judged")


class ItdbGroup(models.TextChoices):
    """The IAEA Incident and Trafficking Database's incident groups."""

    TRAFFICKING = "I", _("Group I: trafficking or malicious use")
    UNDETERMINED = "II", _("Group II: intent undetermined")
    NOT_TRAFFICKING = "III", _("Group III: not related to trafficking or malicious use")


class Tlp(models.TextChoices):
    """Traffic Light Protocol 2.0: how far the recipient may share it."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


class Pap(models.TextChoices):
    """Permissible Actions Protocol: what the recipient may do with it."""

    CLEAR = "clear", "PAP:CLEAR"
    GREEN = "green", "PAP:GREEN"
    AMBER = "amber", "PAP:AMBER"
    RED = "red", "PAP:RED"


class ReleaseState(models.TextChoices):
    EFFECTIVE = "effective", pgettext_lazy("release state", "Effective")
    PENDING = "pending", pgettext_lazy("release state", "Awaiting a second approval")
    REFUSED = "refused", pgettext_lazy("release state", "Refused")


def visible_report_q(user: "User", prefix: str = "") -> Q:
    """The access rule as a condition on reports reached through ``prefix`` ("" for the
    reports themselves, "report__" for rows that point at one). NOTHING for a user without
    clearance or agency."""
    clearance = user.clearance if is_signed_in(user) else None
    if clearance is None or not user.agency_id:
        return NOTHING
    report = prefix[:-2] if prefix else "pk"
    released = ReportRelease.objects.filter(
        report_id=OuterRef(report), agency_id=user.agency_id, state=ReleaseState.EFFECTIVE
    )
    return Q(**{f"{prefix}classification__rank__lte": clearance.rank}) & (
        Q(**{f"{prefix}originator_id": user.agency_id})
        | Q(Q(**{f"{prefix}status": ReportStatus.PUBLISHED}), Exists(released))
    )


class IntelReportQuerySet(models.QuerySet["IntelReport"]):
    def visible_to(self, user: "User") -> Self:
        """The reports ``user`` may read (the module docstring's rule)."""
        condition = visible_report_q(user)
        if condition is NOTHING:
            return self.none()
        return self.filter(condition)

    def published(self) -> Self:
        return self.filter(status=ReportStatus.PUBLISHED)


#: The fields a version keeps and compares, and that the form, the API and STIX share.
REPORT_FIELDS = (
    "title_es",
    "title_en",
    "body_es",
    "body_en",
    "report_type",
    "classification",
    "tlp",
    "pap",
    "cbrn_category",
    "material",
    "quantity",
    "country",
    "state",
    "municipality",
    "latitude",
    "longitude",
    "event_date",
    "source_reliability",
    "information_credibility",
    "itdb_group",
    "tags",
)


class IntelReport(models.Model):
    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    body_es = models.TextField(_("text (Spanish)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    report_type = models.CharField(_("type"), max_length=16, choices=ReportType.choices)
    classification = models.ForeignKey(
        "core.ClassificationLevel",
        verbose_name=_("classification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tlp = models.CharField(_("TLP"), max_length=16, choices=Tlp.choices, default=Tlp.AMBER)
    pap = models.CharField(_("PAP"), max_length=16, choices=Pap.choices, default=Pap.AMBER)
    cbrn_category = models.ForeignKey(
        "intel.CbrnCategory",
        verbose_name=_("CBRN category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    material = models.ForeignKey(
        "intel.Material",
        verbose_name=_("material or agent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    quantity = models.CharField(_("quantity"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code")
    )
    state = models.CharField(_("state"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    event_date = models.DateField(_("event date"), null=True, blank=True)
    source_reliability = models.CharField(
        _("source reliability"),
        max_length=1,
        choices=SourceReliability.choices,
        default=SourceReliability.F,
    )
    information_credibility = models.CharField(
        _("information credibility"),
        max_length=1,
        choices=InformationCredibility.choices,
        default=InformationCredibility.UNKNOWN,
    )
    itdb_group = models.CharField(
        _("ITDB incident group"), max_length=3, choices=ItdbGroup.choices, blank=True
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    originator = models.ForeignKey(
        "core.Agency",
        verbose_name=_("originator"),
        on_delete=models.PROTECT,
        related_name="intel_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="intel_reports",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    request = models.ForeignKey(
        "intel.InfoRequest",
        verbose_name=_("answers the request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The STIX 2.1 id this report travels under (report--<uuid>), kept from an imported bundle
    # so that a round trip finds the same object; and who the bundle came from.
    stix_id = models.CharField(_("STIX id"), max_length=80, blank=True, editable=False)
    external_source = models.CharField(
        _("received from"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # The version current when the report was published: the agencies it is released to read
    # that version and the later ones, never the drafts before it.
    published_version = models.PositiveIntegerField(
        _("version published"), null=True, blank=True, editable=False
    )

    objects = IntelReportQuerySet.as_manager()

    title = localized_property("title")
    body = localized_property("body")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="intel_report_latest"),
            models.Index(fields=["originator", "status"], name="intel_report_originator"),
            models.Index(fields=["-event_date", "-id"], name="intel_report_event_date"),
        ]
        verbose_name = _("intelligence report")
        verbose_name_plural = _("intelligence reports")

    def __str__(self) -> str:
        # The reference only: audit entries name a report by it, and the auditors who read
        # them need not be cleared for its title.
        return self.reference


class ReportRelease(models.Model):
    """An agency on a report's releasability list. A domestic agency's release is effective
    when the originator adds it; a foreign partner's waits for a second person's approval."""

    report = models.ForeignKey(IntelReport, on_delete=models.CASCADE, related_name="releases")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=ReleaseState.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "agency"], name="intel_release_unique")
        ]
        indexes = [
            models.Index(fields=["agency", "state", "report"], name="intel_release_agency"),
        ]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"{self.report_id} → {self.agency_id} ({self.state})"


class ReportVersion(models.Model):
    """A report as it was after one edit: every field of REPORT_FIELDS (foreign keys by code)
    and the releasability list, so that two versions compare field by field."""

    report = models.ForeignKey(IntelReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    classification = models.ForeignKey(
        "core.ClassificationLevel", on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField(_("fields"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="intel_version_unique")
        ]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


def attachment_path(instance: "ReportAttachment", filename: str) -> str:
    # The stored name is the content's hash: nothing of the uploader's file name reaches the disk.
    return f"intel/{instance.sha256[:2]}/{instance.sha256}"


class ReportAttachment(models.Model):
    """A file attached to a report, kept under MEDIA_ROOT (never served directly): size
    capped, type on an allow-list, its SHA-256 recorded. ``classification`` is the report's
    when the file was attached: a reader reads the file only when his clearance reaches it
    (a later downgrade of the report does not lower the file's)."""

    report = models.ForeignKey(IntelReport, on_delete=models.CASCADE, related_name="attachments")
    classification = models.ForeignKey(
        "core.ClassificationLevel",
        verbose_name=_("classification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        # The hash, not the file name: audit entries name an attachment by it.
        return self.sha256[:12]
