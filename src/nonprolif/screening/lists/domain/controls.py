"""Writes of the control lists: the load of a control-list file, all or nothing, and the
correction of one entry (the admin)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import Actor
from nonprolif.core.rules import has_perm
from nonprolif.core.tables import size_error
from nonprolif.screening.lists.domain.files import BATCH, format_error
from nonprolif.screening.lists.parsers import parse_controls
from nonprolif.screening.lists.parsers.model import ListFormatError
from nonprolif.screening.models import ControlListEntry, Regime

#: Fields of a control-list entry a load writes.
CONTROL_FIELDS = [
    "description_en",
    "description_es",
    "cas_numbers",
    "hs6",
    "tariff_fractions",
    "keywords_en",
    "keywords_es",
]


def may_keep_controls(actor: Actor) -> bool:
    """May ``actor`` correct a control-list entry one by one (coordinators; administrators,
    in the admin)?"""
    return has_perm("screening.change_control_entry", actor)


def load_controls(*, data: bytes, actor: Actor) -> dict[str, int]:
    """Load a control-list file (``parse_controls``' CSV): each entry created, or updated
    when its regime and code are known, and ``{"entries", "created", "updated",
    "unchanged"}`` returned.

    Raises PermissionDenied for anybody but a coordinator (audited as denied, nothing else
    written); ValidationError naming ``file`` (too large, unreadable: line and column; an
    unknown regime: which entry); nothing written.

    Side effects, in one transaction: the ControlListEntry rows created and updated (in
    batches); one audit entry ``screening.controls.load`` with the counts.
    """
    action = "screening.controls.load"
    if actor is not None and not has_perm("screening.manage_controls", actor):
        refuse(
            actor=actor,
            action=action,
            object_type="screening.controllistentry",
            why=_("Only coordinators load control lists."),
        )
    refused = size_error(len(data))
    if refused:
        raise ValidationError({"file": refused})
    try:
        parsed = parse_controls(data)
    except ListFormatError as error:
        raise ValidationError({"file": format_error(error)}) from error
    rows: dict[tuple[str, str], ControlListEntry] = {}
    for position, control in enumerate(parsed, start=1):
        if control.regime not in Regime.values:
            raise ValidationError(
                {
                    "file": _("Entry %(position)s (%(code)s): unknown regime %(regime)r.")
                    % {"position": position, "code": control.code, "regime": control.regime}
                }
            )
        rows[(control.regime, control.code)] = ControlListEntry(
            regime=control.regime,
            code=control.code,
            description_en=control.description_en,
            description_es=control.description_es,
            cas_numbers=list(control.cas_numbers),
            hs6=list(control.hs6),
            tariff_fractions=list(control.tariff_fractions),
            keywords_en=list(control.keywords_en),
            keywords_es=list(control.keywords_es),
        )
    with transaction.atomic():
        stored = {
            (row.regime, row.code): row
            for regime in {key[0] for key in rows}
            for row in ControlListEntry.objects.select_for_update().filter(regime=regime)
        }
        created, updated = [], []
        for key, row in rows.items():
            old = stored.get(key)
            if old is None:
                created.append(row)
            elif any(getattr(old, f) != getattr(row, f) for f in CONTROL_FIELDS):
                row.pk = old.pk
                updated.append(row)
        ControlListEntry.objects.bulk_create(created, batch_size=BATCH)
        ControlListEntry.objects.bulk_update(updated, CONTROL_FIELDS, batch_size=BATCH)
        counts = {
            "entries": len(rows),
            "created": len(created),
            "updated": len(updated),
            "unchanged": len(rows) - len(created) - len(updated),
        }
        record(
            actor=actor,
            action=action,
            object_type="screening.controllistentry",
            object_ids=[row.pk for row in created + updated][:1000],
            changes={"regimes": sorted({key[0] for key in rows}), **counts},
        )
    return counts


def save_control_entry(*, actor: Actor, entry: ControlListEntry) -> ControlListEntry:
    """Create ``entry`` (no pk yet) or store its changed fields.

    Raises PermissionDenied unless ``actor`` may keep control lists (audited as denied,
    nothing else written); ValidationError naming the field (a code already taken in its
    regime, an empty description), nothing written.

    Side effects, in one transaction: the row saved; one audit entry
    ``screening.control_entry.create`` or ``.change`` with the fields before and after (none
    when nothing changed).
    """
    creating = entry.pk is None
    action = f"screening.control_entry.{'create' if creating else 'change'}"
    if actor is not None and not may_keep_controls(actor):
        refuse(
            actor=actor,
            action=action,
            obj=None if creating else entry,
            object_type="screening.controllistentry",
            changes={"regime": entry.regime, "code": entry.code},
            why=_("Only coordinators and administrators keep the control lists."),
        )
    entry.full_clean()
    with transaction.atomic():
        before: dict[str, Any] = {}
        if not creating:
            before = snapshot(ControlListEntry.objects.select_for_update().get(pk=entry.pk))
        changes = diff(before, snapshot(entry))
        for derived in ("id", "updated_at"):
            changes.pop(derived, None)
        if not changes:
            return entry
        entry.save()
        record(actor=actor, action=action, obj=entry, changes=changes)
    return entry
