"""A nomination upload is written in bulk: one audit entry naming exactly the nominations
created, the waitlist order of the file's rows, a query count that does not grow with the
rows, and the same nominations as one by one."""

import math

import pytest
from django.db import connection

from nonprolif.core.models import AuditEntry
from nonprolif.training.models.nomination import Nomination, NominationStatus
from nonprolif.training.nominations.domain.nominations import NominationInput, nominate
from nonprolif.training.nominations.domain.upload import import_nominations
from nonprolif.training.nominations.imports import parse_upload


def upload(actor, program, item, officials, only_good=False, extra=""):
    content = "official_id,language\n" + "".join(f"{o.pk},en\n" for o in officials) + extra
    rows, file_errors = parse_upload("n.csv", content.encode())
    return import_nominations(
        actor=actor,
        program=program,
        item=item,
        rows=rows,
        file_errors=file_errors,
        only_good=only_good,
    )


def test_one_audit_entry_lists_exactly_the_nominations_created(
    liaison_a, program, training, agency_a, officials_of, make_nomination
):
    officials = officials_of(agency_a, 5)
    earlier = make_nomination(officials_of(agency_a, 1)[0], training)  # not in the upload
    entries_before = AuditEntry.objects.count()

    report = upload(liaison_a, program, training, officials)

    created = list(Nomination.objects.exclude(pk=earlier.pk).order_by("pk"))
    assert [n.pk for n in report.created] == [n.pk for n in created]
    assert [n.official_id for n in created] == [o.pk for o in officials]
    assert AuditEntry.objects.count() == entries_before + 1
    entry = AuditEntry.objects.get(action="nomination.import")
    assert entry.object_ids == [n.pk for n in created]
    assert (entry.object_type, entry.object_id) == ("program.program", str(program.pk))
    assert entry.changes["imported"] == [None, 5]
    assert not AuditEntry.objects.filter(action="nomination.submit").exists()


def test_with_only_good_the_entry_lists_the_good_rows_only(
    liaison_a, program, training, agency_a, officials_of, official_b
):
    officials = officials_of(agency_a, 3)
    report = upload(
        liaison_a, program, training, officials, only_good=True, extra=f"{official_b.pk},en\n"
    )

    assert [(e.row, e.column) for e in report.errors] == [(5, "official_id")]
    entry = AuditEntry.objects.get(action="nomination.import")
    assert sorted(entry.object_ids) == sorted(n.pk for n in report.created)
    assert Nomination.objects.filter(pk__in=entry.object_ids).count() == 3
    assert entry.changes["rejected_rows"] == [None, 1]


def test_bulk_nominations_are_those_a_nomination_one_by_one_makes(
    liaison_a, program, training, agency_a, officials_of
):
    first, second = officials_of(agency_a, 2)
    one = nominate(
        actor=liaison_a,
        program=program,
        item=training,
        data=NominationInput(official=first, language="en"),
    )
    bulk = upload(liaison_a, program, training, [second]).created[0]
    bulk.refresh_from_db()

    fields = ("program_id", "item_key", "agency_id", "status", "language", "submitted_by_id")
    assert [getattr(bulk, f) for f in fields] == [getattr(one, f) for f in fields]
    assert bulk.status == NominationStatus.SUBMITTED
    assert bulk.order_at > one.order_at


def test_the_waitlist_order_follows_the_rows_of_the_file(
    liaison_a, program, training, agency_a, officials_of
):
    officials = officials_of(agency_a, 12)
    shuffled = officials[7:] + officials[:7]

    upload(liaison_a, program, training, shuffled)

    in_order = Nomination.objects.order_by("order_at").values_list("official_id", flat=True)
    assert list(in_order) == [o.pk for o in shuffled]
    assert len(set(Nomination.objects.values_list("order_at", flat=True))) == 12


def _insert_batches(rows: int) -> int:
    """The INSERT statements ``rows`` nominations take on this database (SQLite: at most
    999 variables a statement; PostgreSQL: one)."""
    fields = [f for f in Nomination._meta.concrete_fields if not f.primary_key]
    size = connection.ops.bulk_batch_size(fields, [None] * rows) or rows
    return math.ceil(rows / size)


@pytest.mark.parametrize("only_good", [False, True])
def test_the_query_count_of_an_upload_does_not_grow_with_its_rows(
    liaison_a, program, training, agency_a, officials_of, count_queries, only_good
):
    officials = officials_of(agency_a, 110)
    liaison_a.role_names  # noqa: B018 (his roles read once, as the request's middleware does)

    small, _report = count_queries(
        lambda: upload(liaison_a, program, training, officials[:10], only_good=only_good)
    )
    large, report = count_queries(
        lambda: upload(liaison_a, program, training, officials[10:], only_good=only_good)
    )

    assert len(report.created) == 100
    assert large - _insert_batches(100) == small - _insert_batches(10)
    if connection.vendor == "postgresql":
        assert large == small
