"""The document's agencies (key: ``code``), parents first, and the lookup of agency codes."""

from __future__ import annotations

from typing import Any

from nonprolif.core.models import Agency, User

from .checks import check_entry, fail
from .result import SeedResult
from .upsert import upsert

AGENCY_FIELDS = {"code", "name_es", "name_en", "country", "kind"}
AGENCY_OPTIONAL = {"acronym", "parent", "description_es", "description_en"}


class AgencyCodes:
    """Agency lookup by code: the document's agencies and those already in the database."""

    def __init__(self) -> None:
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


def _agencies_in_order(entries: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """The document's agencies, each after its parent when the parent is in the document."""
    index = {entry["code"]: i for i, entry in enumerate(entries)}
    ordered: list[tuple[int, dict[str, Any]]] = []
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


def load_agencies(
    entries: Any, agencies: AgencyCodes, result: SeedResult, actor: User | None
) -> None:
    """Upsert the document's agencies and add each to ``agencies``."""
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
