"""The world of the access-matrix tests: every role x agency x clearance against every
classification x releasability x originator x status, and the independent oracle that says
who may read what. The oracle is written from the rule's words, not from the code:

    the user's clearance ≥ the report's classification
    AND (the user's agency is the originator
         OR the report is published and the user's agency is on its releasability list with
            an effective release: a partner's release counts only once a second person
            approved it).
"""

import datetime
import itertools
from dataclasses import dataclass, field

from nonprolif.core.models import AgencyKind, ClassificationLevel
from nonprolif.core.roles import Role
from nonprolif.intel.models import (
    EntityKind,
    IntelReport,
    LinkRole,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    ReportStatus,
)
from tests.factories import AgencyFactory, UserFactory

from .conftest import EntityFactory

LEVELS = ["U", "SBU", "C", "S"]
CLEARANCES = [None, *LEVELS]
ROLES = [
    Role.ANALYST,
    Role.COORDINATOR,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
    Role.LIAISON,
    Role.PARTNER,
    "superuser",
]
#: Releasability lists by name: which agencies, and whether the partner's release is approved.
RELEASES = {
    "none": [],
    "B": [("B", ReleaseState.EFFECTIVE)],
    "P": [("P", ReleaseState.EFFECTIVE)],
    "P-pending": [("P", ReleaseState.PENDING)],
    "P-refused": [("P", ReleaseState.REFUSED)],
    "B+P": [("B", ReleaseState.EFFECTIVE), ("P", ReleaseState.EFFECTIVE)],
}
#: The word every report's body holds (a search for it matches every report).
COMMON_WORD = "contrabando"


@dataclass
class World:
    agencies: dict
    users: list
    reports: list
    #: report pk → its own entity (named only in that report)
    own_entity: dict = field(default_factory=dict)
    #: the entity every report names
    shared_entity: object = None
    #: report pk → its unique word (in its body, nowhere else)
    word: dict = field(default_factory=dict)


def build_world(*, roles=ROLES, agency_codes=("A", "B", "P", None), clearances=CLEARANCES) -> World:
    agencies = {
        "A": AgencyFactory(code="MX-A", name_es="Agencia A", name_en="Agency A"),
        "B": AgencyFactory(code="MX-B", name_es="Agencia B", name_en="Agency B"),
        "P": AgencyFactory(
            code="US-P", name_es="Socio", name_en="Partner", kind=AgencyKind.PARTNER, country="US"
        ),
    }
    levels = {level.code: level for level in ClassificationLevel.objects.all()}
    users = []
    for n, (role, code, clearance) in enumerate(itertools.product(roles, agency_codes, clearances)):
        user = UserFactory(
            username=f"m{n}-{role}-{code or 'none'}-{clearance or 'none'}",
            agency=agencies[code] if code else None,
            roles=[] if role == "superuser" else [role],
        )
        user.clearance = levels[clearance] if clearance else None
        user.is_superuser = role == "superuser"
        user.save()
        users.append(user)
    authors = {
        code: UserFactory(username=f"author-{code}", agency=agencies[code], roles=[Role.ANALYST])
        for code in ("A", "B")
    }
    shared = EntityFactory(name="Compañía Compartida S.A.", owner=agencies["A"])
    world = World(agencies=agencies, users=users, reports=[], shared_entity=shared)
    combos = itertools.product(LEVELS, RELEASES, ("A", "B"), ReportStatus.values)
    for n, (level, releases, origin, status) in enumerate(combos):
        word = f"palabra{n:03d}x"
        report = IntelReport.objects.create(
            reference=f"M-{n:03d}",
            title_es=f"Informe {n}",
            title_en=f"Report {n}",
            body_es=f"{COMMON_WORD} {word}",
            body_en=f"smuggling {word}",
            report_type="procurement",
            classification=levels[level],
            status=status,
            originator=agencies[origin],
            author=authors[origin],
            event_date=datetime.date(2008 + n % 3, 1 + n % 9, 15),
        )
        for code, state in RELEASES[releases]:
            if code == origin:
                continue
            ReportRelease.objects.create(report=report, agency=agencies[code], state=state)
        own = EntityFactory(
            name=f"Entidad Propia {n:03d}", kind=EntityKind.PERSON, owner=agencies[origin]
        )
        ReportEntity.objects.create(report=report, entity=own, role=LinkRole.SUBJECT)
        ReportEntity.objects.create(report=report, entity=shared, role=LinkRole.SUPPLIER)
        world.reports.append(report)
        world.own_entity[report.pk] = own
        world.word[report.pk] = word
    return world


def may_read(user, report) -> bool:
    """The oracle."""
    if not user.is_active or user.agency_id is None or user.clearance_id is None:
        return False
    if user.clearance.rank < report.classification.rank:
        return False
    if report.originator_id == user.agency_id:
        return True
    if report.status != ReportStatus.PUBLISHED:
        return False
    return ReportRelease.objects.filter(
        report=report, agency_id=user.agency_id, state=ReleaseState.EFFECTIVE
    ).exists()


def may_see_own_entities(user) -> bool:
    """Does the user see the entities his agency registered (an active user with a clearance
    and an agency)?"""
    return bool(user.is_active and user.agency_id and user.clearance_id)


def readable(world: World, user) -> set[str]:
    return {report.reference for report in world.reports if may_read(user, report)}
