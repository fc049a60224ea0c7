"""The report services: numbering, versions, the writers' rule, classification lowering,
publishing, withdrawing, and their audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from nonprolif.core import clock
from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.core.roles import Role
from nonprolif.intel.models import IntelReport, ReportStatus, ReportVersion
from nonprolif.intel.reports import domain
from nonprolif.intel.reports.domain import (
    compare_versions,
    create_report,
    publish_report,
    update_report,
    withdraw_report,
)
from nonprolif.intel.reports.queries import get_report_for, get_version_for, versions_for
from tests.intel.conftest import analyst, level

from .conftest import fields, write

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("seq"))


def test_references_are_numbered_per_originator_and_year(analyst_a, analyst_b):
    year = clock.now().year
    first, second = write(analyst_a), write(analyst_a)
    other = write(analyst_b)
    assert first.reference == f"AAA-{year}-0001"
    assert second.reference == f"AAA-{year}-0002"
    assert other.reference == f"BBB-{year}-0001"


def test_numbering_goes_past_9999(analyst_a):
    year = clock.now().year
    report = write(analyst_a)
    IntelReport.objects.filter(pk=report.pk).update(reference=f"AAA-{year}-9999")
    assert write(analyst_a).reference == f"AAA-{year}-10000"
    assert write(analyst_a).reference == f"AAA-{year}-10001"


def test_create_writes_a_draft_version_one_and_an_audit_entry(analyst_a, cesium):
    report = write(
        analyst_a,
        cbrn_category="RAD",
        material="CS137",
        tags="fuente, robo , fuente",
        event_date=datetime.date(2009, 3, 2),
        latitude="31.7",
        longitude="-106.4",
    )
    assert report.status == ReportStatus.DRAFT
    assert (report.originator, report.author, report.version) == (
        analyst_a.agency,
        analyst_a,
        1,
    )
    assert report.tags == ["fuente", "robo"]
    [version] = report.versions.all()
    assert version.number == 1
    assert version.data["classification"] == "C"
    assert version.data["material"] == "CS137"
    assert version.data["event_date"] == "2009-03-02"
    assert version.data["latitude"] == "31.70000"
    assert set(version.data) == set(domain.REPORT_FIELDS)
    [entry] = entries("intel.report.create")
    assert entry.object_repr == report.reference  # never the title
    assert "valve" not in str(entry.changes).lower()


def test_material_is_limited_to_its_category(analyst_a, cesium):
    with pytest.raises(ValidationError) as error:
        write(analyst_a, cbrn_category="CHEM", material="CS137")
    assert "material" in error.value.message_dict
    # Without a category the material's own is taken.
    assert write(analyst_a, material="CS137").cbrn_category.code == "RAD"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_es": "", "title_en": ""}, "title_es"),
        ({"classification": "ZZ"}, "classification"),
        ({"report_type": "gossip"}, "report_type"),
        ({"latitude": "95"}, "latitude"),
        ({"tags": ["x" * 51]}, "tags"),
        ({"material": "NOPE"}, "material"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(analyst_a, overrides, field):
    with pytest.raises(ValidationError) as error:
        write(analyst_a, **overrides)
    assert field in error.value.message_dict
    assert not IntelReport.objects.exists()


def test_classification_above_the_clearance_is_refused(agency_a):
    low = analyst("low", agency_a, "SBU")
    with pytest.raises(ValidationError) as error:
        write(low, classification="C")
    assert "classification" in error.value.message_dict


@pytest.mark.parametrize("kind", ["no role", "no clearance", "no agency"])
def test_only_cleared_analysts_of_an_agency_write(agency_a, coordinator, kind):
    if kind == "no role":
        actor = coordinator
        actor.clearance = level("S")
        actor.save()
    elif kind == "no clearance":
        actor = analyst("unc", agency_a, None)
    else:
        actor = analyst("nag", None, "S", roles=[])
        actor.groups.clear()
    with pytest.raises(PermissionDenied):
        write(actor)
    assert not IntelReport.objects.exists()
    [entry] = entries("intel.report.create")
    assert entry.outcome == Outcome.DENIED


def test_an_edit_makes_a_new_version_compared_field_by_field(analyst_a):
    report = write(analyst_a)
    update_report(
        actor=analyst_a,
        report=report,
        title_en="Valve purchase, second look",
        quantity="40 units",
        note="Quantity confirmed",
    )
    report.refresh_from_db()
    assert report.version == 2
    v1, v2 = report.versions.order_by("number")
    assert (v2.note, v2.changed_by) == ("Quantity confirmed", analyst_a)
    changed = {
        row.field: (row.before, row.after) for row in compare_versions(v1, v2) if row.changed
    }
    assert changed == {
        "title_en": ("Suspicious valve purchase", "Valve purchase, second look"),
        "quantity": ("", "40 units"),
    }
    [entry] = entries("intel.report.update")
    assert entry.changes == {
        "title_en": ["…", "…"],
        "quantity": ["…", "…"],
        "version": [1, 2],
    }


def test_an_edit_that_changes_nothing_keeps_the_version(analyst_a):
    report = write(analyst_a)
    update_report(actor=analyst_a, report=report, title_es=report.title_es)
    assert ReportVersion.objects.filter(report=report).count() == 1
    assert entries("intel.report.update") == []


def test_another_agency_cannot_edit_a_report_it_reads(analyst_a, analyst_b):
    report = write(analyst_a)
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    assert get_report_for(analyst_b, report.pk) == report
    with pytest.raises(PermissionDenied):
        update_report(actor=analyst_b, report=report, title_es="Cambiado")
    report.refresh_from_db()
    assert (report.title_es, report.version) == ("Compra sospechosa de válvulas", 1)
    [entry] = entries("intel.report.update")
    assert entry.outcome == Outcome.DENIED


def test_only_the_originator_lowers_the_classification(analyst_a, analyst_b):
    report = write(analyst_a, classification="S")
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    with pytest.raises(PermissionDenied):
        update_report(actor=analyst_b, report=report, classification="C")
    report.refresh_from_db()
    assert report.classification.code == "S"
    [denied] = entries("intel.report.classification")
    assert denied.outcome == Outcome.DENIED
    assert denied.changes == {"classification": ["S", "C"]}
    update_report(actor=analyst_a, report=report, classification="C")
    report.refresh_from_db()
    assert report.classification.code == "C"
    allowed = entries("intel.report.classification")[-1]
    assert (allowed.outcome, allowed.actor) == (Outcome.ALLOWED, analyst_a)


def test_an_analyst_below_the_classification_does_not_write_it(analyst_a, agency_a):
    report = write(analyst_a, classification="S")
    low = analyst("low_a", agency_a, "C")
    with pytest.raises(PermissionDenied):
        update_report(actor=low, report=report, title_es="x")
    with pytest.raises(PermissionDenied):
        publish_report(actor=low, report=report)


def test_versions_classified_above_the_reader_are_hidden(analyst_a, analyst_b):
    report = write(analyst_a, classification="S")
    update_report(actor=analyst_a, report=report, classification="C", note="Sanitised")
    publish_report(actor=analyst_a, report=report)
    report.releases.create(agency=analyst_b.agency, state="effective")
    analyst_b.clearance = level("C")
    analyst_b.save()
    assert [v.number for v in versions_for(analyst_b, report)] == [2]
    assert [v.number for v in versions_for(analyst_a, report)] == [1, 2]


def test_publish_then_withdraw(analyst_a, analyst_b):
    report = write(analyst_a)
    report.releases.create(agency=analyst_b.agency, state="effective")
    assert not IntelReport.objects.visible_to(analyst_b).exists()  # a draft
    publish_report(actor=analyst_a, report=report)
    assert IntelReport.objects.visible_to(analyst_b).get() == report
    with pytest.raises(ValidationError):
        publish_report(actor=analyst_a, report=report)
    with pytest.raises(ValidationError) as error:
        withdraw_report(actor=analyst_a, report=report, reason="  ")
    assert "reason" in error.value.message_dict
    withdraw_report(actor=analyst_a, report=report, reason="Source retracted")
    report.refresh_from_db()
    assert report.status == ReportStatus.WITHDRAWN
    assert report.versions.order_by("number").last().note == "Source retracted"
    assert not IntelReport.objects.visible_to(analyst_b).exists()
    [entry] = entries("intel.report.withdraw")
    assert entry.changes == {"status": ["published", "withdrawn"], "version": [1, 2]}
    with pytest.raises(ValidationError):
        update_report(actor=analyst_a, report=report, title_es="otra")


def test_withdraw_by_a_non_writer_is_refused_and_audited(analyst_a, analyst_b):
    report = write(analyst_a)
    with pytest.raises(PermissionDenied):
        withdraw_report(actor=analyst_b, report=report, reason="no")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert entries("intel.report.withdraw")[0].outcome == Outcome.DENIED


def test_the_request_answered_must_be_readable(analyst_a, analyst_b):
    from nonprolif.intel.models import InfoRequest

    question = InfoRequest.objects.create(
        title_es="¿Quién compró?",
        classification=level("C"),
        requester=analyst_b.agency,
        author=analyst_b,
        due_date=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        create_report(actor=analyst_a, request=question, **fields())
    assert "request" in error.value.message_dict
    question.recipients.add(analyst_a.agency)
    assert create_report(actor=analyst_a, request=question, **fields()).request == question


@pytest.mark.django_db(transaction=True)
def test_create_rolls_back_when_the_audit_fails(agency_a, monkeypatch):
    actor = analyst("tx_a", agency_a, "S", roles=[Role.ANALYST])

    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(domain.reports, "record", broken)
    with pytest.raises(RuntimeError):
        write(actor)
    assert not IntelReport.objects.exists()
    assert not ReportVersion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_update_rolls_back_when_the_audit_fails(agency_a, monkeypatch):
    actor = analyst("tx_b", agency_a, "S", roles=[Role.ANALYST])
    report = write(actor)
    broken = lambda **kw: (_ for _ in ()).throw(RuntimeError())  # noqa: E731
    monkeypatch.setattr(domain.reports, "record", broken)
    with pytest.raises(RuntimeError):
        update_report(actor=actor, report=report, title_es="Otra cosa")
    report.refresh_from_db()
    assert (report.title_es, report.version) == ("Compra sospechosa de válvulas", 1)
    assert ReportVersion.objects.filter(report=report).count() == 1


# Concurrency (PostgreSQL: SQLite takes one writer at a time) -------------------------------------


@pytest.mark.django_db(transaction=True)
def test_reports_written_at_the_same_moment_get_distinct_numbers(postgresql, agency_a):
    from tests.reports.test_domain import _at_once

    threads = 4
    writers = [analyst(f"conc_{n}", agency_a, "S") for n in range(threads)]
    pks = iter([w.pk for w in writers])

    def take() -> str:
        from nonprolif.core.models import User

        return write(User.objects.get(pk=next(pks))).reference

    references = _at_once(take, threads)
    year = clock.now().year
    assert sorted(references) == [f"AAA-{year}-{n:04d}" for n in range(1, threads + 1)]


def test_other_agencies_read_the_version_published_and_later_never_the_drafts(
    analyst_a, analyst_a2, analyst_b
):
    report = write(analyst_a, body_es="La fuente es el agente X.")
    update_report(actor=analyst_a, report=report, body_es="Texto depurado.")
    report.releases.create(agency=analyst_b.agency, state="effective")
    published = publish_report(actor=analyst_a, report=report)
    assert published.published_version == 2
    update_report(actor=analyst_a, report=report, quantity="2 kg")
    assert [v.number for v in versions_for(analyst_b, report)] == [2, 3]
    assert not any("agente X" in v.data["body_es"] for v in versions_for(analyst_b, report))
    # The originating agency keeps the whole history.
    assert [v.number for v in versions_for(analyst_a2, report)] == [1, 2, 3]
    with pytest.raises(Http404):
        get_version_for(analyst_b, report, 1)
