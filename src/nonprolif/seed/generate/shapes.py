"""The shapes of a generated data set, as plain data (no database): how many officials each
agency has, how the programs, items and sessions are laid out, and the invented names.

Everything is drawn from one ``random.Random`` seeded by the caller, so the same seed gives
the same shapes. Every person is invented; the e-mail domains are under ``.example``.
"""

from __future__ import annotations

import calendar
import datetime
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

# Generated data carry these markers: agency codes start with AGENCY_PREFIX, program codes
# with PROGRAM_PREFIX, usernames with USER_PREFIX and the conference acronym with
# PROGRAM_PREFIX. The guard tells generated rows from others by them.
AGENCY_PREFIX = "GEN-"
PROGRAM_PREFIX = "gen-"
USER_PREFIX = "gen-"

# The national agencies, largest first, and their share of the officials (Zipf-like: the
# k-th has about 1/k of the first's). The partner agency has no officials.
NATIONAL_AGENCIES = (
    ("SDN", "Secretaría de la Defensa Nacional", "Secretariat of National Defence"),
    ("SEMAR", "Secretaría de Marina", "Secretariat of the Navy"),
    ("SSPC", "Secretaría de Seguridad y Protección Ciudadana", "Secretariat of Security"),
    ("FGR", "Fiscalía General de la República", "Attorney General's Office"),
    ("ANAM", "Agencia Nacional de Aduanas", "National Customs Agency"),
    ("SE", "Secretaría de Economía", "Secretariat of the Economy"),
    ("CNSNS", "Comisión Nacional de Seguridad Nuclear", "National Nuclear Safety Commission"),
    ("SRE", "Secretaría de Relaciones Exteriores", "Secretariat of Foreign Affairs"),
)
PARTNER_AGENCY = ("PTR", "Socio internacional (generado)", "International partner (generated)")

SENIOR_SHARE = 0.03
TRAINING_ITEMS_PER_PROGRAM = 4
MEETINGS_PER_PROGRAM = 10
DECISIONS_PER_MEETING = 3
ACTION_ITEMS_PER_MEETING = 10
CONFERENCE_ROOMS = 4
CONFERENCE_TALKS = 40
CONFERENCE_REGISTRATIONS = 500

_NAMES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "mx-2009-demo.json"


def agency_code(short: str) -> str:
    return f"{AGENCY_PREFIX}{short}"


def zipf_sizes(total: int, count: int) -> list[int]:
    """``total`` split over ``count`` parts of weights 1, 1/2, 1/3, ... (largest first),
    each at least 1 when ``total`` allows; the parts sum to ``total``."""
    weights = [1 / (k + 1) for k in range(count)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) if total >= count else 0 for w in weights]
    sizes[0] += total - sum(sizes)
    if total < count:
        for k in range(total):
            sizes[k] = 1
        sizes[0] = 1 if total else 0
    return sizes


@dataclass(frozen=True)
class Person:
    agency: int  # index into NATIONAL_AGENCIES
    given_names: str
    family_names: str
    position: str
    seniority: str
    email: str
    language: str

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}"


def name_lists() -> tuple[list[str], list[str], list[str]]:
    """(female given names, male given names, family names) of the demo's document."""
    doc = json.loads(_NAMES_FILE.read_text(encoding="utf-8"))
    given = doc["given_names"]
    return given["female"], given["male"], doc["family_names"]


WORKING_POSITIONS = (
    "Analista",
    "Inspector",
    "Oficial de enlace",
    "Especialista técnico",
    "Jefe de departamento",
    "Subdirector de área",
    "Técnico de laboratorio",
    "Agente aduanal",
)
SENIOR_POSITIONS = ("Director General", "Director de área", "Coordinador nacional", "Titular")


def people(rng: random.Random, sizes: list[int]) -> list[Person]:
    """The invented officials of every agency, agency by agency: the first few of each
    senior, the others at working level. Names may repeat (as in a real directory); e-mail
    addresses do not (they carry a running number)."""
    female, male, families = name_lists()
    result = []
    number = 0
    for agency, size in enumerate(sizes):
        short = NATIONAL_AGENCIES[agency][0].lower()
        seniors = max(1, round(size * SENIOR_SHARE)) if size else 0
        for n in range(size):
            number += 1
            first = rng.choice(female if rng.random() < 0.5 else male)
            paternal, maternal = rng.sample(families, 2)
            senior = n < seniors
            position = rng.choice(SENIOR_POSITIONS if senior else WORKING_POSITIONS)
            email_first = first.split()[0].lower().encode("ascii", "ignore").decode() or "p"
            result.append(
                Person(
                    agency=agency,
                    given_names=first,
                    family_names=f"{paternal} {maternal}",
                    position=position,
                    seniority="senior" if senior else "working",
                    email=f"{email_first}.{number}@{short}.gen.example",
                    language="en" if rng.random() < 0.05 else "es-mx",
                )
            )
    return result


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def business_days(start: datetime.date, count: int) -> list[datetime.date]:
    """``count`` weekdays from ``start`` (moved to the next Monday when on a weekend)."""
    day = start
    days: list[datetime.date] = []
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


@dataclass
class ItemShape:
    number: int
    kind: str  # "training" or "senior"
    title_es: str
    title_en: str
    cohort_size: int
    cohort_count: int
    cadence_months: int | None
    session_days: int
    start_date: datetime.date
    targets: list[int] = field(default_factory=list)  # agency indexes; empty: every agency


TOPICS = (
    ("Control de exportaciones", "Export control"),
    ("Detección radiológica", "Radiation detection"),
    ("Identificación de mercancías", "Commodity identification"),
    ("Investigación de proliferación", "Proliferation investigations"),
    ("Seguridad de fuentes", "Source security"),
    ("Interdicción marítima", "Maritime interdiction"),
    ("Análisis de riesgo", "Risk analysis"),
    ("Respuesta a incidentes", "Incident response"),
)


def program_items(rng: random.Random, program: int, today: datetime.date) -> list[ItemShape]:
    """The items of one program: TRAINING_ITEMS_PER_PROGRAM training tracks of 10 to 12
    cohorts every 4 months, started 30 to 40 months ago (most of their sessions are past),
    the last one for three agencies only; and a senior-official session per agency."""
    items = []
    for i in range(TRAINING_ITEMS_PER_PROGRAM):
        topic_es, topic_en = TOPICS[(program + i) % len(TOPICS)]
        targets = rng.sample(range(len(NATIONAL_AGENCIES)), 3) if i == 3 else []
        items.append(
            ItemShape(
                number=i + 1,
                kind="training",
                title_es=f"{topic_es} {program + 1}.{i + 1}",
                title_en=f"{topic_en} {program + 1}.{i + 1}",
                cohort_size=rng.choice((30, 35, 40)),
                cohort_count=10 + (program + i) % 3,
                cadence_months=4,
                session_days=rng.choice((4, 5)),
                start_date=add_months(today, -rng.randint(30, 40)),
                targets=sorted(targets),
            )
        )
    items.append(
        ItemShape(
            number=TRAINING_ITEMS_PER_PROGRAM + 1,
            kind="senior",
            title_es=f"Sesión de alto nivel {program + 1}",
            title_en=f"Senior-official session {program + 1}",
            cohort_size=12,
            cohort_count=1,
            cadence_months=None,
            session_days=2,
            start_date=add_months(today, rng.randint(-12, 6)),
        )
    )
    return items
