"""Fixtures of the program tests: a proposal by the partner agency with one item for every
agency and one item for agency A only; a second program none of the named users' agencies
takes part in."""

import pytest

from nonprolif.core.models import AgencyKind
from nonprolif.core.roles import Role
from nonprolif.program.domain import decide_item
from tests.factories import (
    AgencyFactory,
    ProgramFactory,
    ProposalFactory,
    ProposalItemFactory,
    UserFactory,
)


@pytest.fixture
def proposal(program, partner_agency):
    return ProposalFactory(
        program=program,
        submitted_by=partner_agency,
        title_es="Propuesta de capacitación",
        title_en="Training proposal",
    )


@pytest.fixture
def item_all(proposal):
    """An item that targets no agency in particular: every agency of the program sees it."""
    return ProposalItemFactory(
        proposal=proposal, number=1, title_es="Curso general", title_en="General course"
    )


@pytest.fixture
def item_for_a(proposal, agency_a):
    """An item for agency A only: liaison_b does not see it."""
    item = ProposalItemFactory(
        proposal=proposal,
        number=2,
        title_es="Sesión para A",
        title_en="Session for A",
        cohort_size=10,
        cohort_count=1,
        cadence_months=None,
    )
    item.target_agencies.set([agency_a])
    return item


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="ZZZ", name_es="Agencia Z", name_en="Agency Z")


@pytest.fixture
def other_program(other_agency):
    """A program in which none of the named users' agencies takes part."""
    return ProgramFactory(code="prog-other", lead_agency=other_agency)


@pytest.fixture
def second_partner_agency(program):
    agency = AgencyFactory(
        code="PT2", name_es="Socio 2", name_en="Partner 2", kind=AgencyKind.PARTNER, country="US"
    )
    program.partner_agencies.add(agency)
    return agency


@pytest.fixture
def second_partner(second_partner_agency):
    """A partner of the same program from another partner agency."""
    return UserFactory(username="partner2", agency=second_partner_agency, roles=[Role.PARTNER])


@pytest.fixture
def accept(coordinator):
    """``accept(*items)``: the coordinator accepts the items (liaisons see accepted items only)."""

    def run(*items):
        for item in items:
            decide_item(item=item, decision="accepted", actor=coordinator)
        return items

    return run
