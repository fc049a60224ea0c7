"""Tips taken at the same moment by one agency get consecutive references (PostgreSQL:
SQLite takes one writer at a time)."""

import threading

import pytest
from django.db import connections

from nonprolif.outreach.models import Tip
from nonprolif.outreach.tips.domain import record_tip
from tests.outreach.tips.conftest import TIP_DATA


@pytest.mark.django_db(transaction=True)
def test_tips_taken_at_once_get_distinct_consecutive_references(
    postgresql, liaison_a, stakeholder_a
):
    count = 4
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait(timeout=30)
            record_tip(actor=liaison_a, stakeholder=stakeholder_a, **TIP_DATA)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    references = sorted(Tip.objects.values_list("reference", flat=True))
    assert references == [f"TIP-AAA-2010-{n:04d}" for n in range(1, count + 1)]
