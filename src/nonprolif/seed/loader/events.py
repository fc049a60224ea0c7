"""The document's meetings (key: program, ``title_es``, ``date``) and conferences (key:
``acronym``)."""

from __future__ import annotations

from typing import Any

from nonprolif.core.models import User
from nonprolif.events.models import Conference, Meeting
from nonprolif.program.models import Program

from .agencies import AgencyCodes
from .checks import check_entry, fail, parse_date, parse_time
from .result import SeedResult
from .upsert import upsert

MEETING_FIELDS = {"title_es", "title_en", "date", "place", "agencies"}
MEETING_OPTIONAL = {"date_precision", "summary_es", "summary_en"}
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


def load_meetings(
    entries: Any, program: Program, agencies: AgencyCodes, result: SeedResult, actor: User | None
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
                "date": parse_date(entry["date"], f"{where}.date"),
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


def load_conferences(
    entries: Any, program: Program, agencies: AgencyCodes, result: SeedResult, actor: User | None
) -> None:
    """The program's conferences (key: ``acronym``); rooms, speakers and talks are demo
    data (``seed/demo/conference.py``)."""
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
                "start_date": parse_date(entry["start_date"], f"{where}.start_date"),
                "end_date": parse_date(entry["end_date"], f"{where}.end_date"),
                "time_zone": entry.get("time_zone", program.time_zone),
                "day_start": parse_time(entry.get("day_start"), f"{where}.day_start"),
                "day_end": parse_time(entry.get("day_end"), f"{where}.day_end"),
            },
            where=where,
            result=result,
            actor=actor,
        )
