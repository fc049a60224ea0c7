"""Loading the outreach demo (the data: ``content`` and ``visits``)."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Agency, User
from nonprolif.intel.models import CbrnCategory, IntelReport
from nonprolif.outreach.models import (
    AwarenessMaterial,
    Contact,
    MaterialVersion,
    Stakeholder,
    Tip,
    Visit,
)
from nonprolif.program.models import Program
from nonprolif.seed.loader.checks import check_entry, fail
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from ..actions import upsert_items, upsert_meeting
from ..intel import demo_reports
from .content import STAKEHOLDERS
from .visits import MATERIALS, TIP, VISITS

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "outreach"
OUTREACH_KEYS = {"program", "coordinator", "liaisons", "tip_taken_by"}


def _login(username: str, where: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        fail(where, f"the demo login “{username}” is missing (it is in the document's logins)")
    return user


def load_demo_outreach(
    spec: dict[str, Any], *, result: SeedResult, actor: User | None = None
) -> None:
    """The outreach demo of the section's ``program``: the stakeholders (key: program and
    name) with their contacts (name) and CBRN categories; the awareness materials (Spanish
    title) and their first version, a file of ``seed/fixtures/outreach``; the visits
    (stakeholder and date) by the stakeholder's responsible agency, recorded by that
    agency's login in ``liaisons`` (agency code → login), each with its meeting (program,
    title, date) and follow-ups (its action items); and the tip (reference), taken by the
    ``tip_taken_by`` login, a liaison of the stakeholder's agency, and linked to the
    intelligence demo's report it became (load the intelligence demo first).

    Errors name the place in the document. Side effects: those rows created or brought back
    to the data, one audit entry each when changed (a material's file stored once, never
    replaced); an action item's first history rows. A second load changes nothing.
    """
    check_entry(spec, "outreach", OUTREACH_KEYS)
    program = Program.objects.filter(code=spec["program"]).first()
    if program is None:
        fail("outreach.program", f"unknown program “{spec['program']}”")
    coordinator = _login(spec["coordinator"], "outreach.coordinator")
    liaisons = {
        code: _login(username, f"outreach.liaisons.{code}")
        for code, username in spec["liaisons"].items()
    }
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    categories = {category.code: category for category in CbrnCategory.objects.all()}
    stakeholders = _load_stakeholders(program, agencies, categories, coordinator, result, actor)
    materials = _load_materials(agencies, result, actor)
    for i, visit in enumerate(VISITS):
        where = f"outreach.visits[{i}]"
        stakeholder = stakeholders[visit.stakeholder]
        agency = stakeholder.responsible_agency
        if agency.code not in liaisons:
            fail(f"outreach.liaisons.{agency.code}", "give the login that records its visits")
        meeting = upsert_meeting(
            program=program,
            values={
                "title_es": f"Visita de difusión: {stakeholder.name}",
                "title_en": f"Outreach visit: {stakeholder.name}",
                "date": visit.date,
                "place": f"{stakeholder.city}, {stakeholder.state}",
                "summary_es": visit.topics_es,
                "summary_en": visit.topics_en,
            },
            agencies=[agency],
            where=f"{where}.meeting",
            result=result,
            actor=actor,
        )
        upsert(
            Visit,
            key={"stakeholder": stakeholder, "date": visit.date},
            values={
                "agency": agency,
                "attendees": visit.attendees,
                "topics_es": visit.topics_es,
                "topics_en": visit.topics_en,
                "meeting": meeting,
                "created_by": liaisons[agency.code],
            },
            m2m={"materials": [materials[key] for key in visit.materials]},
            where=where,
            result=result,
            actor=actor,
        )
        if visit.follow_ups:
            upsert_items(
                list(visit.follow_ups),
                meeting=meeting,
                coordinator=liaisons[agency.code],
                recorded=_recorded(visit.date),
                where=f"{where}.follow_ups",
                result=result,
                actor=actor,
            )
    _load_tip(spec, stakeholders, result, actor)


def _recorded(day: datetime.date) -> datetime.datetime:
    """When a visit's follow-ups were recorded: the visit's day, at noon in Mexico City."""
    return datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=datetime.UTC)


def _load_stakeholders(
    program: Program,
    agencies: dict[str, Agency],
    categories: dict[str, CbrnCategory],
    coordinator: User,
    result: SeedResult,
    actor: User | None,
) -> dict[str, Stakeholder]:
    found = {}
    for i, demo in enumerate(STAKEHOLDERS):
        where = f"outreach.stakeholders[{i}]"
        for code in demo.categories:
            if code not in categories:
                fail(f"{where}.cbrn_categories", f"unknown CBRN category “{code}”")
        if demo.agency not in agencies:
            fail(f"{where}.responsible_agency", f"unknown agency code “{demo.agency}”")
        stakeholder = upsert(
            Stakeholder,
            key={"program": program, "name": demo.name},
            values={
                "kind": demo.kind,
                "sector": demo.sector,
                "state": demo.state,
                "city": demo.city,
                "materials": demo.materials,
                "responsible_agency": agencies[demo.agency],
                "created_by": coordinator,
            },
            m2m={"cbrn_categories": [categories[code] for code in demo.categories]},
            where=where,
            result=result,
            actor=actor,
        )
        for j, (name, position, email) in enumerate(demo.contacts):
            upsert(
                Contact,
                key={"stakeholder": stakeholder, "name": name},
                values={"position": position, "email": email},
                where=f"{where}.contacts[{j}]",
                result=result,
                actor=actor,
            )
        found[demo.key] = stakeholder
    return found


def _load_materials(
    agencies: dict[str, Agency], result: SeedResult, actor: User | None
) -> dict[str, AwarenessMaterial]:
    found = {}
    for key, demo in MATERIALS.items():
        where = f"outreach.materials.{key}"
        material = upsert(
            AwarenessMaterial,
            key={"title_es": demo.title_es},
            values={
                "title_en": demo.title_en,
                "description_es": demo.description_es,
                "description_en": demo.description_en,
                "audience": demo.audience,
                "agency": agencies[demo.agency],
                "created_at": demo.uploaded_at,
            },
            where=where,
            result=result,
            actor=actor,
        )
        if not MaterialVersion.objects.filter(material=material, number=1).exists():
            path = FIXTURES / demo.file
            if not path.is_file():
                fail(f"{where}.file", f"no file “{demo.file}” in seed/fixtures/outreach")
            data = path.read_bytes()
            version = MaterialVersion(
                material=material,
                number=1,
                language="mul",
                file_name=demo.file,
                content_type="application/pdf",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=User.objects.filter(username=demo.uploaded_by).first(),
                uploaded_at=demo.uploaded_at,
            )
            _store(version, demo.file, data)
            version.full_clean()
            version.save()
            record(
                actor=actor,
                action="seed.create",
                obj=version,
                changes=diff({}, snapshot(version)),
            )
            result.created[MaterialVersion._meta.label_lower] += 1
        found[key] = material
    return found


def _store(version: MaterialVersion, file_name: str, data: bytes) -> None:
    """Put ``data`` in the version's file: the file already stored under its name when it
    holds the same bytes (a demo loaded again into a new database), else a new file."""
    storage = version.file.storage
    name = version.file.field.generate_filename(version, file_name)
    if storage.exists(name):
        with storage.open(name, "rb") as stored:
            if hashlib.sha256(stored.read()).digest() == hashlib.sha256(data).digest():
                version.file.name = name
                return
    version.file.save(file_name, ContentFile(data), save=False)


def _load_tip(
    spec: dict[str, Any],
    stakeholders: dict[str, Stakeholder],
    result: SeedResult,
    actor: User | None,
) -> None:
    stakeholder = stakeholders[TIP["stakeholder"]]
    taker = _login(spec["tip_taken_by"], "outreach.tip_taken_by")
    if not taker.has_role("liaison") or taker.agency_id != stakeholder.responsible_agency_id:
        fail(
            "outreach.tip_taken_by",
            f"the tip is taken by a liaison of {stakeholder.responsible_agency.code}",
        )
    references = [
        r.reference
        for r in demo_reports()
        if r.title_es == TIP["report_title_es"]
        and r.originator == stakeholder.responsible_agency.code
    ]
    report = IntelReport.objects.filter(reference__in=references).first()
    if report is None:
        fail(
            "outreach.tip", f"no intelligence report “{TIP['report_title_es']}” (load intel first)"
        )
    upsert(
        Tip,
        key={"reference": TIP["reference"]},
        values={
            "stakeholder": stakeholder,
            "what": TIP["what"],
            "who": TIP["who"],
            "when": TIP["when"],
            "contact_name": TIP["contact_name"],
            "contact_email": TIP["contact_email"],
            "contact_phone": TIP["contact_phone"],
            "channel": TIP["channel"],
            "received_by": taker,
            "received_at": TIP["received_at"],
            "acknowledged_at": TIP["acknowledged_at"],
            "report": report,
        },
        where="outreach.tip",
        result=result,
        actor=actor,
    )
