"""The writes of intelligence reports: creating, editing (each edit a new version),
publishing, withdrawing (attaching and removing files: ``attachments``).

Who writes: an analyst of the originating agency whose clearance reaches the report's
classification (``intel.add_report``, ``intel.change_report``). Only the originator lowers a
classification. Every refusal is audited (outcome denied) before PermissionDenied is raised.
"""

import datetime
import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.core.rules import has_perm
from nonprolif.intel.models import (
    REPORT_FIELDS,
    CbrnCategory,
    InfoRequest,
    IntelReport,
    Material,
    ReportStatus,
    ReportVersion,
)

#: The foreign keys of REPORT_FIELDS, kept by code in a version.
FOREIGN_KEYS: dict[str, type[models.Model]] = {
    "classification": ClassificationLevel,
    "cbrn_category": CbrnCategory,
    "material": Material,
}
#: The fields whose values an audit entry names (markings, not content): the auditors who read
#: the trail need not be cleared for the report; of the other fields it names only which changed.
MARKINGS = frozenset({"classification", "tlp", "pap"})
MAX_TAGS = 20
MAX_TAG_LENGTH = 50


def _denied(
    *, actor: Any, action: str, obj: models.Model | None, why: str, **changes: Any
) -> NoReturn:
    """Audit a refused attempt (outcome denied), then raise PermissionDenied(why)."""
    refuse(
        actor=actor,
        action=action,
        why=why,
        obj=obj,
        object_type="" if obj is not None else "intel.intelreport",
        changes=changes,
    )


def _by_code(model: type[models.Model], value: Any, field: str) -> models.Model | None:
    """``value`` as a row of ``model``: a row itself, its code, or None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    row: models.Model | None = model.objects.filter(  # type: ignore[attr-defined]
        code=str(value)
    ).first()
    if row is None:
        raise ValidationError({field: _("Unknown code: %(code)s.") % {"code": value}})
    return row


def normalise_tags(value: Any) -> list[str]:
    """Tags from a list or a comma-separated string: trimmed, each once, in order;
    ValidationError (on ``tags``) past MAX_TAGS or MAX_TAG_LENGTH."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    tags = list(dict.fromkeys(str(tag).strip() for tag in items if str(tag).strip()))
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(n)d tags.") % {"n": MAX_TAGS}})
    long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
    if long:
        raise ValidationError(
            {"tags": _("A tag has at most %(n)d characters.") % {"n": MAX_TAG_LENGTH}}
        )
    return tags


def _plain(value: Any, places: int | None = None) -> Any:
    if isinstance(value, models.Model):
        return value.code  # type: ignore[attr-defined]
    if isinstance(value, decimal.Decimal | int | float) and places is not None:
        return f"{decimal.Decimal(str(value)):.{places}f}"
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def report_snapshot(report: IntelReport) -> dict[str, Any]:
    """Every field of REPORT_FIELDS as plain JSON values (foreign keys by code)."""
    return {
        name: _plain(
            getattr(report, name),
            getattr(IntelReport._meta.get_field(name), "decimal_places", None),
        )
        for name in REPORT_FIELDS
    }


def _assign(report: IntelReport, fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """Set ``fields`` on ``report``; the errors of values that cannot even be assigned."""
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        try:
            if name in FOREIGN_KEYS:
                value = _by_code(FOREIGN_KEYS[name], value, name)
            elif name == "tags":
                value = normalise_tags(value)
            elif isinstance(value, str):
                value = value.strip()
            field = IntelReport._meta.get_field(name)
            if value == "" and field.null:
                value = None
            elif (
                value is None
                and not field.null
                and field.get_internal_type()
                in (
                    "CharField",
                    "TextField",
                )
            ):
                value = ""
            setattr(report, name, value)
        except ValidationError as error:
            errors.update(error.message_dict)
    return errors


def _check(report: IntelReport, actor: User, errors: dict[str, list[str]]) -> None:
    """The rules across fields, then ``full_clean``; ValidationError naming each field."""
    material = report.material
    if material is not None and report.cbrn_category_id is None:
        report.cbrn_category_id = material.category_id
    if material is not None and material.category_id != report.cbrn_category_id:
        errors.setdefault("material", []).append(
            _("This material is not of the chosen CBRN category.")
        )
    if not (report.title_es or report.title_en) and "title_es" not in errors:
        errors.setdefault("title_es", []).append(_("Give the title in Spanish or in English."))
    if (
        report.classification_id
        and actor.clearance is not None
        and report.classification.rank > actor.clearance.rank
    ):
        errors.setdefault("classification", []).append(
            _("This classification is above your clearance.")
        )
    try:
        report.full_clean(exclude=["reference", *errors])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def next_reference(*, agency: Agency, moment: datetime.datetime, after: int = 0) -> str:
    """The originator's next reference, ``<AGENCY>-<YEAR>-<NNNN>``: one more than the
    highest of the agency's references of that year (``after`` more, for the next of several
    reports written at once before any is saved).

    Must run inside ``transaction.atomic()``: the agency's row is locked (SELECT … FOR
    UPDATE) until the transaction ends, so a concurrent report of the same agency waits and
    then takes the number after this one."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    prefix = f"{agency.code.upper()}-{moment.year}-"
    last = (
        IntelReport.objects.filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{number + after:04d}"


def _save_version(report: IntelReport, actor: User, note: str = "") -> ReportVersion:
    version = ReportVersion(
        report=report,
        number=report.version,
        classification_id=report.classification_id,
        data=report_snapshot(report),
        changed_by=actor,
        note=note,
    )
    version.full_clean(exclude=["report"])
    version.save()
    return version


def create_report(*, actor: User, request: InfoRequest | None = None, **fields: Any) -> IntelReport:
    """Write a draft report of the actor's agency, by him.

    ``fields``: any of REPORT_FIELDS (foreign keys as rows or codes; tags as a list or a
    comma-separated string). ``request``: the request for information the report answers
    (one the actor may read).

    Side effects, in one transaction: the IntelReport row (status draft, version 1, the
    agency's next reference, its row locked meanwhile), its ReportVersion 1 with every
    field, one audit entry ("intel.report.create"). PermissionDenied, audited denied,
    unless the actor is an analyst with an agency and a clearance; ValidationError naming
    the field on bad input (a classification above his clearance, a material outside the
    category, no title). Nothing is written then but the denied entry.
    """
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    if not has_perm("intel.add_report", actor):
        _denied(
            actor=actor,
            action="intel.report.create",
            obj=None,
            why=_("Only the analysts of an agency, with a clearance, write reports."),
        )
    agency = actor.agency
    assert agency is not None  # intel.add_report holds only with an agency
    report = IntelReport(originator=agency, author=actor, status=ReportStatus.DRAFT)
    errors = _assign(report, fields)
    if request is not None:
        if not InfoRequest.objects.visible_to(actor).filter(pk=request.pk).exists():
            errors.setdefault("request", []).append(_("No such request."))
        else:
            report.request = request
    _check(report, actor, errors)
    with transaction.atomic():
        report.reference = next_reference(agency=agency, moment=clock.now())
        report.version = 1
        report.save()
        _save_version(report, actor)
        record(
            actor=actor,
            action="intel.report.create",
            obj=report,
            changes={"classification": [None, report.classification.code], "version": [None, 1]},
        )
    return report


def _require_writer(actor: User, report: IntelReport, action: str) -> None:
    """PermissionDenied, audited denied, unless ``actor`` may change ``report`` (as stored
    now). Called outside the service's transaction, so that the denied entry stays."""
    stored = IntelReport.objects.select_related("classification").filter(pk=report.pk).first()
    if stored is None or not has_perm("intel.change_report", actor, stored):
        _denied(
            actor=actor,
            action=action,
            obj=stored or report,
            why=_(
                "Only the analysts of the originating agency, cleared for its classification, "
                "change this report."
            ),
        )


def _changeable(actor: User, report: IntelReport) -> IntelReport:
    """The report's current row, locked until the transaction ends (checked again: it may
    have changed since ``_require_writer``)."""
    current = (
        IntelReport.objects.select_for_update(of=("self",))
        .select_related("classification")
        .get(pk=report.pk)
    )
    if not has_perm("intel.change_report", actor, current):
        raise PermissionDenied(_("You are not allowed to do this."))
    return current


def update_report(
    *, actor: User, report: IntelReport, note: str = "", **fields: Any
) -> IntelReport:
    """Change some of REPORT_FIELDS of ``report``: a new version when anything changed.

    Side effects, in one transaction: the report's fields and version number; a new
    ReportVersion with every field and ``note``; one audit entry ("intel.report.update")
    naming the changed fields (with their old and new values for the markings only:
    classification, TLP, PAP); when the classification changed, one more entry
    ("intel.report.classification").
    Nothing when no field changed. PermissionDenied, audited denied: a classification
    lowered by anyone but the originator ("intel.report.classification"); the actor not a
    writer of the report ("intel.report.update"). ValidationError naming the field on bad
    input or a withdrawn report.
    """
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    if "classification" in fields:
        try:
            wanted = _by_code(ClassificationLevel, fields["classification"], "classification")
        except ValidationError:
            wanted = None
        if (
            isinstance(wanted, ClassificationLevel)
            and wanted.rank < report.classification.rank
            and actor.agency_id != report.originator_id
        ):
            _denied(
                actor=actor,
                action="intel.report.classification",
                obj=report,
                why=_("Only the originating agency lowers a classification."),
                classification=[report.classification.code, wanted.code],
            )
    _require_writer(actor, report, "intel.report.update")
    with transaction.atomic():
        current = _changeable(actor, report)
        if current.status == ReportStatus.WITHDRAWN:
            raise ValidationError({"status": _("A withdrawn report is no longer edited.")})
        before = report_snapshot(current)
        errors = _assign(current, fields)
        _check(current, actor, errors)
        after = report_snapshot(current)
        changed = [name for name in REPORT_FIELDS if before[name] != after[name]]
        if not changed:
            return current
        current.version += 1
        current.save()
        _save_version(current, actor, note=(note or "").strip()[:300])
        record(
            actor=actor,
            action="intel.report.update",
            obj=current,
            changes={
                name: [before[name], after[name]] if name in MARKINGS else ["…", "…"]
                for name in changed
            }
            | {"version": [current.version - 1, current.version]},
        )
        if "classification" in changed:
            record(
                actor=actor,
                action="intel.report.classification",
                obj=current,
                changes={"classification": [before["classification"], after["classification"]]},
            )
    return current


def publish_report(*, actor: User, report: IntelReport) -> IntelReport:
    """Publish a draft: from now on the agencies on its releasability list with an effective
    release read it.

    Side effects, in one transaction: status published, ``published_at``,
    ``published_version`` (the version current now: the agencies it is released to read it
    and the later ones, never the drafts before); one audit entry ("intel.report.publish").
    PermissionDenied (audited denied) unless the actor writes the report; ValidationError
    (on ``status``) unless it is a draft.
    """
    _require_writer(actor, report, "intel.report.publish")
    with transaction.atomic():
        current = _changeable(actor, report)
        if current.status != ReportStatus.DRAFT:
            raise ValidationError({"status": _("Only a draft is published.")})
        current.status = ReportStatus.PUBLISHED
        current.published_at = clock.now()
        current.published_version = current.version
        current.save(update_fields=["status", "published_at", "published_version", "updated_at"])
        record(
            actor=actor,
            action="intel.report.publish",
            obj=current,
            changes={"status": [ReportStatus.DRAFT, ReportStatus.PUBLISHED]},
        )
    return current


def withdraw_report(*, actor: User, report: IntelReport, reason: str) -> IntelReport:
    """Withdraw a draft or published report, with a reason: only its originator reads it
    from now on.

    Side effects, in one transaction: status withdrawn; a new ReportVersion (same fields)
    whose note is the reason; one audit entry ("intel.report.withdraw", naming the version
    that holds the reason, not the reason itself: the trail carries no content).
    PermissionDenied (audited denied) unless the actor writes the report; ValidationError
    naming the field without a reason or when it is already withdrawn.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is withdrawn.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("At most 300 characters.")})
    _require_writer(actor, report, "intel.report.withdraw")
    with transaction.atomic():
        current = _changeable(actor, report)
        if current.status == ReportStatus.WITHDRAWN:
            raise ValidationError({"status": _("The report is already withdrawn.")})
        before = current.status
        current.status = ReportStatus.WITHDRAWN
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
        _save_version(current, actor, note=reason)
        record(
            actor=actor,
            action="intel.report.withdraw",
            obj=current,
            changes={
                "status": [before, ReportStatus.WITHDRAWN],
                "version": [current.version - 1, current.version],
            },
        )
    return current


@dataclass(frozen=True)
class FieldComparison:
    """One field of two versions: its name, its values in each, whether it changed."""

    field: str
    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        return bool(self.before != self.after)

    @property
    def label(self) -> str:
        return str(getattr(IntelReport._meta.get_field(self.field), "verbose_name", self.field))

    @staticmethod
    def _text(value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return "" if value is None else str(value)

    @property
    def before_text(self) -> str:
        return self._text(self.before)

    @property
    def after_text(self) -> str:
        return self._text(self.after)


def compare_versions(older: ReportVersion, newer: ReportVersion) -> list[FieldComparison]:
    """Field by field, every field of REPORT_FIELDS in both versions (no side effects; the
    caller fetched both versions through the reader's access)."""
    return [
        FieldComparison(name, older.data.get(name), newer.data.get(name)) for name in REPORT_FIELDS
    ]
