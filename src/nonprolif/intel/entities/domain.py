"""The writes of entities: registering and editing one (with its aliases), and linking an
entity to a report in a role or unlinking it.

Audit entries name an entity by its number and a link by its ids, never by a name: an
entity's name is as sensitive as the reports that name it, and auditors read the audit of
every read without being cleared for its content. An edit's entry lists the fields changed,
not their values.
"""

from collections.abc import Iterable
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import Actor, User
from nonprolif.core.rules import has_perm
from nonprolif.intel.models import Entity, EntityAlias, IntelReport, LinkRole, ReportEntity

ENTITY_FIELDS = ("kind", "name", "country", "identifier", "description")
MAX_ALIASES = 50


def entity_repr(entity: Entity) -> str:
    """How the audit names an entity: its number only (``str(entity)``)."""
    return str(entity)


def _refuse(
    *, actor: Actor, action: str, why: str, obj: Any = None, changes: dict[str, Any] | None = None
) -> NoReturn:
    """Audit the refused attempt and raise PermissionDenied(why) (``audit.refuse``)."""
    refuse(
        actor=actor,
        action=action,
        why=why,
        obj=obj,
        changes=changes or {},
        object_type="" if obj is not None else "intel.entity",
    )


def _clean_aliases(aliases: Iterable[str], name: str) -> list[str]:
    """The aliases stripped, each once, without the name itself; ValidationError (on
    ``aliases``) when there are too many or one is too long."""
    cleaned: list[str] = []
    for alias in aliases:
        alias = " ".join(str(alias).split())
        if alias and alias != name and alias not in cleaned:
            cleaned.append(alias)
    if len(cleaned) > MAX_ALIASES:
        raise ValidationError(
            {"aliases": _("At most %(max)d aliases.") % {"max": MAX_ALIASES}}, code="too_many"
        )
    for alias in cleaned:
        candidate = EntityAlias(name=alias)
        try:
            candidate.clean_fields(exclude=["entity"])
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            raise ValidationError(
                {"aliases": [f"{alias[:40]}: {message}" for message in messages]}
            ) from None
    return cleaned


def _write_aliases(entity: Entity, aliases: list[str]) -> bool:
    """Make ``aliases`` the entity's aliases; whether anything changed."""
    current = set(entity.aliases.values_list("name", flat=True))
    wanted = set(aliases)
    if current == wanted:
        return False
    entity.aliases.exclude(name__in=wanted).delete()
    EntityAlias.objects.bulk_create(
        [EntityAlias(entity=entity, name=alias) for alias in aliases if alias not in current]
    )
    return True


def create_entity(
    *,
    actor: Actor,
    kind: str,
    name: str,
    country: str = "",
    identifier: str = "",
    description: str = "",
    aliases: Iterable[str] = (),
) -> Entity:
    """Register an entity for the actor's agency (analysts with an agency and a clearance).

    Side effects, in one transaction: the Entity (owner = the actor's agency, created_by = the
    actor), its EntityAlias rows, one audit entry ("intel.entity.create", named by number).
    ValidationError naming the field on bad input; PermissionDenied (audited as denied) for
    anybody else. Until a report names it, only the actor's agency sees it.
    """
    if not has_perm("intel.add_entity", actor):
        _refuse(
            actor=actor, action="intel.entity.create", why=_("Only analysts register entities.")
        )
    # The rule admits signed-in analysts with an agency only.
    assert isinstance(actor, User)
    assert actor.agency_id is not None
    entity = Entity(
        kind=kind,
        name=" ".join((name or "").split()),
        country=(country or "").strip().upper(),
        identifier=(identifier or "").strip(),
        description=(description or "").strip(),
        owner_id=actor.agency_id,
        created_by=actor,
    )
    errors: dict[str, list[str]] = {}
    try:
        entity.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        cleaned_aliases = _clean_aliases(aliases, entity.name)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entity.save()
        _write_aliases(entity, cleaned_aliases)
        record(
            actor=actor,
            action="intel.entity.create",
            obj=entity,
            object_repr=entity_repr(entity),
            changes={"kind": entity.kind, "aliases": len(cleaned_aliases)},
        )
    return entity


def update_entity(
    *,
    actor: Actor,
    entity: Entity,
    aliases: Iterable[str] | None = None,
    **fields: Any,
) -> Entity:
    """Edit an entity (analysts of the agency that registered it): any of kind, name,
    country, identifier, description; ``aliases`` (when given) become its aliases.

    Side effects, in one transaction: the Entity's fields, its EntityAlias rows (removed,
    added), one audit entry ("intel.entity.update": the names of the fields changed, not
    their values). Nothing changed: nothing written. ValidationError naming the field on bad
    input (nothing written); PermissionDenied (audited as denied) for anybody else.
    """
    unknown = sorted(set(fields) - set(ENTITY_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if not has_perm("intel.change_entity", actor, entity):
        _refuse(
            actor=actor,
            action="intel.entity.update",
            obj=entity,
            why=_("Only the analysts of the agency that registered an entity edit it."),
        )
    with transaction.atomic():
        current = Entity.objects.select_for_update().get(pk=entity.pk)
        changed = []
        for name, value in fields.items():
            value = (value or "").strip()
            if name == "name":
                value = " ".join(value.split())
            elif name == "country":
                value = value.upper()
            if getattr(current, name) != value:
                setattr(current, name, value)
                changed.append(name)
        errors: dict[str, list[str]] = {}
        try:
            current.full_clean(exclude=["created_by"])  # null for an imported entity
        except ValidationError as error:
            errors.update(error.message_dict)
        cleaned_aliases = None
        if aliases is not None:
            try:
                cleaned_aliases = _clean_aliases(aliases, current.name)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)
        if changed:
            current.save(update_fields=changed)
        if cleaned_aliases is not None and _write_aliases(current, cleaned_aliases):
            changed.append("aliases")
        if changed:
            record(
                actor=actor,
                action="intel.entity.update",
                obj=current,
                object_repr=entity_repr(current),
                changes={"fields": changed},
            )
    return current


def link_entity(*, actor: Actor, report: IntelReport, entity: Entity, role: str) -> ReportEntity:
    """Name ``entity`` in ``report`` in ``role`` (subject, supplier, consignee, carrier,
    location): the report's writers only (analysts of its originator cleared for its
    classification; not once withdrawn). The caller fetched both through the access rule.

    Side effects, in one transaction: one ReportEntity row, one audit entry
    ("intel.entity.link"). From then on every reader of the report sees the entity.
    ValidationError on ``role`` for an unknown role or a link that exists already;
    PermissionDenied (audited as denied) for anybody else.
    """
    if not has_perm("intel.link_entity", actor, report):
        _refuse(
            actor=actor,
            action="intel.entity.link",
            obj=report,
            changes={"entity": entity.pk, "role": role},
            why=_("Only the writers of a report name entities in it."),
        )
    if role not in LinkRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")}, code="invalid_choice")
    with transaction.atomic():
        IntelReport.objects.select_for_update().filter(pk=report.pk).first()
        if ReportEntity.objects.filter(report=report, entity=entity, role=role).exists():
            raise ValidationError(
                {"role": _("The report already names this entity in this role.")},
                code="duplicate",
            )
        link = ReportEntity(report=report, entity=entity, role=role)
        link.full_clean()
        link.save()
        record(
            actor=actor,
            action="intel.entity.link",
            obj=link,
            changes={"report": report.pk, "entity": entity.pk, "role": role},
        )
    return link


def unlink_entity(*, actor: Actor, link: ReportEntity) -> None:
    """Remove ``link`` (the entity is no longer named in that role by the report): the
    report's writers only.

    Side effects, in one transaction: the ReportEntity row deleted, one audit entry
    ("intel.entity.unlink"). The entity stays; named by no report, only its registering
    agency sees it. PermissionDenied (audited as denied) for anybody else.
    """
    report = link.report
    if not has_perm("intel.link_entity", actor, report):
        _refuse(
            actor=actor,
            action="intel.entity.unlink",
            obj=link,
            why=_("Only the writers of a report name entities in it."),
        )
    with transaction.atomic():
        record(
            actor=actor,
            action="intel.entity.unlink",
            obj=link,
            changes={"report": link.report_id, "entity": link.entity_id, "role": link.role},
        )
        ReportEntity.objects.filter(pk=link.pk).delete()
