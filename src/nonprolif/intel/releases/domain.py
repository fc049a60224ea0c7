"""The writes of releasability: a report's list of agencies, the two-person release to a
foreign partner, and an agency's saved distribution lists.

- A domestic agency added to a report's list is released at once (an effective row).
- A foreign partner (an agency of kind ``partner``) added to it waits (a pending row) until a
  SECOND analyst or coordinator of the originating agency approves it with a reason; the
  requester approving his own request is refused and audited as denied.
- A distribution list applied to a report expands, at that moment, into explicit release
  rows; later changes to the list do not follow.

Every refusal is audited (outcome denied) before PermissionDenied is raised, outside the
service's transaction so that the entry stays.
"""

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Agency, AgencyKind, User
from nonprolif.core.rules import has_perm
from nonprolif.intel.models import DistributionList, IntelReport, ReleaseState, ReportRelease

MAX_AGENCIES = 200
MAX_REASON = 2000


def _refuse(
    *, actor: User, action: str, obj: Any, changes: Mapping[str, Any], why: str
) -> NoReturn:
    refuse(actor=actor, action=action, obj=obj, changes=changes, why=why)


def _codes(agencies: Iterable[Agency]) -> list[str]:
    return sorted(agency.code for agency in agencies)


def _can_see(actor: User, report: IntelReport) -> bool:
    return IntelReport.objects.visible_to(actor).filter(pk=report.pk).exists()


def resolve_agencies(
    agencies: Iterable[Agency | str | int], *, field: str = "agencies"
) -> list[Agency]:
    """The agencies named by objects, codes or ids, each once; ValidationError on ``field``
    naming the unknown ones."""
    wanted = list(agencies)
    if len(wanted) > MAX_AGENCIES:
        raise ValidationError({field: _("Name at most %(max)d agencies.") % {"max": MAX_AGENCIES}})
    objects = [a for a in wanted if isinstance(a, Agency)]
    codes = [str(a) for a in wanted if isinstance(a, str)]
    ids = [a for a in wanted if isinstance(a, int) and not isinstance(a, bool)]
    found = {a.pk: a for a in objects}
    if codes:
        by_code = {a.code: a for a in Agency.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(by_code))
        if unknown:
            raise ValidationError(
                {field: _("No such agency: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )
        found.update({a.pk: a for a in by_code.values()})
    if ids:
        by_id = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
        unknown_ids = sorted(set(ids) - set(by_id))
        if unknown_ids:
            raise ValidationError({field: _("No such agency: %(codes)s.") % {"codes": unknown_ids}})
        found.update(by_id)
    return list(found.values())


def _check_writer(
    actor: User, report: IntelReport, action: str, changes: Mapping[str, Any]
) -> None:
    if not has_perm("intel.release_report", actor, report) or not _can_see(actor, report):
        _refuse(
            actor=actor,
            action=action,
            obj=report,
            changes=changes,
            why=_(
                "Only the analysts and coordinators of the originating agency change a "
                "report's releasability."
            ),
        )


def _apply(
    *,
    actor: User,
    report: IntelReport,
    wanted: list[Agency],
    action: str,
    extra: Mapping[str, Any],
) -> list[ReportRelease]:
    """Make the report's rows match ``wanted``: add the new agencies (effective, or pending
    for a partner), remove the others. One audit entry; nothing when nothing changes."""
    if any(agency.pk == report.originator_id for agency in wanted):
        raise ValidationError(
            {"agencies": _("The originating agency always reads its own reports: leave it out.")}
        )
    now = timezone.now()
    wanted_by_id = {agency.pk: agency for agency in wanted}
    with transaction.atomic():
        # The report's row locked: two writers of the same list take turns.
        IntelReport.objects.select_for_update().filter(pk=report.pk).first()
        current = {
            row.agency_id: row
            for row in ReportRelease.objects.select_for_update()
            .filter(report=report)
            .select_related("agency")
        }
        before = {row.agency.code: row.state for row in current.values()}
        # A refusal left out stays on record (it releases nothing); naming it asks again.
        removed = [
            row
            for agency_id, row in current.items()
            if agency_id not in wanted_by_id and row.state != ReleaseState.REFUSED
        ]
        added: list[ReportRelease] = []
        renewed: list[ReportRelease] = []
        for agency_id, agency in wanted_by_id.items():
            row = current.get(agency_id)
            partner = agency.kind == AgencyKind.PARTNER
            state = ReleaseState.PENDING if partner else ReleaseState.EFFECTIVE
            if row is None:
                row = ReportRelease(
                    report=report,
                    agency=agency,
                    state=state,
                    requested_by=actor,
                    decided_by=None if partner else actor,
                    decided_at=None if partner else now,
                )
                row.full_clean(exclude=["report", "agency", "requested_by", "decided_by"])
                added.append(row)
            elif row.state == ReleaseState.REFUSED:
                # Asked again after a refusal: a new request, decided afresh.
                row.state = state
                row.requested_by = actor
                row.requested_at = now
                row.decided_by = None if partner else actor
                row.decided_at = None if partner else now
                row.reason = ""
                renewed.append(row)
        if not (removed or added or renewed):
            return list(current.values())
        ReportRelease.objects.filter(pk__in=[row.pk for row in removed]).delete()
        ReportRelease.objects.bulk_create(added)
        for row in renewed:
            row.save(
                update_fields=[
                    "state",
                    "requested_by",
                    "requested_at",
                    "decided_by",
                    "decided_at",
                    "reason",
                ]
            )
        after = dict(before)
        for row in removed:
            after.pop(row.agency.code, None)
        for row in added + renewed:
            after[row.agency.code] = row.state
        record(
            actor=actor,
            action=action,
            obj=report,
            changes={
                "releasability": [before, after],
                "added": [None, _codes(row.agency for row in added + renewed)],
                "removed": [_codes(row.agency for row in removed), None],
                **extra,
            },
        )
    return list(ReportRelease.objects.filter(report=report).select_related("agency").order_by("pk"))


def set_releasability(
    *, actor: User, report: IntelReport, agencies: Iterable[Agency | str | int]
) -> list[ReportRelease]:
    """Set the agencies ``report`` is released to (the originator's analysts and
    coordinators, who may read it): widening and narrowing alike.

    A domestic agency added is released at once; a foreign partner added gets a pending
    release that a second person of the originating agency decides (``approve_release``);
    an agency left out loses its release (effective or pending; a refusal stays on record
    and releases nothing); a refused partner named again is asked afresh. Returns the
    report's release rows.

    Side effects, in one transaction: release rows created, deleted or renewed; one audit
    entry "intel.report.release" (before and after, by agency code) when anything changed.
    PermissionDenied, audited as denied, for anybody else; ValidationError on ``agencies``
    for an unknown agency or the originator itself. Nothing is written then.
    """
    wanted = resolve_agencies(agencies)
    _check_writer(actor, report, "intel.report.release", {"agencies": [None, _codes(wanted)]})
    return _apply(
        actor=actor, report=report, wanted=wanted, action="intel.report.release", extra={}
    )


def apply_distribution_list(
    *, actor: User, report: IntelReport, distribution_list: DistributionList
) -> list[ReportRelease]:
    """Add the agencies of one of the actor's agency's distribution lists to ``report``'s
    releasability list, as explicit rows (the list's later changes do not follow). The
    originating agency on the list is skipped; partners on it get pending releases.

    Side effects as ``set_releasability`` (audit "intel.report.release" naming the list).
    PermissionDenied, audited as denied, unless the actor may change the report's list and
    the distribution list is his agency's.
    """
    changes = {"distribution_list": [None, distribution_list.pk]}
    _check_writer(actor, report, "intel.report.release", changes)
    if distribution_list.owner_id != actor.agency_id:
        _refuse(
            actor=actor,
            action="intel.report.release",
            obj=report,
            changes=changes,
            why=_("This distribution list is not your agency's."),
        )
    current = Agency.objects.filter(
        pk__in=ReportRelease.objects.filter(report=report).values("agency_id")
    )
    listed = distribution_list.agencies.exclude(pk=report.originator_id)
    wanted = {agency.pk: agency for agency in list(current) + list(listed)}
    return _apply(
        actor=actor,
        report=report,
        wanted=list(wanted.values()),
        action="intel.report.release",
        extra=changes,
    )


def _decide(*, actor: User, release: ReportRelease, reason: str, approve: bool) -> ReportRelease:
    action = "intel.release.approve" if approve else "intel.release.refuse"
    report = release.report
    changes: dict[str, Any] = {"release": [None, release.pk], "agency": [None, release.agency.code]}
    if not has_perm("intel.decide_release", actor, release) or not _can_see(actor, report):
        _refuse(
            actor=actor,
            action=action,
            obj=report,
            changes=changes,
            why=_(
                "Only a second analyst or coordinator of the originating agency decides a "
                "release to a partner."
            ),
        )
    if release.requested_by_id == actor.pk:
        _refuse(
            actor=actor,
            action=action,
            obj=report,
            changes=changes,
            why=_("A second person decides: you asked for this release yourself."),
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for your decision.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("At most %(max)d characters.") % {"max": MAX_REASON}})
    with transaction.atomic():
        current = (
            ReportRelease.objects.select_for_update()
            .select_related("agency", "report")
            .filter(pk=release.pk)
            .first()
        )
        if current is None or current.state != ReleaseState.PENDING:
            raise ValidationError({"state": _("This release is no longer awaiting a decision.")})
        if current.requested_by_id == actor.pk:  # renewed meanwhile by the actor himself
            raise ValidationError(
                {"state": _("A second person decides: you asked for this release yourself.")}
            )
        current.state = ReleaseState.EFFECTIVE if approve else ReleaseState.REFUSED
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.reason = reason
        current.full_clean(exclude=["report", "agency", "requested_by", "decided_by"])
        current.save(update_fields=["state", "decided_by", "decided_at", "reason"])
        record(
            actor=actor,
            action=action,
            obj=current.report,
            changes={
                **changes,
                "state": [ReleaseState.PENDING.value, current.state],
                "reason": [None, reason],
            },
        )
    return current


def approve_release(*, actor: User, release: ReportRelease, reason: str) -> ReportRelease:
    """Approve a pending release to a partner: it becomes effective (the partner's users
    read the report once it is published). Only a SECOND analyst or coordinator of the
    originating agency, cleared for the report, not the requester; with a reason.

    Side effects, in one transaction: the release's state, decider, time and reason; one
    audit entry "intel.release.approve". PermissionDenied, audited as denied, for the
    requester himself or anybody outside the originating agency's writers; ValidationError
    on ``reason`` when it is empty, on ``state`` when the release is not pending.
    """
    return _decide(actor=actor, release=release, reason=reason, approve=True)


def refuse_release(*, actor: User, release: ReportRelease, reason: str) -> ReportRelease:
    """Refuse a pending release to a partner (a second person, as ``approve_release``; the
    requester withdraws his own request by removing the agency from the list instead).

    Side effects, in one transaction: the release's state (refused), decider, time and
    reason; one audit entry "intel.release.refuse". Errors as ``approve_release``.
    """
    return _decide(actor=actor, release=release, reason=reason, approve=False)


# --- distribution lists -------------------------------------------------------------------------


def _check_list_writer(
    actor: User,
    distribution_list: DistributionList | None,
    action: str,
    changes: Mapping[str, Any],
) -> None:
    if not has_perm("intel.manage_distribution_list", actor, distribution_list):
        _refuse(
            actor=actor,
            action=action,
            obj=distribution_list,
            changes=changes,
            why=_("Only your agency's analysts and coordinators manage its distribution lists."),
        )


def _list_snapshot(
    distribution_list: DistributionList, agencies: Iterable[Agency]
) -> dict[str, Any]:
    return {
        "name_es": distribution_list.name_es,
        "name_en": distribution_list.name_en,
        "agencies": _codes(agencies),
    }


def _validate_list(
    distribution_list: DistributionList, agencies: list[Agency], owner_id: int
) -> None:
    errors: dict[str, list[str]] = {}
    try:
        distribution_list.full_clean(exclude=["created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    taken = (
        DistributionList.objects.filter(owner_id=owner_id, name_es=distribution_list.name_es)
        .exclude(pk=distribution_list.pk)
        .exists()
    )
    if distribution_list.name_es and taken:
        errors.setdefault("name_es", []).append(
            _("Your agency already has a distribution list of that name.")
        )
    if not agencies:
        errors.setdefault("agencies", []).append(_("Choose at least one agency."))
    if any(agency.pk == owner_id for agency in agencies):
        errors.setdefault("agencies", []).append(
            _("Your own agency always reads its reports: leave it out.")
        )
    if errors:
        raise ValidationError(errors)


def create_distribution_list(
    *,
    actor: User,
    name_es: str,
    name_en: str = "",
    agencies: Iterable[Agency | str | int],
) -> DistributionList:
    """A new distribution list of the actor's agency (its analysts and coordinators).

    Side effects, in one transaction: one DistributionList row, its agencies, one audit
    entry "intel.distlist.create". PermissionDenied, audited as denied, for anybody else;
    ValidationError naming the field for a missing or taken name, no agency, an unknown
    agency or the owner itself. Nothing is written then.
    """
    chosen = resolve_agencies(agencies)
    _check_list_writer(actor, None, "intel.distlist.create", {"agencies": [None, _codes(chosen)]})
    owner_id = actor.agency_id
    assert owner_id is not None  # the rule requires an agency
    distribution_list = DistributionList(
        owner_id=owner_id,
        name_es=(name_es or "").strip(),
        name_en=(name_en or "").strip(),
        created_by=actor,
    )
    _validate_list(distribution_list, chosen, owner_id)
    with transaction.atomic():
        distribution_list.save()
        distribution_list.agencies.set(chosen)
        record(
            actor=actor,
            action="intel.distlist.create",
            obj=distribution_list,
            changes={"distribution_list": [None, _list_snapshot(distribution_list, chosen)]},
        )
    return distribution_list


def update_distribution_list(
    *,
    actor: User,
    distribution_list: DistributionList,
    name_es: str,
    name_en: str = "",
    agencies: Iterable[Agency | str | int],
) -> DistributionList:
    """Rename a list of the actor's agency or change its agencies. Reports it was applied to
    keep their releasability lists (the expansion happened when it was applied).

    Side effects, in one transaction: the row, its agencies, one audit entry
    "intel.distlist.update". Errors as ``create_distribution_list``.
    """
    chosen = resolve_agencies(agencies)
    _check_list_writer(
        actor, distribution_list, "intel.distlist.update", {"agencies": [None, _codes(chosen)]}
    )
    with transaction.atomic():
        current = DistributionList.objects.select_for_update().get(pk=distribution_list.pk)
        before = _list_snapshot(current, current.agencies.all())
        current.name_es = (name_es or "").strip()
        current.name_en = (name_en or "").strip()
        _validate_list(current, chosen, current.owner_id)
        current.save(update_fields=["name_es", "name_en"])
        current.agencies.set(chosen)
        after = _list_snapshot(current, chosen)
        record(
            actor=actor,
            action="intel.distlist.update",
            obj=current,
            changes={key: [before[key], after[key]] for key in after if before[key] != after[key]},
        )
    return current


def delete_distribution_list(*, actor: User, distribution_list: DistributionList) -> None:
    """Delete a list of the actor's agency. The releases it expanded into stay.

    Side effects, in one transaction: the row (and its agency links) deleted; one audit
    entry "intel.distlist.delete" with what it held. PermissionDenied, audited as denied,
    for anybody else.
    """
    _check_list_writer(actor, distribution_list, "intel.distlist.delete", {})
    with transaction.atomic():
        current = DistributionList.objects.select_for_update().get(pk=distribution_list.pk)
        record(
            actor=actor,
            action="intel.distlist.delete",
            obj=current,
            changes={"distribution_list": [_list_snapshot(current, current.agencies.all()), None]},
        )
        current.delete()
