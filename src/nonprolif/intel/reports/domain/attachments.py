"""The writes of a report's attachments: attaching a file (type by content and extension,
size cap, SHA-256, stored by hash) and removing one, by the report's writers."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.intel.models import (
    IntelReport,
    ReportAttachment,
)
from nonprolif.intel.reports import attachments
from nonprolif.intel.reports.domain.reports import _changeable, _denied, _require_writer


def add_attachment(*, actor: User, report: IntelReport, file: Any) -> ReportAttachment:
    """Attach ``file`` (an uploaded file) to ``report``.

    The size is capped (``attachments.max_bytes()``); the type must be on the allow-list
    (pdf, png, jpeg, txt, csv, xlsx, docx) by its content and its extension alike. Side
    effects, in one transaction: the file stored under MEDIA_ROOT/intel/ named by its
    SHA-256 (removed again if the transaction fails), the ReportAttachment row (with the
    report's classification now: a later downgrade does not lower the file's), one audit
    entry ("intel.attachment.upload", naming the hash). PermissionDenied (audited denied)
    unless the actor writes the report; ValidationError on ``file`` otherwise.
    """
    limit = attachments.max_bytes()
    size = getattr(file, "size", None)
    if file is None:
        raise ValidationError({"file": _("Choose a file.")})
    if size is not None and size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}}
        )
    content = file.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}}
        )
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    name = attachments.clean_name(getattr(file, "name", ""))
    kind = attachments.sniff(content, name)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Not an allowed type, or its name does not match its content: attach a "
                    "PDF, PNG, JPEG, text, CSV, XLSX or DOCX file."
                )
            }
        )
    digest = hashlib.sha256(content).hexdigest()
    _require_writer(actor, report, "intel.attachment.upload")
    stored = None
    try:
        with transaction.atomic():
            current = _changeable(actor, report)
            attachment = ReportAttachment(
                report=current,
                classification_id=current.classification_id,
                name=name,
                content_type=attachments.content_type(kind),
                size=len(content),
                sha256=digest,
                uploaded_by=actor,
            )
            attachment.file.save(name, ContentFile(content), save=False)
            stored = attachment.file.name
            attachment.full_clean()
            attachment.save()
            record(
                actor=actor,
                action="intel.attachment.upload",
                obj=attachment,
                changes={"report": [None, current.reference], "sha256": [None, digest]},
            )
    except Exception:
        if stored:
            ReportAttachment.file.field.storage.delete(stored)
        raise
    return attachment


def remove_attachment(*, actor: User, attachment: ReportAttachment) -> None:
    """Remove ``attachment`` from its report (say, a file attached while the report was
    classified higher than it is now).

    Side effects, in one transaction: the ReportAttachment row deleted, one audit entry
    ("intel.attachment.remove", naming the report and the hash); once committed, the stored
    file deleted unless another attachment has the same content. PermissionDenied (audited
    denied) unless the actor writes the report and his clearance reaches the attachment's
    classification.
    """
    report = attachment.report
    stored = (
        ReportAttachment.objects.select_related("classification").filter(pk=attachment.pk).first()
    )
    _require_writer(actor, report, "intel.attachment.remove")
    if stored is None:
        raise ValidationError({"attachment": _("No such attachment.")})
    if actor.clearance is None or stored.classification.rank > actor.clearance.rank:
        _denied(
            actor=actor,
            action="intel.attachment.remove",
            obj=stored,
            why=_("This attachment is classified above your clearance."),
        )
    with transaction.atomic():
        current = _changeable(actor, report)
        name = stored.file.name
        digest = stored.sha256
        record(
            actor=actor,
            action="intel.attachment.remove",
            obj=stored,
            changes={"report": [current.reference, None], "sha256": [digest, None]},
        )
        stored.delete()

        def delete_file() -> None:
            if name and not ReportAttachment.objects.filter(file=name).exists():
                ReportAttachment.file.field.storage.delete(name)

        transaction.on_commit(delete_file)
