"""Writes of the stakeholder registry: registering a stakeholder, changing it, and its
contacts.

Who: a coordinator for any national agency of the program; a liaison of a national agency
for the stakeholders his agency is responsible for (``outreach.add_stakeholder``,
``outreach.change_stakeholder``). Every refusal is audited (outcome denied) before
PermissionDenied is raised, outside the service's transaction. Audit entries name the
stakeholder ``STK-<id>`` and the contact ``CON-<id>``.

The rules the brief left open, as decided here:

- The responsible agency must be a national agency of the stakeholder's program (its lead or
  a member): a foreign partner is never responsible for a national stakeholder.
- A liaison who names another agency as responsible, when registering or changing a
  stakeholder, is refused (audited): he would hand a row out of his agency's reach.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import User
from nonprolif.core.rules import has_perm, is_coordinator
from nonprolif.intel.models import CbrnCategory
from nonprolif.outreach.models import Contact, Stakeholder
from nonprolif.program.models import Program
from nonprolif.program.queries.agencies import national_agency_ids

STAKEHOLDER_FIELDS = {
    "name",
    "kind",
    "sector",
    "state",
    "city",
    "address",
    "materials",
    "cbrn_categories",
    "responsible_agency",
    "language",
    "notes",
}
CONTACT_FIELDS = {"name", "position", "email", "phone"}


def _reject_unknown(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")


def _label(stakeholder: Stakeholder) -> str:
    return f"STK-{stakeholder.pk}"


def _values(stakeholder: Stakeholder, categories: Iterable[CbrnCategory]) -> dict[str, Any]:
    values = snapshot(stakeholder, STAKEHOLDER_FIELDS - {"cbrn_categories"} | {"program"})
    values["cbrn_categories"] = sorted(c.code for c in categories)
    return values


def _check_agency(actor: User, stakeholder: Stakeholder, action: str) -> None:
    """A liaison's stakeholder is his own agency's (refused and audited otherwise)."""
    if is_coordinator(actor):
        return
    if stakeholder.responsible_agency_id != actor.agency_id:
        refuse(
            actor=actor,
            action=action,
            why=_("A liaison registers stakeholders for his own agency only."),
            obj=stakeholder if stakeholder.pk else None,
            object_type="outreach.stakeholder",
            changes={"responsible_agency": stakeholder.responsible_agency_id},
        )


def _validate(stakeholder: Stakeholder) -> None:
    errors: dict[str, list[str]] = {}
    try:
        stakeholder.full_clean(exclude=["program", "created_by"])
    except ValidationError as error:
        errors.update(error.message_dict)
    agency_id = stakeholder.responsible_agency_id
    if (
        agency_id
        and "responsible_agency" not in errors
        and agency_id not in national_agency_ids(stakeholder.program)
    ):
        errors.setdefault("responsible_agency", []).append(
            _("The responsible agency must be a national agency of the program.")
        )
    if errors:
        raise ValidationError(errors)


def _categories(value: Any) -> list[CbrnCategory]:
    categories = list(value or [])
    if any(not isinstance(c, CbrnCategory) for c in categories):
        raise ValidationError({"cbrn_categories": _("Choose CBRN categories from the list.")})
    return categories


def create_stakeholder(*, actor: User, program: Program, **fields: Any) -> Stakeholder:
    """Register a stakeholder (a company, university, laboratory, hospital) of ``program``.

    ``fields``: name, kind, sector, state, city, address, materials, cbrn_categories (a list
    of CbrnCategory), responsible_agency (an Agency; a liaison's own agency when omitted),
    language, notes.

    Side effects: one Stakeholder row, its CBRN category links and one audit entry
    ("outreach.stakeholder.create"). PermissionDenied (audited as denied) unless the actor
    may register stakeholders, or when a liaison names another agency; ValidationError
    naming the field on bad input. Nothing is written in those cases.
    """
    _reject_unknown(fields, STAKEHOLDER_FIELDS)
    if not has_perm("outreach.add_stakeholder", actor, program):
        refuse(
            actor=actor,
            action="outreach.stakeholder.create",
            why=_("You may not register stakeholders."),
            object_type="outreach.stakeholder",
        )
    categories = _categories(fields.pop("cbrn_categories", None))
    if fields.get("responsible_agency") is None:
        fields["responsible_agency"] = None if is_coordinator(actor) else actor.agency
    stakeholder = Stakeholder(program=program, created_by=actor, **fields)
    _check_agency(actor, stakeholder, "outreach.stakeholder.create")
    _validate(stakeholder)
    with transaction.atomic():
        stakeholder.save()
        stakeholder.cbrn_categories.set(categories)
        record(
            actor=actor,
            action="outreach.stakeholder.create",
            obj=stakeholder,
            object_repr=_label(stakeholder),
            changes=diff({}, _values(stakeholder, categories)),
        )
    return stakeholder


def update_stakeholder(*, actor: User, stakeholder: Stakeholder, **fields: Any) -> Stakeholder:
    """Change the fields given of a stakeholder (those of ``create_stakeholder``).

    Side effects: the row (and its CBRN category links) updated, one audit entry
    ("outreach.stakeholder.update") with the changes; nothing when nothing changes.
    PermissionDenied (audited as denied) unless the actor may change it, or when a liaison
    names another agency; ValidationError naming the field on bad input. Nothing is
    written in those cases and ``stakeholder`` keeps its stored values.
    """
    _reject_unknown(fields, STAKEHOLDER_FIELDS)
    if not has_perm("outreach.change_stakeholder", actor, stakeholder):
        refuse(
            actor=actor,
            action="outreach.stakeholder.update",
            why=_("You may not change this stakeholder."),
            obj=stakeholder,
        )
    old_categories = list(stakeholder.cbrn_categories.all())
    before = _values(stakeholder, old_categories)
    categories = old_categories
    if "cbrn_categories" in fields:
        categories = _categories(fields.pop("cbrn_categories"))
    for name, value in fields.items():
        setattr(stakeholder, name, value)
    try:
        _check_agency(actor, stakeholder, "outreach.stakeholder.update")
        _validate(stakeholder)
    except (ValidationError, PermissionDenied):
        stakeholder.refresh_from_db()
        raise
    changes = diff(before, _values(stakeholder, categories))
    if not changes:
        return stakeholder
    with transaction.atomic():
        stakeholder.save()
        stakeholder.cbrn_categories.set(categories)
        record(
            actor=actor,
            action="outreach.stakeholder.update",
            obj=stakeholder,
            object_repr=_label(stakeholder),
            changes=changes,
        )
    return stakeholder


def _require_change(actor: User, stakeholder: Stakeholder, action: str) -> None:
    if not has_perm("outreach.change_stakeholder", actor, stakeholder):
        refuse(
            actor=actor,
            action=action,
            why=_("You may not change this stakeholder's contacts."),
            obj=stakeholder,
        )


def add_contact(*, actor: User, stakeholder: Stakeholder, **fields: Any) -> Contact:
    """Add a contact person (name, position, email, phone) to a stakeholder.

    Side effects: one Contact row, one audit entry ("outreach.contact.create").
    PermissionDenied (audited) unless the actor may change the stakeholder; ValidationError
    naming the field on bad input; nothing is written then.
    """
    _reject_unknown(fields, CONTACT_FIELDS)
    _require_change(actor, stakeholder, "outreach.contact.create")
    contact = Contact(stakeholder=stakeholder, **fields)
    contact.full_clean(exclude=["stakeholder"])
    with transaction.atomic():
        contact.save()
        record(
            actor=actor,
            action="outreach.contact.create",
            obj=contact,
            object_repr=f"CON-{contact.pk}",
            changes={"stakeholder": _label(stakeholder), **diff({}, snapshot(contact))},
        )
    return contact


def update_contact(*, actor: User, contact: Contact, **fields: Any) -> Contact:
    """Change the fields given of a contact (name, position, email, phone).

    Side effects: the row updated, one audit entry ("outreach.contact.update") with the
    changes; nothing when nothing changes. PermissionDenied (audited) / ValidationError as
    ``add_contact``; the contact keeps its stored values then.
    """
    _reject_unknown(fields, CONTACT_FIELDS)
    _require_change(actor, contact.stakeholder, "outreach.contact.update")
    before = snapshot(contact)
    for name, value in fields.items():
        setattr(contact, name, value)
    try:
        contact.full_clean(exclude=["stakeholder"])
    except ValidationError:
        contact.refresh_from_db()
        raise
    changes = diff(before, snapshot(contact))
    if not changes:
        return contact
    with transaction.atomic():
        contact.save()
        record(
            actor=actor,
            action="outreach.contact.update",
            obj=contact,
            object_repr=f"CON-{contact.pk}",
            changes=changes,
        )
    return contact


def remove_contact(*, actor: User, contact: Contact) -> None:
    """Remove a contact from its stakeholder.

    Side effects: the Contact row deleted, one audit entry ("outreach.contact.delete")
    naming it and its stakeholder. PermissionDenied (audited) unless the actor may change
    the stakeholder; nothing is deleted then.
    """
    stakeholder = contact.stakeholder
    _require_change(actor, stakeholder, "outreach.contact.delete")
    with transaction.atomic():
        record(
            actor=actor,
            action="outreach.contact.delete",
            obj=contact,
            object_repr=f"CON-{contact.pk}",
            changes={"stakeholder": _label(stakeholder)},
        )
        contact.delete()
