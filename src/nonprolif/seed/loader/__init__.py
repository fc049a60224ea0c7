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

The package: ``document.py`` (reading a document, loading it whole), ``agencies.py``,
``program.py`` (the program, its proposals and items), ``events.py`` (meetings, conferences),
and the pieces every load uses: ``checks.py`` (errors named by their place), ``upsert.py``
(one row by its natural key, audited) and ``result.py`` (what a load did).
"""

from .checks import check_entry, fail
from .document import (
    BUILTIN_PROGRAM,
    FIXTURES_DIR,
    PROGRAM_FORMAT,
    builtin_document,
    load_program_document,
    read_document,
)
from .result import SeedResult
from .upsert import LOOK_UP, upsert

__all__ = [
    "BUILTIN_PROGRAM",
    "FIXTURES_DIR",
    "LOOK_UP",
    "PROGRAM_FORMAT",
    "SeedResult",
    "builtin_document",
    "check_entry",
    "fail",
    "load_program_document",
    "read_document",
    "upsert",
]
