"""Writes of the 1540 matrix: a row's entry for one program (status, legal reference,
citation, responsible agency), its evidence documents and its national action plan items.

Who writes (``matrix/rules.py``): coordinators; a liaison of an entry's responsible agency
sets that entry's status, reference and citation and its evidence, but never reassigns it;
plan items are coordination action items, which only coordinators add. Every refusal is
audited (outcome denied) before PermissionDenied is raised, outside the transaction. The
caller read the program through ``queries.get_matrix_program_for`` (an outsider gets 404
before any service runs). Audit entries name rows by code and agencies by code.
"""

import datetime
import hashlib
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, User
from nonprolif.core.rules import has_perm
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.meetings.domain import create_meeting
from nonprolif.events.models import ActionItem
from nonprolif.events.models.coordination import program_today
from nonprolif.intel.reports import attachments
from nonprolif.preparedness.matrix.queries import national_agencies
from nonprolif.preparedness.models import (
    ActionPlan,
    MatrixEntry,
    MatrixEvidence,
    MatrixRow,
    MatrixStatus,
)
from nonprolif.program.models import Program

MAX_TITLE = 300
PLAN_TITLE_ES = "Plan nacional de acción 1540"
PLAN_TITLE_EN = "National 1540 action plan"


def _require(actor: Any, perm: str, entry: MatrixEntry, action: str, why: str) -> None:
    if not has_perm(perm, actor, entry):
        refuse(
            actor=actor,
            action=action,
            why=why,
            obj=entry if entry.pk else None,
            changes={"program": entry.program.code, "row": entry.row.code},
            object_type="" if entry.pk else MatrixEntry._meta.label_lower,
        )


def entry_for(program: Program, row: MatrixRow) -> MatrixEntry:
    """The entry of ``row`` in ``program``: the stored one, else a new unsaved one (blank)."""
    entry = (
        MatrixEntry.objects.select_related("agency", "row", "program")
        .filter(program=program, row=row)
        .first()
    )
    return entry or MatrixEntry(program=program, row=row)


def _stored(entry: MatrixEntry) -> MatrixEntry:
    """The entry's row, locked until the transaction ends (written blank if missing)."""
    current, _created = MatrixEntry.objects.select_for_update().get_or_create(
        program_id=entry.program_id, row_id=entry.row_id
    )
    return current


def _values(entry: MatrixEntry) -> dict[str, Any]:
    return {
        "status": entry.status,
        "legal_reference": entry.legal_reference,
        "citation": entry.citation,
        "agency": entry.agency.code if entry.agency is not None else None,
    }


def _agency(program: Program, agency: Any, errors: dict[str, list[str]]) -> Agency | None:
    """The responsible agency given (a row or its code, or none): one of the program's
    national agencies."""
    if agency in (None, ""):
        return None
    code = agency.code if isinstance(agency, Agency) else str(agency)
    found = national_agencies(program).filter(code=code).first()
    if found is None:
        errors["agency"] = [_("Choose one of the program's national agencies.")]
    return found


def update_entry(
    *,
    actor: User,
    program: Program,
    row: MatrixRow,
    status: str,
    legal_reference: str = "",
    citation: str = "",
    agency: Any = None,
) -> MatrixEntry:
    """Set the status (X, ?, NA or blank), legal reference, citation and responsible agency
    (a national agency of the program, a row or its code; None for none) of ``row`` in
    ``program``.

    Side effects, in one transaction: the MatrixEntry row, written if missing, with
    ``updated_by`` and ``updated_at``; one audit entry ("matrix.entry.update": every changed
    value, old and new). Nothing is written when nothing changes. PermissionDenied, audited
    denied, unless the actor is a coordinator or a liaison of the entry's responsible agency
    (who may not change the agency); ValidationError naming ``status``, ``legal_reference``,
    ``citation`` or ``agency``; nothing is written then.
    """
    current = entry_for(program, row)
    _require(
        actor,
        "preparedness.change_matrix_entry",
        current,
        "matrix.entry.update",
        _("Only coordinators and the liaisons of the row's responsible agency change it."),
    )
    errors: dict[str, list[str]] = {}
    status = "" if status is None else str(status)
    if status not in MatrixStatus.values:
        errors["status"] = [_("Choose X, ?, NA or leave it blank.")]
    chosen = _agency(program, agency, errors)
    if "agency" not in errors and (chosen.pk if chosen else None) != current.agency_id:
        _require(
            actor,
            "preparedness.assign_matrix_entry",
            current,
            "matrix.entry.update",
            _("Only coordinators assign the responsible agency."),
        )
    candidate = MatrixEntry(
        program=program,
        row=row,
        status=status,
        legal_reference=str(legal_reference or "").strip(),
        citation=str(citation or "").strip(),
        agency=chosen,
    )
    try:
        candidate.full_clean(exclude=["program", "row", "agency", "status"], validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stored = _stored(current)
        before = _values(stored)
        stored.status = candidate.status
        stored.legal_reference = candidate.legal_reference
        stored.citation = candidate.citation
        stored.agency = chosen
        after = _values(stored)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return stored
        stored.updated_by = actor
        stored.updated_at = clock.now()
        stored.save()
        record(
            actor=actor,
            action="matrix.entry.update",
            obj=stored,
            changes={"row": row.code, **changes},
        )
    return stored


def _file_content(file: Any) -> tuple[bytes, str, str]:
    """(content, clean name, type key) of an upload, or ValidationError naming ``file``."""
    limit = attachments.max_bytes()
    if file is None:
        raise ValidationError({"file": _("Choose a file.")})
    too_big = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError({"file": too_big})
    content = file.read(limit + 1)
    if len(content) > limit:
        raise ValidationError({"file": too_big})
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
    return content, name, kind


def add_evidence(*, actor: User, entry: MatrixEntry, title: str, file: Any) -> MatrixEvidence:
    """Attach an evidence document (a law, a decree, a regulation) to ``entry`` (saved or
    not: a missing entry is written blank).

    The type must be on the allow-list (PDF, PNG, JPEG, text, CSV, XLSX, DOCX) by content and
    extension alike, the size within ``attachments.max_bytes()``. Side effects, in one
    transaction: the file stored under MEDIA_ROOT/preparedness/evidence/ named by its
    SHA-256 (removed again if the transaction fails), the entry if it was missing, the
    MatrixEvidence row, one audit entry ("matrix.evidence.add": row, hash). PermissionDenied,
    audited denied (before the file is read), unless the actor may change the entry;
    ValidationError naming ``title`` or ``file``.
    """
    _require(
        actor,
        "preparedness.change_matrix_entry",
        entry,
        "matrix.evidence.add",
        _("Only coordinators and the liaisons of the row's responsible agency add evidence."),
    )
    text = str(title or "").strip()
    if not text:
        raise ValidationError({"title": _("Give the document's title.")})
    if len(text) > MAX_TITLE:
        raise ValidationError({"title": _("At most %(n)d characters.") % {"n": MAX_TITLE}})
    content, name, kind = _file_content(file)
    digest = hashlib.sha256(content).hexdigest()
    stored_name = None
    try:
        with transaction.atomic():
            current = _stored(entry)
            evidence = MatrixEvidence(
                entry=current,
                title=text,
                file_name=name,
                content_type=attachments.content_type(kind),
                size=len(content),
                sha256=digest,
                uploaded_by=actor,
                uploaded_at=clock.now(),
            )
            extension = os.path.splitext(name)[1].lower()
            evidence.file.save(f"{digest}{extension}", ContentFile(content), save=False)
            stored_name = evidence.file.name
            evidence.full_clean(exclude=["entry", "uploaded_by"])
            evidence.save()
            record(
                actor=actor,
                action="matrix.evidence.add",
                obj=evidence,
                changes={"row": current.row.code, "sha256": [None, digest]},
            )
    except Exception:
        if stored_name:
            MatrixEvidence.file.field.storage.delete(stored_name)
        raise
    return evidence


def remove_evidence(*, actor: User, evidence: MatrixEvidence) -> None:
    """Remove an evidence document from its entry.

    Side effects, in one transaction: the MatrixEvidence row deleted, one audit entry
    ("matrix.evidence.remove": row, hash); the file deleted from the storage once the
    transaction commits, unless another evidence row holds the same content.
    PermissionDenied, audited denied, unless the actor may change the entry.
    """
    entry = evidence.entry
    _require(
        actor,
        "preparedness.change_matrix_entry",
        entry,
        "matrix.evidence.remove",
        _("Only coordinators and the liaisons of the row's responsible agency remove evidence."),
    )
    name = evidence.file.name or ""
    with transaction.atomic():
        record(
            actor=actor,
            action="matrix.evidence.remove",
            obj=evidence,
            changes={"row": entry.row.code, "sha256": [evidence.sha256, None]},
        )
        evidence.delete()

        def forget() -> None:
            if not MatrixEvidence.objects.filter(file=name).exists():
                MatrixEvidence.file.field.storage.delete(name)

        transaction.on_commit(forget)


def _plan_meeting(actor: User, program: Program) -> ActionPlan:
    """The program's action plan (locked), created with its meeting when it has none."""
    plan = ActionPlan.objects.select_for_update().filter(program=program).first()
    if plan is not None:
        return plan
    meeting = create_meeting(
        actor=actor,
        program=program,
        agencies=list(national_agencies(program)),
        title_es=PLAN_TITLE_ES,
        title_en=PLAN_TITLE_EN,
        date=program_today(program.time_zone, clock.now()),
        place="—",
    )
    plan = ActionPlan.objects.create(program=program, meeting=meeting)
    record(
        actor=actor, action="matrix.action_plan.create", obj=plan, changes={"meeting": meeting.pk}
    )
    return plan


def add_plan_item(
    *,
    actor: User,
    entry: MatrixEntry,
    title_es: str,
    title_en: str,
    owner_agency: Agency,
    due_date: datetime.date,
    description_es: str = "",
    description_en: str = "",
) -> ActionItem:
    """Add a national action plan item to ``entry`` (saved or not): a coordination action
    item of the program's action-plan meeting, owned by ``owner_agency`` (a national agency
    of the program), due on ``due_date``.

    Side effects, in one transaction (all or nothing): the entry if missing; the program's
    ActionPlan and its events.Meeting ("Plan nacional de acción 1540" / "National 1540
    action plan", today in the program's time zone, agencies = the program's national
    agencies; audited "meeting.create" and "matrix.action_plan.create") when it has none;
    the owner agency added to that meeting when it joined the program later; the
    ActionItem, its first history row and its audit entry ("action_item.create", through
    ``create_action_item``: the item gets the reminders of every action item); the link from
    the entry; one audit entry ("matrix.plan_item.add"). PermissionDenied, audited denied,
    unless the actor is a coordinator; ValidationError naming ``owner_agency``,
    ``title_es``, ``title_en``, ``due_date`` … on bad input.
    """
    _require(
        actor,
        "preparedness.add_matrix_plan_item",
        entry,
        "matrix.plan_item.add",
        _("Only coordinators add items to the national action plan."),
    )
    program = entry.program
    errors: dict[str, list[str]] = {}
    owner = _agency(program, owner_agency, errors) if owner_agency else None
    if owner is None and "agency" not in errors:
        errors["owner_agency"] = [_("Choose the agency that owns the item.")]
    elif "agency" in errors:
        errors["owner_agency"] = errors.pop("agency")
    if not isinstance(due_date, datetime.date):
        errors["due_date"] = [_("Give the due date.")]
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    with transaction.atomic():
        current = _stored(entry)
        plan = _plan_meeting(actor, program)
        if not plan.meeting.agencies.filter(pk=owner.pk).exists():
            plan.meeting.agencies.add(owner)
        item = create_action_item(
            actor=actor,
            meeting=plan.meeting,
            title_es=title_es,
            title_en=title_en,
            owner_agency=owner,
            due_date=due_date,
            description_es=description_es,
            description_en=description_en,
        )
        current.action_items.add(item)
        record(
            actor=actor,
            action="matrix.plan_item.add",
            obj=current,
            changes={"row": current.row.code, "action_item": [None, item.pk]},
        )
    return item
