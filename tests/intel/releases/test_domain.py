"""The releasability services: widening and narrowing by the originator only, the
two-person release to a partner, distribution lists expanded when applied; every refusal
audited as denied and leaving the rows unchanged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import DistributionList, IntelReport, ReleaseState, ReportRelease
from nonprolif.intel.releases import domain
from nonprolif.intel.releases.domain import (
    apply_distribution_list,
    approve_release,
    create_distribution_list,
    delete_distribution_list,
    refuse_release,
    set_releasability,
    update_distribution_list,
)
from tests.intel.conftest import analyst, level

pytestmark = pytest.mark.django_db


def rows(report) -> dict[str, str]:
    return dict(ReportRelease.objects.filter(report=report).values_list("agency__code", "state"))


def last_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


def visible_refs(user) -> set[str]:
    return set(IntelReport.objects.visible_to(user).values_list("reference", flat=True))


def test_widening_releases_a_national_agency_at_once_and_is_audited(
    report, analyst_a, agency_b, analyst_b
):
    assert visible_refs(analyst_b) == set()
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b])
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}
    assert visible_refs(analyst_b) == {report.reference}
    entry = last_entry("intel.report.release")
    assert entry.outcome == Outcome.ALLOWED
    assert entry.object_id == str(report.pk)
    assert entry.changes["releasability"] == [{}, {"BBB": "effective"}]
    # The audit entry names the report by its reference, never by its title.
    assert report.title_es not in str(entry.changes)
    assert report.title_es not in entry.object_repr


def test_narrowing_by_the_originator_removes_the_release(report, analyst_a, agency_b, analyst_b):
    set_releasability(actor=analyst_a, report=report, agencies=["BBB"])
    set_releasability(actor=analyst_a, report=report, agencies=[])
    assert rows(report) == {}
    assert visible_refs(analyst_b) == set()
    assert last_entry("intel.report.release").changes["removed"] == [["BBB"], None]


def test_nothing_to_change_writes_nothing(report, analyst_a, agency_b):
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b])
    before = AuditEntry.objects.count()
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b])
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["other_agency", "low_clearance", "liaison", "no_role"])
def test_only_the_originators_cleared_writers_change_the_list(
    who, report, agency_a, agency_b, partner_agency, analyst_b
):
    actor = {
        "other_agency": lambda: analyst_b,
        "low_clearance": lambda: analyst("low_a", agency_a, "SBU"),
        "liaison": lambda: analyst("liaison_x", agency_a, "S", roles=("liaison",)),
        "no_role": lambda: analyst("plain_a", agency_a, "S", roles=()),
    }[who]()
    set_releasability(actor=report.author, report=report, agencies=[agency_b])
    with pytest.raises(PermissionDenied):
        set_releasability(actor=actor, report=report, agencies=[agency_b, partner_agency])
    with pytest.raises(PermissionDenied):
        set_releasability(actor=actor, report=report, agencies=[])
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}
    entry = last_entry("intel.report.release")
    assert entry.outcome == Outcome.DENIED
    assert entry.actor == actor


def test_unknown_agency_and_the_originator_are_refused_naming_the_field(report, analyst_a):
    with pytest.raises(ValidationError) as error:
        set_releasability(actor=analyst_a, report=report, agencies=["NOPE"])
    assert "agencies" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        set_releasability(actor=analyst_a, report=report, agencies=["AAA"])
    assert "agencies" in error.value.message_dict
    assert rows(report) == {}


def test_two_person_release_to_a_partner(report, analyst_a, analyst_a2, partner_analyst):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    assert rows(report) == {"PTR": ReleaseState.PENDING}
    assert visible_refs(partner_analyst) == set()
    release = ReportRelease.objects.get(report=report)
    approved = approve_release(actor=analyst_a2, release=release, reason="Needed by LEGAT.")
    assert approved.state == ReleaseState.EFFECTIVE
    assert approved.decided_by == analyst_a2
    assert approved.reason == "Needed by LEGAT."
    assert visible_refs(partner_analyst) == {report.reference}
    entry = last_entry("intel.release.approve")
    assert entry.outcome == Outcome.ALLOWED
    assert entry.actor == analyst_a2
    assert entry.changes["state"] == ["pending", "effective"]


def test_a_coordinator_of_the_originator_is_a_second_person(
    report, analyst_a, coordinator_a, partner_analyst
):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    approve_release(actor=coordinator_a, release=release, reason="Approved.")
    assert visible_refs(partner_analyst) == {report.reference}


def test_the_requester_approving_his_own_release_is_refused_and_audited(
    report, analyst_a, partner_analyst
):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    for service in (approve_release, refuse_release):
        with pytest.raises(PermissionDenied):
            service(actor=analyst_a, release=release, reason="I approve myself.")
    release.refresh_from_db()
    assert release.state == ReleaseState.PENDING
    assert release.decided_by is None
    assert visible_refs(partner_analyst) == set()
    entry = last_entry("intel.release.approve")
    assert entry.outcome == Outcome.DENIED
    assert entry.actor == analyst_a


def test_nobody_outside_the_originator_decides(report, analyst_a, analyst_b, partner_analyst):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR", "BBB"])
    release = ReportRelease.objects.get(report=report, agency__code="PTR")
    for actor in (analyst_b, partner_analyst, analyst("low_a2", report.originator, "U")):
        with pytest.raises(PermissionDenied):
            approve_release(actor=actor, release=release, reason="Why not.")
    release.refresh_from_db()
    assert release.state == ReleaseState.PENDING
    assert last_entry("intel.release.approve").outcome == Outcome.DENIED


def test_a_decision_needs_a_reason_and_a_pending_release(report, analyst_a, analyst_a2):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    with pytest.raises(ValidationError) as error:
        approve_release(actor=analyst_a2, release=release, reason="  ")
    assert "reason" in error.value.message_dict
    refuse_release(actor=analyst_a2, release=release, reason="Not for them.")
    release.refresh_from_db()
    assert release.state == ReleaseState.REFUSED
    with pytest.raises(ValidationError) as error:
        approve_release(actor=analyst_a2, release=release, reason="Changed my mind.")
    assert "state" in error.value.message_dict
    release.refresh_from_db()
    assert release.state == ReleaseState.REFUSED


def test_a_refusal_stays_on_record_and_naming_the_partner_again_asks_afresh(
    report, analyst_a, analyst_a2, partner_analyst
):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    refuse_release(actor=analyst_a2, release=release, reason="Not yet.")
    set_releasability(actor=analyst_a, report=report, agencies=["BBB"])
    assert rows(report) == {"PTR": ReleaseState.REFUSED, "BBB": ReleaseState.EFFECTIVE}
    set_releasability(actor=analyst_a2, report=report, agencies=["BBB", "PTR"])
    release.refresh_from_db()
    assert release.state == ReleaseState.PENDING
    assert release.requested_by == analyst_a2
    assert release.reason == ""
    # Now analyst_a2 asked: he cannot approve it, analyst_a can.
    with pytest.raises(PermissionDenied):
        approve_release(actor=analyst_a2, release=release, reason="Mine.")
    approve_release(actor=analyst_a, release=release, reason="Now it may go.")
    assert visible_refs(partner_analyst) == {report.reference}


def test_a_distribution_list_expands_into_explicit_rows_when_applied(
    report, analyst_a, agency_a, agency_b, partner_agency, analyst_b
):
    distribution_list = create_distribution_list(
        actor=analyst_a, name_es="Aduanas y socio", agencies=["BBB", "PTR"]
    )
    apply_distribution_list(actor=analyst_a, report=report, distribution_list=distribution_list)
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE, "PTR": ReleaseState.PENDING}
    entry = last_entry("intel.report.release")
    assert entry.changes["distribution_list"] == [None, distribution_list.pk]
    # A later change of the list does not follow into the report.
    update_distribution_list(
        actor=analyst_a, distribution_list=distribution_list, name_es="Solo socio", agencies=["PTR"]
    )
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE, "PTR": ReleaseState.PENDING}
    delete_distribution_list(actor=analyst_a, distribution_list=distribution_list)
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE, "PTR": ReleaseState.PENDING}
    assert visible_refs(analyst_b) == {report.reference}


def test_another_agencys_list_cannot_be_applied(report, analyst_a, analyst_b, agency_a):
    theirs = create_distribution_list(actor=analyst_b, name_es="De B", agencies=[agency_a])
    with pytest.raises(PermissionDenied):
        apply_distribution_list(actor=analyst_a, report=report, distribution_list=theirs)
    assert rows(report) == {}
    assert last_entry("intel.report.release").outcome == Outcome.DENIED


def test_distribution_lists_are_their_agencys(analyst_a, analyst_b, agency_b, partner_agency):
    mine = create_distribution_list(
        actor=analyst_a, name_es="Nacional", name_en="Domestic", agencies=[agency_b]
    )
    assert last_entry("intel.distlist.create").changes["distribution_list"][1]["agencies"] == [
        "BBB"
    ]
    with pytest.raises(PermissionDenied):
        update_distribution_list(
            actor=analyst_b, distribution_list=mine, name_es="Robada", agencies=[partner_agency]
        )
    with pytest.raises(PermissionDenied):
        delete_distribution_list(actor=analyst_b, distribution_list=mine)
    mine.refresh_from_db()
    assert mine.name_es == "Nacional"
    assert list(mine.agencies.values_list("code", flat=True)) == ["BBB"]
    assert last_entry("intel.distlist.delete").outcome == Outcome.DENIED


def test_bad_distribution_list_input_names_the_field(analyst_a, agency_b):
    create_distribution_list(actor=analyst_a, name_es="Uno", agencies=[agency_b])
    for kwargs, field in (
        ({"name_es": "", "agencies": [agency_b]}, "name_es"),
        ({"name_es": "Uno", "agencies": [agency_b]}, "name_es"),
        ({"name_es": "Dos", "agencies": []}, "agencies"),
        ({"name_es": "Tres", "agencies": ["AAA"]}, "agencies"),
        ({"name_es": "Cuatro", "agencies": ["ZZZ"]}, "agencies"),
    ):
        with pytest.raises(ValidationError) as error:
            create_distribution_list(actor=analyst_a, **kwargs)
        assert field in error.value.message_dict, kwargs
    assert DistributionList.objects.count() == 1


def test_a_user_without_agency_or_clearance_manages_no_list(agency_b, coordinator, auditor):
    coordinator.clearance = level("S")
    coordinator.save()
    with pytest.raises(PermissionDenied):
        create_distribution_list(actor=auditor, name_es="X", agencies=[agency_b])
    assert DistributionList.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_set_releasability_rolls_back_as_a_whole(
    report, analyst_a, agency_b, partner_agency, monkeypatch
):
    set_releasability(actor=analyst_a, report=report, agencies=[agency_b])

    def failing_record(**kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(domain, "record", failing_record)
    with pytest.raises(RuntimeError):
        set_releasability(actor=analyst_a, report=report, agencies=[partner_agency])
    assert rows(report) == {"BBB": ReleaseState.EFFECTIVE}


@pytest.mark.django_db(transaction=True)
def test_a_decision_rolls_back_as_a_whole(report, analyst_a, analyst_a2, monkeypatch):
    set_releasability(actor=analyst_a, report=report, agencies=["PTR"])
    release = ReportRelease.objects.get(report=report)
    monkeypatch.setattr(domain, "record", lambda **kwargs: (_ for _ in ()).throw(RuntimeError()))
    with pytest.raises(RuntimeError):
        approve_release(actor=analyst_a2, release=release, reason="Go.")
    release.refresh_from_db()
    assert (release.state, release.decided_by, release.reason) == ("pending", None, "")


@pytest.mark.django_db(transaction=True)
def test_a_distribution_list_rolls_back_as_a_whole(analyst_a, agency_b, monkeypatch):
    monkeypatch.setattr(domain, "record", lambda **kwargs: (_ for _ in ()).throw(RuntimeError()))
    with pytest.raises(RuntimeError):
        create_distribution_list(actor=analyst_a, name_es="Uno", agencies=[agency_b])
    assert DistributionList.objects.count() == 0
