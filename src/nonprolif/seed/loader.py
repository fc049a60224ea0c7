"""Load a program document (agencies, program, partner proposals, meetings) into the database.

A program document is plain JSON (see ``fixtures/mx-2009.json``, the built-in 2009 program).
Loading upserts every record by its natural key, so loading the same document twice changes
nothing and writes no audit entries the second time:

- agency: ``code``
- program: ``code``
- proposal: (program, ``submitted_by``, ``version``); its items: ``number``
- meeting: (program, ``title_es``, ``date``)
- conference: ``acronym`` (fields: acronym, title_es, title_en, description_es?,
  description_en?, city, venue?, host_agency (code), start_date, end_date, time_zone?,
  day_start? and day_end? as HH:MM)

Records in the database that the document does not mention are left alone. Nothing in this
module knows about a particular program: another country, other agencies or another partner is
another document.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import translation

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Agency
from nonprolif.events.models import Conference, Meeting
from nonprolif.program.models import Program, Proposal, ProposalItem

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
PROGRAM_FORMAT = "nonprolif.program/1"
BUILTIN_PROGRAM = "mx-2009"


@dataclass
class SeedResult:
    """What a load did: counts of created and updated rows per model label."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def merge(self, other: "SeedResult") -> "SeedResult":
        self.created.update(other.created)
        self.updated.update(other.updated)
        return self

    def summary(self) -> str:
        if not self.changed:
            return "Nothing to change: the data is already loaded."
        parts = [f"created {_count(n, label)}" for label, n in sorted(self.created.items())]
        parts += [f"updated {_count(n, label)}" for label, n in sorted(self.updated.items())]
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


def _count(n: int, label: str) -> str:
    """``3 agencies`` / ``1 agency`` for the model ``label`` (e.g. ``core.agency``)."""
    meta = apps.get_model(label)._meta
    with translation.override("en"):
        return f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"


def read_document(path: str | Path) -> dict:
    """The JSON document at ``path``."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def builtin_document(name: str = BUILTIN_PROGRAM) -> dict:
    """A document shipped with the package under ``seed/fixtures/`` (``name`` without .json)."""
    return read_document(FIXTURES_DIR / f"{name}.json")


# --- document checking -------------------------------------------------------------------


def fail(where: str, message: str):
    raise ValidationError({where: [message]})


def check_entry(
    value: Any, where: str, required: set[str], optional: set[str] = frozenset()
) -> dict[str, Any]:
    """``value`` as a dict with every required key and no unknown key."""
    if not isinstance(value, dict):
        fail(where, "expected an object")
    errors = {f"{where}.{name}": ["this field is required"] for name in required - set(value)}
    errors |= {f"{where}.{name}": ["unknown field"] for name in set(value) - required - optional}
    if errors:
        raise ValidationError(dict(sorted(errors.items())))
    return value


def _date(value: Any, where: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a date in the form YYYY-MM-DD")


class _Agencies:
    """Agency lookup by code: the document's agencies and those already in the database."""

    def __init__(self):
        self.by_code: dict[str, Agency] = {}

    def get(self, code: Any, where: str) -> Agency:
        if code in self.by_code:
            return self.by_code[code]
        agency = Agency.objects.filter(code=code).first() if isinstance(code, str) else None
        if agency is None:
            fail(where, f"unknown agency code “{code}”")
        self.by_code[code] = agency
        return agency

    def many(self, codes: Any, where: str) -> list[Agency]:
        if not isinstance(codes, list):
            fail(where, "expected a list of agency codes")
        if len(set(codes)) != len(codes):
            fail(where, "an agency code is repeated")
        return [self.get(code, f"{where}[{i}]") for i, code in enumerate(codes)]


# --- upsert ------------------------------------------------------------------------------


def _natural(obj: models.Model) -> str:
    return getattr(obj, "code", None) or str(obj.pk)


def _clean(obj: models.Model, where: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {
                where if name == NON_FIELD_ERRORS else f"{where}.{name}": messages
                for name, messages in error.message_dict.items()
            }
        ) from None


LOOK_UP = object()  # upsert(existing=...) default: find the row by its key


def upsert(
    model: type[models.Model],
    *,
    key: dict[str, Any],
    values: dict[str, Any],
    m2m: dict[str, list[models.Model]] | None = None,
    where: str,
    result: SeedResult,
    actor=None,
    existing: models.Model | object | None = LOOK_UP,
) -> models.Model:
    """Create the ``model`` row found by ``key`` or bring it to ``values`` and ``m2m``.

    ``existing`` is the row found by ``key`` (or None) when the caller already fetched it in
    bulk; by default it is looked up. Validates with ``full_clean()`` (errors are named
    ``<where>.<field>``). Saves only when a value differs. Side effects: the row (created or
    updated), its many-to-many links, and one audit entry ``seed.create`` or ``seed.update``
    (with the changed fields) when something changed; none when nothing did.
    """
    m2m = m2m or {}
    label = model._meta.label_lower
    obj = model.objects.filter(**key).first() if existing is LOOK_UP else existing
    if obj is None:
        obj = model(**key, **values)
        _clean(obj, where)
        obj.save()
        changes = diff({}, snapshot(obj))
        for name, related in m2m.items():
            getattr(obj, name).set(related)
            changes[name] = [None, sorted(_natural(o) for o in related)]
        record(actor=actor, action="seed.create", obj=obj, changes=changes)
        result.created[label] += 1
        return obj

    before = snapshot(obj, fields=list(values))
    for name, value in values.items():
        setattr(obj, name, value)
    changes = diff(before, snapshot(obj, fields=list(values)))
    if changes:
        _clean(obj, where)
        obj.save(update_fields=list(changes))
    for name, related in m2m.items():
        manager = getattr(obj, name)
        current = list(manager.all())
        if {o.pk for o in current} != {o.pk for o in related}:
            manager.set(related)
            changes[name] = [
                sorted(_natural(o) for o in current),
                sorted(_natural(o) for o in related),
            ]
    if changes:
        record(actor=actor, action="seed.update", obj=obj, changes=changes)
        result.updated[label] += 1
    return obj


# --- the document ------------------------------------------------------------------------

AGENCY_FIELDS = {"code", "name_es", "name_en", "country", "kind"}
AGENCY_OPTIONAL = {"acronym", "parent", "description_es", "description_en"}
PROGRAM_FIELDS = {"code", "name_es", "name_en", "country", "lead_agency"}
PROGRAM_OPTIONAL = {
    "description_es",
    "description_en",
    "member_agencies",
    "partner_agencies",
    "time_zone",
    "target_trainees",
}
PROPOSAL_FIELDS = {"submitted_by", "version", "submitted_on", "title_es", "title_en"}
PROPOSAL_OPTIONAL = {"summary_es", "summary_en", "items"}
ITEM_FIELDS = {"number", "kind", "title_es", "title_en"}
ITEM_OPTIONAL = {
    "description_es",
    "description_en",
    "target_trainees",
    "cohort_size",
    "cohort_count",
    "start_date",
    "cadence_months",
    "session_days",
    "target_agencies",
    "notes",
}
MEETING_FIELDS = {"title_es", "title_en", "date", "place", "agencies"}
MEETING_OPTIONAL = {"date_precision", "summary_es", "summary_en"}
DOCUMENT_FIELDS = {"format", "program"}
CONFERENCE_FIELDS = {
    "acronym",
    "title_es",
    "title_en",
    "city",
    "host_agency",
    "start_date",
    "end_date",
}
CONFERENCE_OPTIONAL = {
    "description_es",
    "description_en",
    "venue",
    "time_zone",
    "day_start",
    "day_end",
}
DOCUMENT_OPTIONAL = {
    "agencies",
    "proposals",
    "meetings",
    "conferences",
    "source_es",
    "source_en",
}


def _agencies_in_order(entries: list[dict]) -> list[tuple[int, dict]]:
    """The document's agencies, each after its parent when the parent is in the document."""
    index = {entry["code"]: i for i, entry in enumerate(entries)}
    ordered: list[tuple[int, dict]] = []
    state: dict[int, str] = {}

    def visit(i: int) -> None:
        if state.get(i) == "done":
            return
        if state.get(i) == "visiting":
            fail(f"agencies[{i}].parent", "the parent chain loops back to this agency")
        state[i] = "visiting"
        parent = entries[i].get("parent")
        if parent in index:
            visit(index[parent])
        state[i] = "done"
        ordered.append((i, entries[i]))

    for i in range(len(entries)):
        visit(i)
    return ordered


def _load_agencies(entries: Any, agencies: _Agencies, result: SeedResult, actor) -> None:
    if not isinstance(entries, list):
        fail("agencies", "expected a list")
    codes = []
    for i, entry in enumerate(entries):
        check_entry(entry, f"agencies[{i}]", AGENCY_FIELDS, AGENCY_OPTIONAL)
        if entry["code"] in codes:
            fail(f"agencies[{i}].code", f"agency code “{entry['code']}” is repeated")
        codes.append(entry["code"])
    for i, entry in _agencies_in_order(entries):
        where = f"agencies[{i}]"
        values = {
            "name_es": entry["name_es"],
            "name_en": entry["name_en"],
            "acronym": entry.get("acronym", ""),
            "country": entry["country"],
            "kind": entry["kind"],
            "description_es": entry.get("description_es", ""),
            "description_en": entry.get("description_en", ""),
            "parent": (
                agencies.get(entry["parent"], f"{where}.parent") if entry.get("parent") else None
            ),
        }
        agencies.by_code[entry["code"]] = upsert(
            Agency,
            key={"code": entry["code"]},
            values=values,
            where=where,
            result=result,
            actor=actor,
        )


def _load_program(entry: Any, agencies: _Agencies, result: SeedResult, actor) -> Program:
    check_entry(entry, "program", PROGRAM_FIELDS, PROGRAM_OPTIONAL)
    values = {
        "name_es": entry["name_es"],
        "name_en": entry["name_en"],
        "description_es": entry.get("description_es", ""),
        "description_en": entry.get("description_en", ""),
        "country": entry["country"],
        "lead_agency": agencies.get(entry["lead_agency"], "program.lead_agency"),
        "time_zone": entry.get("time_zone", "America/Mexico_City"),
        "target_trainees": entry.get("target_trainees"),
    }
    m2m = {
        "member_agencies": agencies.many(
            entry.get("member_agencies", []), "program.member_agencies"
        ),
        "partner_agencies": agencies.many(
            entry.get("partner_agencies", []), "program.partner_agencies"
        ),
    }
    return upsert(
        Program,
        key={"code": entry["code"]},
        values=values,
        m2m=m2m,
        where="program",
        result=result,
        actor=actor,
    )


def _load_proposals(
    entries: Any, program: Program, agencies: _Agencies, result: SeedResult, actor
) -> None:
    if not isinstance(entries, list):
        fail("proposals", "expected a list")
    for i, entry in enumerate(entries):
        where = f"proposals[{i}]"
        check_entry(entry, where, PROPOSAL_FIELDS, PROPOSAL_OPTIONAL)
        proposal = upsert(
            Proposal,
            key={
                "program": program,
                "submitted_by": agencies.get(entry["submitted_by"], f"{where}.submitted_by"),
                "version": entry["version"],
            },
            values={
                "title_es": entry["title_es"],
                "title_en": entry["title_en"],
                "summary_es": entry.get("summary_es", ""),
                "summary_en": entry.get("summary_en", ""),
                "submitted_on": _date(entry["submitted_on"], f"{where}.submitted_on"),
            },
            where=where,
            result=result,
            actor=actor,
        )
        items = entry.get("items", [])
        if not isinstance(items, list):
            fail(f"{where}.items", "expected a list")
        numbers = set()
        for j, item in enumerate(items):
            item_where = f"{where}.items[{j}]"
            check_entry(item, item_where, ITEM_FIELDS, ITEM_OPTIONAL)
            if item["number"] in numbers:
                fail(f"{item_where}.number", f"item number {item['number']} is repeated")
            numbers.add(item["number"])
            upsert(
                ProposalItem,
                key={"proposal": proposal, "number": item["number"]},
                values={
                    "kind": item["kind"],
                    "title_es": item["title_es"],
                    "title_en": item["title_en"],
                    "description_es": item.get("description_es", ""),
                    "description_en": item.get("description_en", ""),
                    "target_trainees": item.get("target_trainees"),
                    "cohort_size": item.get("cohort_size"),
                    "cohort_count": item.get("cohort_count"),
                    "start_date": _date(item.get("start_date"), f"{item_where}.start_date"),
                    "cadence_months": item.get("cadence_months"),
                    "session_days": item.get("session_days"),
                    "notes": item.get("notes", ""),
                },
                m2m={
                    "target_agencies": agencies.many(
                        item.get("target_agencies", []), f"{item_where}.target_agencies"
                    )
                },
                where=item_where,
                result=result,
                actor=actor,
            )


def _load_meetings(
    entries: Any, program: Program, agencies: _Agencies, result: SeedResult, actor
) -> None:
    if not isinstance(entries, list):
        fail("meetings", "expected a list")
    for i, entry in enumerate(entries):
        where = f"meetings[{i}]"
        check_entry(entry, where, MEETING_FIELDS, MEETING_OPTIONAL)
        participants = agencies.many(entry["agencies"], f"{where}.agencies")
        if not participants:
            fail(f"{where}.agencies", "a meeting needs at least one participating agency")
        upsert(
            Meeting,
            key={
                "program": program,
                "title_es": entry["title_es"],
                "date": _date(entry["date"], f"{where}.date"),
            },
            values={
                "title_en": entry["title_en"],
                "date_precision": entry.get("date_precision", "day"),
                "place": entry["place"],
                "summary_es": entry.get("summary_es", ""),
                "summary_en": entry.get("summary_en", ""),
            },
            m2m={"agencies": participants},
            where=where,
            result=result,
            actor=actor,
        )


def _time(value: Any, where: str) -> datetime.time | None:
    if value is None:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a time in the form HH:MM")


def _load_conferences(
    entries: Any, program: Program, agencies: _Agencies, result: SeedResult, actor
) -> None:
    """The program's conferences (key: ``acronym``); rooms, speakers and talks are demo
    data (``seed/demo.py``)."""
    if not isinstance(entries, list):
        fail("conferences", "expected a list")
    for i, entry in enumerate(entries):
        where = f"conferences[{i}]"
        check_entry(entry, where, CONFERENCE_FIELDS, CONFERENCE_OPTIONAL)
        upsert(
            Conference,
            key={"acronym": entry["acronym"]},
            values={
                "program": program,
                "title_es": entry["title_es"],
                "title_en": entry["title_en"],
                "description_es": entry.get("description_es", ""),
                "description_en": entry.get("description_en", ""),
                "city": entry["city"],
                "venue": entry.get("venue", ""),
                "host_agency": agencies.get(entry["host_agency"], f"{where}.host_agency"),
                "start_date": _date(entry["start_date"], f"{where}.start_date"),
                "end_date": _date(entry["end_date"], f"{where}.end_date"),
                "time_zone": entry.get("time_zone", program.time_zone),
                "day_start": _time(entry.get("day_start"), f"{where}.day_start"),
                "day_end": _time(entry.get("day_end"), f"{where}.day_end"),
            },
            where=where,
            result=result,
            actor=actor,
        )


def load_program_document(doc: dict, *, actor=None) -> SeedResult:
    """Load one program document (the format of ``fixtures/mx-2009.json``).

    Upserts by natural key (see the module docstring): agencies (parents first), the program
    with its lead, member and partner agencies, each partner proposal with its items and their
    target agencies, the meetings with their participating agencies, and the conferences.

    Raises ValidationError naming the place in the document and the field (e.g.
    ``proposals[0].items[3].cohort_size``) and why; then nothing is written.

    Side effects, in one transaction: rows created or updated in Agency, Program, Proposal,
    ProposalItem, Meeting and Conference (and their many-to-many links); one audit entry
    ``seed.create`` or ``seed.update`` per row created or changed. A second load of the same
    document changes nothing and writes no audit entry.
    """
    check_entry(doc, "document", DOCUMENT_FIELDS, DOCUMENT_OPTIONAL)
    if doc["format"] != PROGRAM_FORMAT:
        fail("document.format", f"expected “{PROGRAM_FORMAT}”, got “{doc['format']}”")
    result = SeedResult()
    agencies = _Agencies()
    with transaction.atomic():
        _load_agencies(doc.get("agencies", []), agencies, result, actor)
        program = _load_program(doc["program"], agencies, result, actor)
        _load_proposals(doc.get("proposals", []), program, agencies, result, actor)
        _load_meetings(doc.get("meetings", []), program, agencies, result, actor)
        _load_conferences(doc.get("conferences", []), program, agencies, result, actor)
    return result
