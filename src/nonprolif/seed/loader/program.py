"""The document's program (key: ``code``) and its partner proposals (key: program,
``submitted_by``, ``version``) with their items (key: ``number``)."""

from __future__ import annotations

from typing import Any

from nonprolif.core.models import User
from nonprolif.program.models import Program, Proposal, ProposalItem

from .agencies import AgencyCodes
from .checks import check_entry, fail, parse_date
from .result import SeedResult
from .upsert import upsert

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


def load_program(
    entry: Any, agencies: AgencyCodes, result: SeedResult, actor: User | None
) -> Program:
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


def load_proposals(
    entries: Any, program: Program, agencies: AgencyCodes, result: SeedResult, actor: User | None
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
                "submitted_on": parse_date(entry["submitted_on"], f"{where}.submitted_on"),
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
                    "start_date": parse_date(item.get("start_date"), f"{item_where}.start_date"),
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
