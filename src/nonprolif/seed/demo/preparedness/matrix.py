"""The demo's 1540 matrix for the 2009 program, partly filled: the measures of operative
paragraph 1, the first eight of paragraph 2 and the first seven of paragraph 3, for the three
weapon types (51 of the 84 rows), with Mexican instruments named in general terms, and the
national action plan's three items (action items of the plan's meeting) linked to entries.

The rows are the deployment's data (``preparedness/fixtures/matrix-1540.json``); this module
names them by code. Everything here is illustrative, not a statement of Mexico's law."""

from __future__ import annotations

import datetime

from nonprolif.core.models import Agency, User
from nonprolif.events.models import ActionItem, ActionStatus
from nonprolif.preparedness.models import ActionPlan, MatrixEntry, MatrixRow, MatrixStatus
from nonprolif.program.models import Program
from nonprolif.seed.loader.checks import fail
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

from ..actions import upsert_items, upsert_meeting

WHERE = "preparedness.matrix"
X, Q, NA = MatrixStatus.YES, MatrixStatus.UNCLEAR, MatrixStatus.NOT_APPLICABLE
WEAPONS = ("NW", "CW", "BW")

NUCLEAR = "Ley Reglamentaria del Artículo 27 Constitucional en Materia Nuclear"
ARMS = "Ley Federal de Armas de Fuego y Explosivos"
PENAL = "Código Penal Federal"
HEALTH = "Ley General de Salud"
SAFETY = "Reglamento General de Seguridad Radiológica (CNSNS)"
CUSTOMS = "Ley Aduanera"
TRADE = "Ley de Comercio Exterior"

# Per measure: the statuses for NW, CW, BW; the legal reference per weapon type; the
# citation; the responsible agency.
# fmt: off
MEASURES: list[tuple[str, tuple[str, str, str], tuple[str, str, str], str, str]] = [
    ("1.1", (X, X, X), (NUCLEAR, PENAL, PENAL), "art. 2", "CISEN"),
    ("1.2", (X, Q, Q), (NUCLEAR, ARMS, HEALTH), "art. 139", "PGR"),
    ("2.1", (X, X, Q), (NUCLEAR, ARMS, HEALTH), "art. 2", "SEDENA"),
    ("2.2", (X, X, Q), (NUCLEAR, ARMS, HEALTH), "art. 2", "SEDENA"),
    ("2.3", (X, X, X), (PENAL, ARMS, PENAL), "art. 139", "PGR"),
    ("2.4", (X, Q, Q), (NUCLEAR, ARMS, HEALTH), "art. 4", "SEDENA"),
    ("2.5", (Q, Q, Q), (NUCLEAR, ARMS, HEALTH), "art. 2", "SEDENA"),
    ("2.6", (X, X, Q), (NUCLEAR, ARMS, HEALTH), "art. 11", "SSP"),
    ("2.7", (X, X, Q), (NUCLEAR, ARMS, HEALTH), "art. 11", "ADUANAS"),
    ("2.8", (X, X, X), (PENAL, PENAL, PENAL), "art. 139", "PGR"),
    ("3.1", (X, Q, Q), (SAFETY, HEALTH, HEALTH), "art. 4", "SS"),
    ("3.2", (X, Q, NA), (SAFETY, HEALTH, HEALTH), "art. 10", "SS"),
    ("3.3", (X, Q, Q), (SAFETY, HEALTH, HEALTH), "art. 12", "SS"),
    ("3.4", (X, X, X), (CUSTOMS, CUSTOMS, CUSTOMS), "art. 36", "ADUANAS"),
    ("3.5", (X, X, Q), (PENAL, PENAL, PENAL), "art. 194", "PGR"),
    ("3.6", (Q, Q, Q), (TRADE, TRADE, TRADE), "art. 4", "ADUANAS"),
    ("3.7", (Q, Q, NA), (TRADE, TRADE, TRADE), "art. 15", "ADUANAS"),
]
# fmt: on

PLAN_MEETING = {
    "title_es": "Plan nacional de acción 1540",
    "title_en": "National 1540 action plan",
    "date": datetime.date(2009, 10, 6),
    "place": "Ciudad de México",
    "summary_es": "Las agencias acuerdan las medidas pendientes de la matriz 1540.",
    "summary_en": "The agencies agree on the measures of the 1540 matrix still to be taken.",
}
PLAN_RECORDED = datetime.datetime(2009, 10, 6, 18, 0, tzinfo=datetime.UTC)

# The plan's items and the entries (row codes) each one answers.
PLAN_ITEMS = [
    (
        {
            "title_es": "Inventario nacional de fuentes radiactivas de categorías 1 a 3",
            "title_en": "National inventory of category 1 to 3 radioactive sources",
            "owner_agency": "SS",
            "due_date": "2009-12-15",
            "status": ActionStatus.IN_PROGRESS,
        },
        ["3.1.NW", "3.3.NW"],
    ),
    (
        {
            "title_es": "Reglamentar el control de las sustancias químicas de las listas de la CAQ",
            "title_en": "Regulate the control of the CWC-scheduled chemicals",
            "owner_agency": "SS",
            "due_date": "2010-03-31",
            "status": ActionStatus.OPEN,
        },
        ["3.1.CW", "3.2.CW", "3.3.CW"],
    ),
    (
        {
            "title_es": "Publicar la lista nacional de control de bienes de doble uso",
            "title_en": "Publish the national control list of dual-use goods",
            "owner_agency": "ADUANAS",
            "due_date": "2010-06-30",
            "status": ActionStatus.OPEN,
        },
        ["3.6.NW", "3.6.CW", "3.6.BW", "3.7.NW", "3.7.CW"],
    ),
]


def demo_matrix() -> list[tuple[str, str, str, str, str]]:
    """The demo's entries as (row code, status, legal reference, citation, agency code)."""
    return [
        (f"{measure}.{weapon}", status, reference, citation, agency)
        for measure, statuses, references, citation, agency in MEASURES
        for weapon, status, reference in zip(WEAPONS, statuses, references, strict=True)
    ]


def load_demo_matrix(
    *, program: Program, coordinator: User, result: SeedResult, actor: User | None
) -> None:
    """Fill the program's matrix entries the demo names (key: program and row) and write the
    action plan: its meeting (program, title, date; the program's member agencies), its
    items (title) and the entries they answer.

    A deployment without matrix rows has no matrix to fill: nothing is written. Otherwise a
    code the demo names that is not a row is an error naming it, and nothing is written.
    Side effects: MatrixEntry, Meeting, ActionItem (and its history), ActionPlan rows created
    or brought back to the data, with an audit entry each when changed.
    """
    if not MatrixRow.objects.exists():
        return
    entries = demo_matrix()
    rows = {row.code: row for row in MatrixRow.objects.filter(code__in=[e[0] for e in entries])}
    for code in [e[0] for e in entries] + [c for _, codes in PLAN_ITEMS for c in codes]:
        if code not in rows:
            fail(f"{WHERE}.{code}", f"no 1540 matrix row “{code}”")
    meeting = upsert_meeting(
        program=program,
        values=PLAN_MEETING,
        agencies=list(program.member_agencies.order_by("pk")),
        where=f"{WHERE}.action_plan",
        result=result,
        actor=actor,
    )
    upsert(
        ActionPlan,
        key={"program": program},
        values={"meeting": meeting},
        where=f"{WHERE}.action_plan",
        result=result,
        actor=actor,
    )
    items = upsert_items(
        [item for item, _ in PLAN_ITEMS],
        meeting=meeting,
        coordinator=coordinator,
        recorded=PLAN_RECORDED,
        where=f"{WHERE}.action_plan.items",
        result=result,
        actor=actor,
    )
    answers: dict[str, list[ActionItem]] = {}
    for (_, codes), item in zip(PLAN_ITEMS, items, strict=True):
        for code in codes:
            answers.setdefault(code, []).append(item)
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    for code, status, reference, citation, agency in entries:
        upsert(
            MatrixEntry,
            key={"program": program, "row": rows[code]},
            values={
                "status": status,
                "legal_reference": reference,
                "citation": citation,
                "agency": agencies[agency],
                "updated_by": coordinator,
                "updated_at": PLAN_RECORDED,
            },
            m2m={"action_items": answers.get(code, [])},
            where=f"{WHERE}.{code}",
            result=result,
            actor=actor,
        )
