"""The writer's shared state and its bulk insert, which every step of the generation uses."""

from __future__ import annotations

import datetime
import random
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Model
from django.utils import timezone

from nonprolif.core.models import Agency, User
from nonprolif.program.models import Program, ProposalItem
from nonprolif.training.models import Session

from . import shapes
from .accounts import Login

BATCH = 5000
ZONE = zoneinfo.ZoneInfo("America/Mexico_City")


def local_time(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


@dataclass(frozen=True, slots=True)
class GeneratedOfficial:
    """What the later steps need of an inserted official."""

    pk: int
    agency_id: int
    seniority: str
    language: str
    full_name: str


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass(frozen=True)
class GenerationSpec:
    officials: int = 50_300
    nominations: int = 200_000
    programs: int = 20
    seed: int = 1
    password: str = ""
    logins_per_role: int = 1
    logins_file: Path | None = None
    force: bool = False
    today: datetime.date | None = None


class WriterBase:
    """The rows a step leaves for the later ones (the agencies, the officials by agency, the
    programs and their items, the sessions), with the counts and the seeded random source."""

    national: list[Agency]
    partner: Agency
    login_list: list[Login]
    coordinator: User
    liaison_of: dict[int | None, User]
    all_officials: list[GeneratedOfficial]
    by_agency: dict[int, list[GeneratedOfficial]]
    program_list: list  # the Program rows, as bulk_create returned them
    items: list[tuple[Program, ProposalItem, shapes.ItemShape]]
    item_sessions: dict[int, list[Session]]
    placements: list[tuple[GeneratedOfficial, Session]]

    def __init__(self, spec: GenerationSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        self.today = spec.today or timezone.localdate()
        self.counts: Counter = Counter()
        self.steps: dict[str, float] = {}

    def insert(self, rows: list, model: type[Model] | None = None) -> list:
        if not rows:
            return rows
        model = model or type(rows[0])
        created = model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.counts[model._meta.label_lower] += len(rows)
        return created

    def targets_of(self, shape: shapes.ItemShape) -> list[Agency]:
        return [self.national[i] for i in shape.targets] or list(self.national)
