"""Fixtures shared by the intel tests: the default classification levels (the migration's),
analysts of two national agencies and of the partner at chosen clearances, and factories of
reports and entities (rows written directly: the services have their own tests)."""

import factory
import pytest

from nonprolif.core.models import ClassificationLevel
from nonprolif.core.roles import Role
from nonprolif.intel.models import (
    Entity,
    EntityKind,
    IntelReport,
    LinkRole,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    ReportStatus,
    ReportType,
)
from tests.factories import AgencyFactory, UserFactory


def level(code: str) -> ClassificationLevel:
    """One of the default levels: U, SBU, C, S."""
    return ClassificationLevel.objects.get(code=code)


def analyst(username: str, agency, clearance: str = "S", roles=(Role.ANALYST,)):
    user = UserFactory(username=username, agency=agency, roles=list(roles))
    user.clearance = level(clearance) if clearance else None
    user.save(update_fields=["clearance"])
    return user


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntelReport

    reference = factory.Sequence(lambda n: f"R-{n:05d}")
    title_es = factory.Sequence(lambda n: f"Informe {n}")
    title_en = factory.Sequence(lambda n: f"Report {n}")
    body_es = "Texto del informe."
    body_en = "Text of the report."
    report_type = ReportType.SUSPICIOUS_PROCUREMENT
    classification = factory.LazyFunction(lambda: level("C"))
    status = ReportStatus.PUBLISHED
    originator = factory.SubFactory(AgencyFactory)
    author = factory.LazyAttribute(lambda o: UserFactory(agency=o.originator, roles=[Role.ANALYST]))

    @factory.post_generation
    def released_to(self, create, extracted, **kwargs):
        for agency in extracted or []:
            ReportRelease.objects.create(report=self, agency=agency, state=ReleaseState.EFFECTIVE)


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    kind = EntityKind.ORGANISATION
    name = factory.Sequence(lambda n: f"Empresa {n} S.A. de C.V.")
    owner = factory.SubFactory(AgencyFactory)


def link(report, entity, role=LinkRole.SUBJECT) -> ReportEntity:
    return ReportEntity.objects.create(report=report, entity=entity, role=role)


@pytest.fixture
def analyst_a(agency_a):
    return analyst("analyst_a", agency_a, "S")


@pytest.fixture
def analyst_a2(agency_a):
    return analyst("analyst_a2", agency_a, "S")


@pytest.fixture
def analyst_b(agency_b):
    return analyst("analyst_b", agency_b, "S")


@pytest.fixture
def analyst_b_low(agency_b):
    return analyst("analyst_b_low", agency_b, "SBU")


@pytest.fixture
def partner_analyst(partner_agency):
    return analyst("partner_analyst", partner_agency, "S")
