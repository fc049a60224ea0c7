"""The tips pages: scoping (an outsider and another agency get 404), taking a tip, the
acknowledgement state, writing the report draft."""

import pytest
from django.core import mail
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport
from nonprolif.outreach.models import Tip
from tests.conftest import AUDITED_READ_QUERIES
from tests.outreach.factories import StakeholderFactory
from tests.outreach.tips.conftest import TIP_DATA

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {**TIP_DATA, **changes}
    data["when"] = data["when"].isoformat() if data["when"] else ""
    return data


def test_the_list_shows_the_agencys_tips_only(
    as_user, take_tip, liaison_a, liaison_b, stakeholder_a, stakeholder_b
):
    tip_a = take_tip(liaison_a, stakeholder_a)
    tip_b = take_tip(liaison_b, stakeholder_b)
    body = as_user(liaison_a).get(reverse("outreach_tip_list")).content.decode()
    assert tip_a.reference in body
    assert tip_b.reference not in body
    entry = AuditEntry.objects.filter(action="outreach.tip.list").latest("seq")
    assert entry.object_ids == [tip_a.pk]


@pytest.mark.parametrize("user", ["partner", "outsider"])
def test_a_partner_or_an_outsider_reads_no_tip(
    as_user, request, user, take_tip, liaison_a, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    client = as_user(request.getfixturevalue(user))
    assert tip.reference not in client.get(reverse("outreach_tip_list")).content.decode()
    assert client.get(reverse("outreach_tip_detail", args=[tip.pk])).status_code == 404
    assert (
        client.get(reverse("outreach_tip_list"), {"stakeholder": stakeholder_a.pk}).status_code
        == 404
    )


def test_another_agencys_liaison_gets_404_everywhere(
    as_user, take_tip, liaison_a, liaison_b, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    client = as_user(liaison_b)
    assert client.get(reverse("outreach_tip_detail", args=[tip.pk])).status_code == 404
    create = reverse("outreach_tip_create", args=[stakeholder_a.pk])
    assert client.get(create).status_code == 404
    assert client.post(create, form_data()).status_code == 404
    assert client.post(reverse("outreach_tip_report", args=[tip.pk])).status_code == 404
    assert client.post(reverse("outreach_tip_acknowledge", args=[tip.pk])).status_code == 404
    assert Tip.objects.count() == 1


def test_the_list_costs_the_same_queries_for_one_tip_or_three(
    as_user, take_tip, liaison_a, stakeholder_a, count_queries
):
    client = as_user(liaison_a)
    url = reverse("outreach_tip_list")
    take_tip(liaison_a, stakeholder_a)
    client.get(url)
    one, _ = count_queries(lambda: client.get(url))
    take_tip(liaison_a, stakeholder_a)
    take_tip(liaison_a, stakeholder_a)
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["page"].object_list) == 3
    assert one == three
    assert three <= 8 + AUDITED_READ_QUERIES


def test_a_liaison_takes_a_tip_and_the_stakeholder_is_acknowledged(
    as_user, liaison_a, stakeholder_a, django_capture_on_commit_callbacks
):
    client = as_user(liaison_a)
    url = reverse("outreach_tip_create", args=[stakeholder_a.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data())
    tip = Tip.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach_tip_detail", args=[tip.pk])
    assert tip.reference == "TIP-AAA-2010-0001"
    assert mail.outbox[0].to == [TIP_DATA["contact_email"]]
    body = client.get(response["Location"]).content.decode()
    assert tip.reference in body
    assert TIP_DATA["what"] in body


def test_the_page_says_when_no_acknowledgement_could_be_sent(
    as_user, english, liaison_b, stakeholder_b
):
    liaison_b.language = "en"  # the pages speak the user's language
    liaison_b.save(update_fields=["language"])
    client = as_user(liaison_b)
    response = client.post(
        reverse("outreach_tip_create", args=[stakeholder_b.pk]),
        form_data(contact_email=""),
        follow=True,
    )
    assert response.status_code == 200
    assert "No acknowledgement could be sent" in response.content.decode()
    assert mail.outbox == []


def test_bad_input_is_shown_on_the_form_and_nothing_written(as_user, liaison_a, stakeholder_a):
    response = as_user(liaison_a).post(
        reverse("outreach_tip_create", args=[stakeholder_a.pk]),
        form_data(what="", when=None, contact_email="nope"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"what", "when", "contact_email"} <= set(form.errors)
    assert not Tip.objects.exists()


def test_an_analyst_may_not_take_a_tip_and_the_refusal_is_audited(
    as_user, analyst_a, stakeholder_a
):
    client = as_user(analyst_a)
    url = reverse("outreach_tip_create", args=[stakeholder_a.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403
    assert not Tip.objects.exists()
    assert AuditEntry.objects.filter(
        action="outreach.tip.create", outcome=Outcome.DENIED, actor=analyst_a
    ).exists()


def test_an_analyst_writes_the_report_draft_from_the_tip_page(
    as_user, take_tip, liaison_a, analyst_a, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    client = as_user(analyst_a)
    page = client.get(reverse("outreach_tip_detail", args=[tip.pk])).content.decode()
    assert reverse("outreach_tip_report", args=[tip.pk]) in page
    response = client.post(reverse("outreach_tip_report", args=[tip.pk]), {})
    report = IntelReport.objects.get()
    assert response["Location"] == reverse("intel_report_detail", args=[report.pk])
    page = client.get(reverse("outreach_tip_detail", args=[tip.pk])).content.decode()
    assert report.reference in page
    assert reverse("outreach_tip_report", args=[tip.pk]) not in page


def test_a_liaison_sees_no_report_button_and_is_refused(
    as_user, take_tip, liaison_a, stakeholder_a
):
    tip = take_tip(liaison_a, stakeholder_a)
    client = as_user(liaison_a)
    page = client.get(reverse("outreach_tip_detail", args=[tip.pk])).content.decode()
    assert reverse("outreach_tip_report", args=[tip.pk]) not in page
    assert client.post(reverse("outreach_tip_report", args=[tip.pk]), {}).status_code == 403
    tip.refresh_from_db()
    assert tip.report_id is None
    assert AuditEntry.objects.filter(action="outreach.tip.report", outcome=Outcome.DENIED).exists()


def test_the_report_is_not_named_to_a_reader_who_may_not_read_it(
    as_user, english, take_tip, liaison_a, analyst_a, coordinator, stakeholder_a
):
    from nonprolif.outreach.tips.domain import report_tip

    tip = take_tip(liaison_a, stakeholder_a)
    report = report_tip(actor=analyst_a, tip=tip)
    for reader in (liaison_a, coordinator):  # no clearance: the draft is not theirs to read
        reader.language = "en"  # the pages speak the user's language
        reader.save(update_fields=["language"])
        page = as_user(reader).get(reverse("outreach_tip_detail", args=[tip.pk])).content.decode()
        assert reverse("intel_report_detail", args=[report.pk]) not in page
        assert f">{report.reference}<" not in page
        assert "an intelligence report you may not read" in page


def test_the_acknowledgement_is_sent_again_from_the_page(
    as_user, take_tip, liaison_a, stakeholder_a, django_capture_on_commit_callbacks
):
    tip = take_tip(liaison_a, stakeholder_a)
    client = as_user(liaison_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outreach_tip_acknowledge", args=[tip.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_the_list_of_one_stakeholder_offers_to_take_a_tip(
    as_user, liaison_a, stakeholder_a, program, agency_a
):
    StakeholderFactory(program=program, responsible_agency=agency_a)
    response = as_user(liaison_a).get(
        reverse("outreach_tip_list"), {"stakeholder": stakeholder_a.pk}
    )
    assert response.status_code == 200
    assert reverse("outreach_tip_create", args=[stakeholder_a.pk]) in response.content.decode()
