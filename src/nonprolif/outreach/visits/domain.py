"""Writes of outreach visits: recording one (with its coordination meeting), changing it,
and its follow-ups (action items of its meeting).

Who: a coordinator, or a liaison of the stakeholder's responsible agency
(``outreach.add_visit``, ``outreach.change_visit``). Every refusal is audited (outcome
denied) before PermissionDenied is raised, outside the service's transaction. Audit entries
name the visit ``VIS-<id>``.

The rules the brief left open, as decided here:

- The visiting agency is a national agency of the stakeholder's program. A liaison visits
  for his own agency (refused otherwise); a coordinator names any national agency, and
  without one the stakeholder's responsible agency made the visit.
- The visit's meeting follows the visit: a new date moves the meeting to it.
- A follow-up's owner is the visiting agency (the meeting's only agency); naming another
  agency is bad input on ``owner_agency``.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, refuse, snapshot
from nonprolif.core.models import Agency, User
from nonprolif.core.rules import has_perm, is_coordinator
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.models import ActionItem, Meeting
from nonprolif.outreach.models import AwarenessMaterial, Stakeholder, Visit
from nonprolif.program.queries.agencies import national_agency_ids

VISIT_FIELDS = {"date", "attendees", "topics_es", "topics_en", "materials"}
TITLE_MAX = 200


def _label(visit: Visit) -> str:
    return f"VIS-{visit.pk}"


def _materials(actor: User, materials: Iterable[Any]) -> list[AwarenessMaterial]:
    """The materials named (rows or ids), each one the actor reads; ValidationError on
    ``materials`` naming any other."""
    wanted = [m.pk if isinstance(m, AwarenessMaterial) else m for m in materials or ()]
    ids: list[int] = []
    for value in wanted:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError(
                {"materials": _("Unknown material: %(id)s.") % {"id": value}}
            ) from None
    found = {m.pk: m for m in AwarenessMaterial.objects.visible_to(actor).filter(pk__in=ids)}
    missing = [str(i) for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise ValidationError(
            {"materials": _("Unknown material: %(id)s.") % {"id": ", ".join(missing)}}
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _values(visit: Visit, materials: Iterable[AwarenessMaterial]) -> dict[str, Any]:
    values = snapshot(visit, {"stakeholder", "agency", "date", "attendees", "topics_es"})
    values["topics_en"] = visit.topics_en
    values["materials"] = sorted(m.pk for m in materials)
    return values


def _visiting_agency(actor: User, stakeholder: Stakeholder, agency: Agency | None) -> Agency | None:
    if agency is None:
        return stakeholder.responsible_agency if is_coordinator(actor) else actor.agency
    if not is_coordinator(actor) and agency.pk != actor.agency_id:
        refuse(
            actor=actor,
            action="outreach.visit.create",
            why=_("A liaison records his own agency's visits only."),
            obj=stakeholder,
            changes={"agency": agency.code},
        )
    return agency


def _meeting_for(stakeholder: Stakeholder, date: Any) -> Meeting:
    place = stakeholder.city or stakeholder.state or stakeholder.name
    return Meeting(
        program=stakeholder.program,
        title_es=_title("Visita de difusión", stakeholder.name),
        title_en=_title("Outreach visit", stakeholder.name),
        date=date,
        place=place[:TITLE_MAX],
    )


def _title(prefix: str, name: str) -> str:
    text = f"{prefix}: {name}"
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def record_visit(
    *,
    actor: User,
    stakeholder: Stakeholder,
    date: datetime.date,
    attendees: str,
    topics_es: str,
    topics_en: str,
    materials: Iterable[Any] = (),
    agency: Agency | None = None,
) -> Visit:
    """Record an outreach visit of ``agency`` (see the module's rules) to ``stakeholder``.

    ``materials``: the awareness materials handed over (rows or ids), each one the actor
    reads.

    Side effects, in one transaction: one events Meeting (the stakeholder's program, titled
    "Visita de difusión: <name>" / "Outreach visit: <name>", the visit's date, the
    stakeholder's city or state as place, the visiting agency its only agency) audited
    "meeting.create"; one Visit row and its material links, audited
    "outreach.visit.create". PermissionDenied (audited as denied) unless the actor may
    record visits to the stakeholder; ValidationError naming the field on bad input.
    Nothing is written in those cases.
    """
    if not has_perm("outreach.add_visit", actor, stakeholder):
        refuse(
            actor=actor,
            action="outreach.visit.create",
            why=_("You may not record visits to this stakeholder."),
            obj=stakeholder,
        )
    visiting = _visiting_agency(actor, stakeholder, agency)
    if visiting is None or visiting.pk not in national_agency_ids(stakeholder.program):
        raise ValidationError(
            {"agency": _("The visiting agency must be a national agency of the program.")}
        )
    errors: dict[str, list[str]] = {}
    visit = Visit(
        stakeholder=stakeholder,
        agency=visiting,
        date=date,
        attendees=attendees,
        topics_es=topics_es,
        topics_en=topics_en,
        created_by=actor,
    )
    try:
        visit.full_clean(exclude=["stakeholder", "agency", "meeting", "created_by", "materials"])
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        handed = _materials(actor, materials)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    meeting = _meeting_for(stakeholder, date)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        meeting.agencies.set([visiting])
        record(
            actor=actor,
            action="meeting.create",
            obj=meeting,
            changes=diff({}, {**snapshot(meeting), "agencies": [visiting.code]}),
        )
        visit.meeting = meeting
        visit.save()
        visit.materials.set(handed)
        record(
            actor=actor,
            action="outreach.visit.create",
            obj=visit,
            object_repr=_label(visit),
            changes=diff({}, {**_values(visit, handed), "meeting": meeting.pk}),
        )
    return visit


def _require_change(actor: User, visit: Visit, action: str) -> None:
    if not has_perm("outreach.change_visit", actor, visit):
        refuse(
            actor=actor,
            action=action,
            why=_("You may not change this visit."),
            obj=visit,
        )


def update_visit(*, actor: User, visit: Visit, **fields: Any) -> Visit:
    """Change the fields given of a visit: date, attendees, topics_es, topics_en, materials
    (rows or ids the actor reads).

    Side effects: the row and its material links updated, the meeting moved to a new date,
    one audit entry ("outreach.visit.update") with the changes; nothing when nothing
    changes. PermissionDenied (audited as denied) unless the actor may change the visit;
    ValidationError naming the field on bad input. Nothing is written in those cases and
    ``visit`` keeps its stored values.
    """
    unknown = set(fields) - VISIT_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    _require_change(actor, visit, "outreach.visit.update")
    old_materials = list(visit.materials.all())
    before = _values(visit, old_materials)
    handed = old_materials
    if "materials" in fields:
        handed = _materials(actor, fields.pop("materials"))
    for name, value in fields.items():
        setattr(visit, name, value)
    try:
        visit.full_clean(exclude=["stakeholder", "agency", "meeting", "created_by", "materials"])
    except ValidationError:
        visit.refresh_from_db()
        raise
    changes = diff(before, _values(visit, handed))
    if not changes:
        return visit
    with transaction.atomic():
        visit.save()
        visit.materials.set(handed)
        if "date" in changes:
            Meeting.objects.filter(pk=visit.meeting_id).update(date=visit.date)
        record(
            actor=actor,
            action="outreach.visit.update",
            obj=visit,
            object_repr=_label(visit),
            changes=changes,
        )
    return visit


def add_follow_up(
    *,
    actor: User,
    visit: Visit,
    title_es: str,
    title_en: str,
    due_date: datetime.date,
    owner_agency: Agency | None = None,
    description_es: str = "",
    description_en: str = "",
) -> ActionItem:
    """A follow-up of a visit: an action item of the visit's meeting, owned by the visiting
    agency, due by ``due_date``, through the coordination service (its history, audit and
    reminders).

    Side effects, in one transaction: one ActionItem with its first history row, audited
    "action_item.create", and one audit entry "outreach.visit.follow_up" naming the visit
    and the item. PermissionDenied (audited as denied) unless the actor may change the
    visit; ValidationError naming the field on bad input. Nothing is written then.
    """
    _require_change(actor, visit, "outreach.visit.follow_up")
    if owner_agency is not None and owner_agency.pk != visit.agency_id:
        raise ValidationError(
            {"owner_agency": _("A visit's follow-ups belong to the agency that made it.")}
        )
    try:
        with transaction.atomic():
            item = create_action_item(
                actor=actor,
                meeting=visit.meeting,
                title_es=title_es,
                title_en=title_en,
                owner_agency=visit.agency,
                due_date=due_date,
                description_es=description_es,
                description_en=description_en,
            )
            record(
                actor=actor,
                action="outreach.visit.follow_up",
                obj=visit,
                object_repr=_label(visit),
                changes={"action_item": item.pk},
            )
    except PermissionDenied:
        refuse(
            actor=actor,
            action="outreach.visit.follow_up",
            why=_("You may not add follow-ups to this visit."),
            obj=visit,
        )
    return item
