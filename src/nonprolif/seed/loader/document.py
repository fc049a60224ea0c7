"""A program document: reading it, and loading it whole in one transaction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from nonprolif.core.models import User

from .agencies import AgencyCodes, load_agencies
from .checks import check_entry, fail
from .events import load_conferences, load_meetings
from .program import load_program, load_proposals
from .result import SeedResult
from .vocabulary import ensure_default_vocabularies

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
PROGRAM_FORMAT = "nonprolif.program/1"
BUILTIN_PROGRAM = "mx-2009"

DOCUMENT_FIELDS = {"format", "program"}
DOCUMENT_OPTIONAL = {
    "agencies",
    "proposals",
    "meetings",
    "conferences",
    "source_es",
    "source_en",
}


def read_document(path: str | Path) -> dict[str, Any]:
    """The JSON document at ``path``."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def builtin_document(name: str = BUILTIN_PROGRAM) -> dict[str, Any]:
    """A document shipped with the package under ``seed/fixtures/`` (``name`` without .json)."""
    return read_document(FIXTURES_DIR / f"{name}.json")


def load_program_document(doc: dict[str, Any], *, actor: User | None = None) -> SeedResult:
    """Load one program document (the format of ``fixtures/mx-2009.json``).

    Upserts by natural key (see the module docstring): agencies (parents first), the program
    with its lead, member and partner agencies, each partner proposal with its items and their
    target agencies, the meetings with their participating agencies, and the conferences.

    Raises ValidationError naming the place in the document and the field (e.g.
    ``proposals[0].items[3].cohort_size``) and why; then nothing is written.

    Side effects, in one transaction: rows created or updated in Agency, Program, Proposal,
    ProposalItem, Meeting and Conference (and their many-to-many links); one audit entry
    ``seed.create`` or ``seed.update`` per row created or changed; the default classification
    levels and CBRN categories when their tables are empty (``ensure_default_vocabularies``).
    A second load of the same document changes nothing and writes no audit entry.
    """
    check_entry(doc, "document", DOCUMENT_FIELDS, DOCUMENT_OPTIONAL)
    if doc["format"] != PROGRAM_FORMAT:
        fail("document.format", f"expected “{PROGRAM_FORMAT}”, got “{doc['format']}”")
    result = SeedResult()
    agencies = AgencyCodes()
    with transaction.atomic():
        ensure_default_vocabularies(result, actor)
        load_agencies(doc.get("agencies", []), agencies, result, actor)
        program = load_program(doc["program"], agencies, result, actor)
        load_proposals(doc.get("proposals", []), program, agencies, result, actor)
        load_meetings(doc.get("meetings", []), program, agencies, result, actor)
        load_conferences(doc.get("conferences", []), program, agencies, result, actor)
    return result
