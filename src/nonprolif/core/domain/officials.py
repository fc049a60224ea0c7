"""Writes on officials: create and update, each checked, validated, atomic and audited."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Actor, Agency, Official, Seniority
from nonprolif.core.rules import has_perm

#: The fields a person may set on an official through these services.
EDITABLE_FIELDS = (
    "agency",
    "given_names",
    "family_names",
    "position",
    "seniority",
    "email",
    "phone",
    "language",
    "active",
)


def _validate(*, actor: Actor, official: Official) -> None:
    """full_clean() plus the scope rule: the actor may only put officials in an agency he
    may change officials of. Raises one ValidationError holding every field's errors."""
    errors: dict[str, list[Any]] = {}
    try:
        official.full_clean(exclude=["user"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if official.agency_id is None:
        errors["agency"] = [_("An official must belong to an agency.")]
    if (
        official.agency_id is not None
        and "agency" not in errors
        and not has_perm("core.change_official", actor, official)
    ):
        errors["agency"] = [_("You can only manage the officials of your own agency.")]
    if errors:
        raise ValidationError(errors)


def create_official(
    *,
    actor: Actor,
    agency: Agency,
    given_names: str,
    family_names: str,
    position: str = "",
    seniority: str = Seniority.WORKING,
    email: str = "",
    phone: str = "",
    language: str = "es-mx",
    active: bool = True,
) -> Official:
    """Create an official in ``agency``.

    The actor needs ``core.add_official`` (PermissionDenied otherwise) and may only create in
    an agency whose officials he may change (a ValidationError on ``agency`` otherwise).
    Permissions are tested on the rules themselves, so being a superuser grants nothing.

    Side effects: one Official row and one AuditEntry ("official.create"), in one
    transaction; nothing is written when validation fails.
    """
    if not has_perm("core.add_official", actor):
        raise PermissionDenied(_("You may not add officials."))
    official = Official(
        agency=agency,
        given_names=given_names,
        family_names=family_names,
        position=position,
        seniority=seniority,
        email=email,
        phone=phone,
        language=language,
        active=active,
    )
    _validate(actor=actor, official=official)
    with transaction.atomic():
        official.save()
        record(
            actor=actor,
            action="official.create",
            obj=official,
            changes=diff({}, snapshot(official, list(EDITABLE_FIELDS))),
        )
    return official


def update_official(*, actor: Actor, official: Official, **changes: Any) -> Official:
    """Change the given fields (any of EDITABLE_FIELDS) of ``official``.

    The actor needs ``core.change_official`` on the official as stored (PermissionDenied
    otherwise) and on the result (moving it to an agency he may not manage is a
    ValidationError on ``agency``). Callers fetch ``official`` through
    ``get_official_for`` first, so that an invisible official is a 404, never a 403.

    Side effects: the Official row is updated and, when a value changed, one AuditEntry
    ("official.update") with the before/after values, in one transaction; nothing is
    written when validation fails. Returns the stored official.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_official() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Official.objects.select_for_update().get(pk=official.pk)
        if not has_perm("core.change_official", actor, current):
            raise PermissionDenied(_("You may not change this official."))
        before = snapshot(current, list(EDITABLE_FIELDS))
        for name, value in changes.items():
            setattr(current, name, value)
        _validate(actor=actor, official=current)
        current.save()
        changed = diff(before, snapshot(current, list(EDITABLE_FIELDS)))
        if changed:
            record(actor=actor, action="official.update", obj=current, changes=changed)
    return current
