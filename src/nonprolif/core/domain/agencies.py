"""Writes on agencies."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Actor, Agency
from nonprolif.core.rules import has_perm

#: The fields a coordinator may change. The code is the agency's identifier (URLs, API,
#: seed data) and is not editable here.
EDITABLE_FIELDS = (
    "name_es",
    "name_en",
    "acronym",
    "country",
    "kind",
    "parent",
    "description_es",
    "description_en",
)


def update_agency(*, actor: Actor, agency: Agency, **changes: Any) -> Agency:
    """Change the given fields (any of EDITABLE_FIELDS) of ``agency``.

    The actor needs ``core.change_agency`` (coordinators; PermissionDenied otherwise),
    tested on the rule itself so that a superuser flag grants nothing.

    Side effects: the Agency row is updated and, when a value changed, one AuditEntry
    ("agency.update"), in one transaction; nothing is written when validation fails
    (ValidationError naming each field). Returns the stored agency.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_agency() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Agency.objects.select_for_update().get(pk=agency.pk)
        if not has_perm("core.change_agency", actor, current):
            raise PermissionDenied(_("You may not change agencies."))
        before = snapshot(current, list(EDITABLE_FIELDS))
        if changes.get("parent") is not None:
            # The stored parent chain, not the caller's copy, decides whether this is a cycle.
            changes["parent"] = Agency.objects.get(pk=changes["parent"].pk)
        for name, value in changes.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
        changed = diff(before, snapshot(current, list(EDITABLE_FIELDS)))
        if changed:
            record(actor=actor, action="agency.update", obj=current, changes=changed)
    return current
