"""Requests for information: an agency asks a question of chosen agencies; the answers are
reports linked to the request (``IntelReport.request``)."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.i18n import localized_property
from nonprolif.core.scoping import is_signed_in

if TYPE_CHECKING:
    from nonprolif.core.models import User


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("request status", "Open")
    ANSWERED = "answered", pgettext_lazy("request status", "Answered")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")


class InfoRequestQuerySet(models.QuerySet["InfoRequest"]):
    def visible_to(self, user: "User") -> Self:
        """The asking agency and the agencies asked, each with clearance for the request's
        classification."""
        clearance = user.clearance if is_signed_in(user) else None
        if clearance is None or not user.agency_id:
            return self.none()
        asked = InfoRequest.recipients.through.objects.filter(
            inforequest_id=OuterRef("pk"), agency_id=user.agency_id
        )
        return self.filter(
            Q(classification__rank__lte=clearance.rank)
            & (Q(requester_id=user.agency_id) | Exists(asked))
        )


class InfoRequest(models.Model):
    title_es = models.CharField(_("question (Spanish)"), max_length=300, blank=True)
    title_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    details_es = models.TextField(_("details (Spanish)"), blank=True)
    details_en = models.TextField(_("details (English)"), blank=True)
    classification = models.ForeignKey(
        "core.ClassificationLevel",
        verbose_name=_("classification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requester = models.ForeignKey(
        "core.Agency", verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.ManyToManyField("core.Agency", verbose_name=_("asked of"), related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True, editable=False)

    objects = InfoRequestQuerySet.as_manager()

    title = localized_property("title")
    details = localized_property("details")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="intel_request_latest"),
            models.Index(fields=["status", "due_date"], name="intel_request_due"),
        ]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self) -> str:
        # Its number only: audit entries and e-mails name a request by it, never its question.
        return f"RFI-{self.pk}"
