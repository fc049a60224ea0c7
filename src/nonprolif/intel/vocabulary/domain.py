"""Changes to the vocabularies: the classification levels (``core.ClassificationLevel``) and
the CBRN taxonomies (``intel.CbrnCategory``, ``intel.Material``). Only administrators
(``core.manage_accounts``) keep them, whatever the interface (today the Django admin); every
change is audited, and so is every refused attempt.

A level's rank decides who reads what (the access rule compares ranks): changing it changes
every user's access at his next request, which is why each change names its before and
after. Terms are never deleted here: reports, clearances and versions point at them.
"""

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import Actor, ClassificationLevel
from nonprolif.core.rules import has_perm
from nonprolif.intel.models import CbrnCategory, Material

#: The models this service keeps, and the audit action prefix of each.
VOCABULARIES: dict[type[models.Model], str] = {
    ClassificationLevel: "classification_level",
    CbrnCategory: "intel.cbrn_category",
    Material: "intel.material",
}


def may_keep_vocabularies(actor: Actor) -> bool:
    """Does ``actor`` keep the vocabularies (an administrator)?"""
    return bool(has_perm("core.manage_accounts", actor))


def save_term(*, actor: Actor, term: models.Model) -> models.Model:
    """Create ``term`` (no pk yet) or store its changed fields (a ClassificationLevel, a
    CbrnCategory or a Material). ``actor`` None is the system (the seed, a migration).

    Raises PermissionDenied for anybody but an administrator (one audit entry with outcome
    denied, nothing else written); ValidationError naming the field for bad input (a code
    or rank already taken, an empty name), nothing written.

    Side effects, in one transaction: the row saved; one audit entry
    ``<vocabulary>.create`` or ``<vocabulary>.change`` with the fields before and after
    (none when nothing changed).
    """
    prefix = VOCABULARIES.get(type(term))
    if prefix is None:
        raise TypeError(f"{type(term).__name__} is not a vocabulary")
    creating = term.pk is None
    action = f"{prefix}.{'create' if creating else 'change'}"
    if actor is not None and not may_keep_vocabularies(actor):
        refuse(
            actor=actor,
            action=action,
            obj=None if creating else term,
            object_type=term._meta.label_lower,
            changes={"code": getattr(term, "code", "")},
            why=_("Only administrators keep the vocabularies."),
        )
    term.full_clean()
    with transaction.atomic():
        before: dict[str, Any] = {}
        if not creating:
            stored = type(term)._default_manager.select_for_update().get(pk=term.pk)
            before = snapshot(stored)
        after = snapshot(term)
        changes = diff(before, after)
        changes.pop("id", None)
        if not changes:
            return term
        term.save()
        record(actor=actor, action=action, obj=term, changes=changes)
    return term
