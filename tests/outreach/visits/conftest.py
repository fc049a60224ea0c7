"""The visits' tests use the registry's people and rows."""

from tests.outreach.stakeholders.conftest import (  # noqa: F401 (fixtures)
    analyst_a,
    contact_a,
    contact_b,
    stakeholder_a,
    stakeholder_b,
    visit_a,
    visit_b,
)
