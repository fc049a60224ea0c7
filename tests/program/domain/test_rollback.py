"""A review decision is written whole or not at all: the service fails after its first write
and nothing stays (rows and values as before), the calendar its signal regenerates
included. Transactional tests, so that only the service's own transaction can undo the
writes."""

import pytest

from nonprolif.core.models import AuditEntry
from nonprolif.program.domain import decide_all, decide_item
from nonprolif.program.models import ItemDecision
from nonprolif.training.models import Session
from tests.faults import InjectedError, audited, fail_save, table_rows

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = (ItemDecision, ItemDecision.target_agencies.through, AuditEntry, Session)


def test_an_amendment_that_fails_midway_writes_nothing(coordinator, item_for_a, agency_a, agency_b):
    """The decision and its amended target agencies are written, then the audit entry fails."""
    before = table_rows(*TABLES)
    with (
        fail_save(
            AuditEntry,
            when=audited("proposalitem.decide"),
            look=lambda: (
                ItemDecision.objects.count(),
                ItemDecision.target_agencies.through.objects.count(),
            ),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        decide_item(
            item=item_for_a,
            decision="amended",
            rationale="Agency B joins.",
            amendments={"target_agencies": [agency_a, agency_b]},
            actor=coordinator,
        )
    assert fault.seen == (1, 2)
    assert table_rows(*TABLES) == before
    assert item_for_a.current_decision is None


def test_a_decision_whose_calendar_fails_midway_writes_nothing(coordinator, item_all):
    """The decision and its audit entry are written, the signal regenerates the calendar, and
    its second session fails: the decision goes too."""
    before = table_rows(*TABLES)
    with (
        fail_save(
            Session,
            after=1,
            look=lambda: (
                ItemDecision.objects.count(),
                AuditEntry.objects.filter(action="proposalitem.decide").count(),
            ),
        ) as fault,
        pytest.raises(InjectedError),
    ):
        decide_item(item=item_all, decision="accepted", actor=coordinator)
    assert fault.seen == (1, 1)
    assert table_rows(*TABLES) == before
    assert not Session.objects.exists()


def test_deciding_all_items_that_fails_midway_writes_nothing(
    coordinator, proposal, item_all, item_for_a
):
    """The first item's decision and audit entry are written, then the second item's fails."""
    before = table_rows(*TABLES)
    with (
        fail_save(ItemDecision, after=1, look=ItemDecision.objects.count) as fault,
        pytest.raises(InjectedError),
    ):
        decide_all(proposal=proposal, decision="accepted", actor=coordinator)
    assert fault.seen == 1
    assert table_rows(*TABLES) == before
