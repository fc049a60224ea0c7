"""Writes of requests for information: asking a question of chosen agencies, answering it
with a draft report, closing it, and the reminders of the agencies that have not answered.

Audit entries name a request by its number (``RFI-<id>``) and carry no question text: the
auditors who read them need not be cleared for it. Refused attempts are audited as denied
before PermissionDenied is raised.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.core.roles import Role
from nonprolif.core.rules import has_perm
from nonprolif.core.site import site_base
from nonprolif.intel.models import (
    InfoRequest,
    IntelReport,
    RequestStatus,
)
from nonprolif.intel.reports.domain import create_report
from nonprolif.intel.requests.queries import answering_agencies

#: Days before the due date from which the agencies that have not answered are reminded
#: (settings.INTEL_REQUEST_REMINDER_LEAD_DAYS may override); overdue requests are too.
DEFAULT_REMINDER_LEAD_DAYS = 3
#: A request is reminded at most once in this interval, whatever the schedule.
REMINDER_INTERVAL = datetime.timedelta(days=1)


def request_label(info_request: InfoRequest) -> str:
    """How audit entries and e-mails name a request: its number, never its question
    (``str(info_request)``)."""
    return str(info_request)


def _refuse(
    *,
    actor: User | None,
    action: str,
    info_request: InfoRequest | None,
    changes: Mapping[str, Any] | None = None,
) -> NoReturn:
    """Audit the refused attempt (outcome denied), then raise PermissionDenied. Called
    outside the service's transaction, so the entry stays."""
    refuse(
        actor=actor,
        action=action,
        obj=info_request,
        changes=changes,
        why=_("You are not allowed to do this."),
    )


def _check_level(actor: User, classification: ClassificationLevel | None) -> None:
    if classification is not None and (
        actor.clearance is None or classification.rank > actor.clearance.rank
    ):
        raise ValidationError({"classification": _("The classification is above your clearance.")})


def create_request(
    *,
    actor: User,
    title_es: str = "",
    title_en: str = "",
    details_es: str = "",
    details_en: str = "",
    classification: ClassificationLevel | None,
    due_date: datetime.date | None,
    recipients: Iterable[Agency],
) -> InfoRequest:
    """Ask a question (in Spanish, English or both) of the chosen agencies, in the name of
    the actor's agency, classified at most at the actor's clearance, due today or later.

    Side effects: one InfoRequest row (status open, author the actor, asked by his agency),
    its recipient rows, one audit entry ("intel.request.create": classification, due date and
    the agencies asked; no question text). PermissionDenied, audited as denied, unless the
    actor is an analyst with an agency and a clearance; ValidationError naming the field on
    bad input. Nothing else is written then.
    """
    if not has_perm("intel.add_request", actor):
        _refuse(actor=actor, action="intel.request.create", info_request=None)
    agencies = list(dict.fromkeys(recipients))
    info_request = InfoRequest(
        title_es=title_es.strip(),
        title_en=title_en.strip(),
        details_es=details_es,
        details_en=details_en,
        classification=classification,
        due_date=due_date,  # type: ignore[misc]  # None: full_clean names the field
        requester_id=actor.agency_id,
        author=actor,
        status=RequestStatus.OPEN,
    )
    errors: dict[str, list[str]] = {}
    try:
        info_request.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if not info_request.title_es and not info_request.title_en:
        errors.setdefault("title_es", []).append(_("Write the question in Spanish or English."))
    try:
        _check_level(actor, classification)
    except ValidationError as error:
        errors.update(error.message_dict)
    if due_date is not None and "due_date" not in errors and due_date < clock.today():
        errors.setdefault("due_date", []).append(_("The due date is in the past."))
    if not agencies:
        errors.setdefault("recipients", []).append(_("Choose at least one agency to ask."))
    elif any(agency.pk == actor.agency_id for agency in agencies):
        errors.setdefault("recipients", []).append(_("Your own agency cannot be asked."))
    if errors:
        raise ValidationError(errors)
    assert classification is not None
    assert due_date is not None
    with transaction.atomic():
        info_request.save()
        info_request.recipients.set(agencies)
        record(
            actor=actor,
            action="intel.request.create",
            obj=info_request,
            object_repr=request_label(info_request),
            changes={
                "classification": [None, classification.code],
                "due_date": [None, due_date.isoformat()],
                "recipients": [None, sorted(agency.code for agency in agencies)],
            },
        )
    return info_request


def close_request(*, actor: User, info_request: InfoRequest) -> InfoRequest:
    """Close a request (an analyst of the asking agency, cleared for it): it is no longer
    answered nor reminded.

    Side effects: the status becomes closed; one audit entry ("intel.request.close").
    PermissionDenied, audited as denied, for anybody else or a closed request; nothing is
    written then.
    """
    if not has_perm("intel.close_request", actor, info_request):
        _refuse(actor=actor, action="intel.request.close", info_request=info_request)
    before = info_request.status
    with transaction.atomic():
        info_request.status = RequestStatus.CLOSED
        info_request.save(update_fields=["status"])
        record(
            actor=actor,
            action="intel.request.close",
            obj=info_request,
            object_repr=request_label(info_request),
            changes={"status": [before, RequestStatus.CLOSED]},
        )
    return info_request


# Answers -------------------------------------------------------------------------------------


def answer_request(
    *,
    actor: User,
    info_request: InfoRequest,
    report_type: str,
    classification: ClassificationLevel | None,
    title_es: str = "",
    title_en: str = "",
    body_es: str = "",
    body_en: str = "",
) -> IntelReport:
    """Answer a request with a draft report of the actor's agency (an analyst of an agency
    asked, cleared for the request, while it is open). The report is classified at most at
    the actor's clearance; its author publishes it and releases it to the asking agency as
    any other report.

    Side effects: one IntelReport row (draft, originator the actor's agency, reference
    ``<AGENCY>-<YEAR>-<NNNN>`` numbered under a lock on the agency's row, ``request`` set),
    its first ReportVersion, and two audit entries ("intel.report.create" on the report,
    "intel.request.answer" on the request). PermissionDenied, audited as denied, for anybody
    else; ValidationError naming the field on bad input. Nothing else is written then.
    """
    if not has_perm("intel.answer_request", actor, info_request):
        _refuse(actor=actor, action="intel.request.answer", info_request=info_request)
    title_es, title_en = title_es.strip(), title_en.strip()
    errors: dict[str, list[str]] = {}
    if not title_es and not title_en:
        errors["title_es"] = [_("Write a title in Spanish or English.")]
    if classification is None:
        errors["classification"] = [_("Choose a classification.")]
    else:
        try:
            _check_level(actor, classification)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    fields = {
        "title_es": title_es,
        "title_en": title_en,
        "body_es": body_es,
        "body_en": body_en,
        "report_type": report_type,
        "classification": classification,
    }
    with transaction.atomic():
        report = create_report(actor=actor, request=info_request, **fields)
        record(
            actor=actor,
            action="intel.request.answer",
            obj=info_request,
            object_repr=request_label(info_request),
            changes={"report": [None, report.reference]},
        )
    return report


# Reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestReminder:
    """One reminder sent: the request, the agency reminded, the address."""

    request_id: int
    agency_id: int
    email: str


def reminder_lead_days() -> int:
    value = getattr(settings, "INTEL_REQUEST_REMINDER_LEAD_DAYS", DEFAULT_REMINDER_LEAD_DAYS)
    return DEFAULT_REMINDER_LEAD_DAYS if value is None else max(int(value), 0)


def _analysts_to_remind(info_request: InfoRequest, agency_ids: set[int]) -> list[User]:
    """The active analysts of those agencies, with an address, cleared for the request."""
    return list(
        User.objects.filter(
            agency_id__in=agency_ids,
            is_active=True,
            groups__name=Role.ANALYST,
            clearance__rank__gte=info_request.classification.rank,
        )
        .exclude(email="")
        .order_by("agency_id", "username")
        .distinct()
    )


def _reminder_message(info_request: InfoRequest, user: User, base_url: str | None) -> EmailMessage:
    """The message carries a link only: no question, no classification, no agency (e-mail
    is not cleared for classified text)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "label": request_label(info_request),
            "link": site_base(base_url) + reverse("intel_request_detail", args=[info_request.pk]),
        }
        subject = _("A request for information awaits your agency's answer")
        body = render_to_string("intel/requests/email/reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def remind_due_requests(
    *,
    now: datetime.datetime | None = None,
    lead_days: int | None = None,
    base_url: str | None = None,
) -> list[RequestReminder]:
    """Remind the agencies asked that have not answered the open requests due within
    ``lead_days`` (default settings.INTEL_REQUEST_REMINDER_LEAD_DAYS, else 3) or overdue:
    each of their active analysts cleared for the request, with an address, gets an e-mail
    in his language carrying only a link to the request. A request is reminded at most once
    a day (``reminded_at``); one with nobody left to remind is not marked.

    Side effects: the e-mails; ``reminded_at`` set on each request reminded; one audit entry
    per request reminded ("intel.request.remind", no actor, the addresses). Returns the
    reminders sent.
    """
    now = now or clock.now()
    lead = lead_days if lead_days is not None else reminder_lead_days()
    horizon = clock.today() + datetime.timedelta(days=lead)
    due = (
        InfoRequest.objects.filter(status=RequestStatus.OPEN, due_date__lte=horizon)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_INTERVAL))
        .select_related("classification")
        .prefetch_related("recipients")
        .order_by("due_date", "pk")
    )
    sent: list[RequestReminder] = []
    for info_request in due:
        waiting = {agency.pk for agency in info_request.recipients.all()}
        waiting -= answering_agencies(info_request)
        users = _analysts_to_remind(info_request, waiting) if waiting else []
        if not users:
            continue
        messages = [_reminder_message(info_request, user, base_url) for user in users]
        with transaction.atomic():
            for message in messages:
                message.send()
            InfoRequest.objects.filter(pk=info_request.pk).update(reminded_at=now)
            record(
                actor=None,
                action="intel.request.remind",
                obj=info_request,
                object_repr=request_label(info_request),
                changes={"to": [None, [user.email for user in users]]},
            )
        sent.extend(
            RequestReminder(request_id=info_request.pk, agency_id=user.agency_id, email=user.email)
            for user in users
            if user.agency_id is not None
        )
    return sent
