"""Issuing and revoking certificates of completion."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

import nonprolif.training.certificates.rules  # noqa: F401  (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.training.attendance.domain import program_today
from nonprolif.training.attendance.queries import session_completions
from nonprolif.training.certificates import codes
from nonprolif.training.models import Certificate, Session

CODE_ATTEMPTS = 5


@dataclass
class IssueReport:
    """What one run of :func:`issue_certificates` did."""

    issued: list[Certificate] = field(default_factory=list)
    already: list[Certificate] = field(default_factory=list)  # issued before (maybe revoked)
    incomplete: int = 0  # participants below the completion rule


def _create_all(certificates: list[Certificate]) -> list[Certificate]:
    """Insert ``certificates`` at once, each with a fresh verification code (drawn again for
    all on the unlikely collision with a stored code)."""
    for _attempt in range(CODE_ATTEMPTS):
        for certificate in certificates:
            certificate.code = codes.new_code()
        drawn = [c.code for c in certificates]
        try:
            with transaction.atomic():
                return Certificate.objects.bulk_create(certificates)
        except IntegrityError:
            if len(set(drawn)) < len(drawn) or Certificate.objects.filter(code__in=drawn).exists():
                continue
            raise
    raise RuntimeError("could not draw unique certificate codes")  # pragma: no cover


def issue_certificates(*, actor: User, session: Session) -> IssueReport:
    """Issue a certificate to every participant of ``session`` who completed it (present on
    at least the item's completion percentage of the session's days; 80 % when the item
    has no settings) and has none for this session yet. Idempotent: running it again
    issues only to those who completed since; a revoked certificate is not issued again.

    The session must have ended (its last day not after today in the program's time zone).
    Each certificate keeps, as issued, the official's name, the item's titles, the session's
    dates, the attendance and the rule applied, and gets a verification code.

    The whole session at once, in a fixed number of queries whatever its size: the
    participants and their attendance read once, the certificates inserted together.

    Side effects, in one transaction: one Certificate row per certificate issued and, when
    any was, one AuditEntry ("certificate.issue_session", on the session) whose object ids
    are the certificates issued. PermissionDenied unless the actor may issue certificates
    (coordinators); ValidationError on ``session`` when it has not ended.
    """
    require_perm(actor, "training.issue_certificates", session)
    report = IssueReport()
    with transaction.atomic():
        current = Session.objects.select_related("program").select_for_update().get(pk=session.pk)
        if current.end > program_today(current.program):
            raise ValidationError(
                {
                    "session": _(
                        "The session has not ended yet (last day: %(day)s): certificates "
                        "are issued once it is over."
                    )
                    % {"day": formats.date_format(current.end, "DATE_FORMAT")}
                }
            )
        existing = {c.official_id: c for c in Certificate.objects.filter(session=current)}
        now = clock.now()
        new = []
        for completion in session_completions(current):
            official = completion.participant.official
            if official.pk in existing:
                report.already.append(existing[official.pk])
                continue
            if not completion.complete:
                report.incomplete += 1
                continue
            certificate = Certificate(
                program=current.program,
                session=current,
                official=official,
                official_name=official.full_name,
                item_key=current.item_key,
                item_number=current.item_number,
                title_es=current.title_es,
                title_en=current.title_en,
                start=current.start,
                end=current.end,
                days_total=completion.total_days,
                days_present=completion.present_days,
                completion_percent=completion.percent_needed,
                code="pending",
                issued_by=actor,
                issued_at=now,
            )
            # Its foreign keys are the session, its program, a participant and the actor,
            # all read above: only the values are validated.
            certificate.full_clean(
                exclude=["code", "program", "session", "official", "issued_by", "revoked_by"],
                validate_unique=False,
                validate_constraints=False,
            )
            new.append(certificate)
        if new:
            report.issued = _create_all(new)
            record(
                actor=actor,
                action="certificate.issue_session",
                obj=current,
                object_ids=[c.pk for c in report.issued],
                changes={"issued": [None, len(report.issued)]},
            )
    return report


def revoke_certificate(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke ``certificate``: its verification then shows it as revoked.

    Side effects, in one transaction: the Certificate row (``revoked_at``, ``revoked_by``,
    ``revocation_reason``) and one AuditEntry ("certificate.revoke"). PermissionDenied
    unless the actor may revoke certificates (coordinators); ValidationError on ``reason``
    when it is empty, and on ``certificate`` when it is revoked already.
    """
    require_perm(actor, "training.revoke_certificate", certificate)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if current.revoked_at is not None:
            raise ValidationError({"certificate": _("This certificate is revoked already.")})
        current.revoked_at = clock.now()
        current.revoked_by = actor
        current.revocation_reason = reason
        current.full_clean(exclude=["code"], validate_constraints=False)
        current.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        record(
            actor=actor,
            action="certificate.revoke",
            obj=current,
            changes={"revoked_at": [None, current.revoked_at.isoformat()], "reason": ["", reason]},
        )
    certificate.revoked_at = current.revoked_at
    certificate.revoked_by = actor
    certificate.revocation_reason = reason
    return certificate
