"""The picker (core/web/picker.py) and its search answer (core/views/pickers.py), through
the meeting form's endpoint: the field refuses a pk outside its queryset, the widget renders
a search box and the current choice (no select), the search is scoped, pages by 20, is
audited, and its query count does not grow with the officials."""

import re

import pytest
from django import forms
from django.urls import reverse

from nonprolif.core.models import AuditEntry, Official
from nonprolif.core.web.picker import (
    PAGE_SIZE,
    OfficialMultiplePickerField,
    OfficialPickerField,
    official_label,
)
from tests.factories import AgencyFactory, OfficialFactory


class OneForm(forms.Form):
    official = OfficialPickerField(label="Official")

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].search_url = "/search/here/"


class ManyForm(forms.Form):
    officials = OfficialMultiplePickerField(label="Officials", required=False)

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officials"].queryset = officials
        self.fields["officials"].search_url = "/search/many/"


@pytest.fixture
def pair(agency_a, agency_b):
    return OfficialFactory(agency=agency_a, family_names="Aguilar"), OfficialFactory(
        agency=agency_b, family_names="Barrera"
    )


def search_url(program):
    return reverse("meeting_official_search", args=[program.code])


def test_a_pk_outside_the_queryset_is_refused_with_the_fields_error(pair, agency_a, english):
    mine, other = pair
    scoped = Official.objects.filter(agency=agency_a)
    form = OneForm({"official": str(other.pk)}, officials=scoped)
    assert not form.is_valid()
    assert form.errors["official"] == ["Choose an official from the search results."]
    for garbage in ("", "x", "1e9", "-1"):
        assert not OneForm({"official": garbage}, officials=scoped).is_valid()
    form = OneForm({"official": str(mine.pk)}, officials=scoped)
    assert form.is_valid()
    assert form.cleaned_data["official"] == mine


def test_a_multiple_picker_refuses_any_pk_outside_and_keeps_the_others(pair, agency_a):
    mine, other = pair
    scoped = Official.objects.filter(agency=agency_a)
    form = ManyForm({"officials": [str(mine.pk), str(other.pk)]}, officials=scoped)
    assert not form.is_valid()
    assert "officials" in form.errors
    form = ManyForm({"officials": [str(mine.pk)]}, officials=scoped)
    assert form.is_valid()
    assert list(form.cleaned_data["officials"]) == [mine]


def test_the_widget_is_a_search_box_with_the_current_choice_and_no_select(pair, agency_a):
    mine, other = pair
    scoped = Official.objects.filter(agency=agency_a)
    html = str(OneForm({"official": str(mine.pk)}, officials=scoped)["official"].as_field_group())
    assert "<select" not in html
    assert 'type="search"' in html
    assert 'hx-get="/search/here/"' in html
    assert 'hx-trigger="input changed delay:250ms' in html
    assert re.search(r'<label for="id_official"', html)
    assert 'id="id_official"' in html
    assert 'aria-live="polite"' in html
    assert f'type="radio" name="official" value="{mine.pk}" checked' in html
    assert official_label(mine) in html
    # A forged pk is not shown as the choice.
    html = str(OneForm({"official": str(other.pk)}, officials=scoped)["official"])
    assert "Barrera" not in html
    many = str(ManyForm({"officials": [str(mine.pk)]}, officials=scoped)["officials"])
    assert f'type="checkbox" name="officials" value="{mine.pk}" checked' in many
    assert "data-picker-multiple" in many


def test_the_search_finds_by_name_among_the_scoped_officials(as_user, coordinator, program, pair):
    elsewhere = AgencyFactory(code="ZZZ")  # not an agency of the program
    OfficialFactory(agency=elsewhere, family_names="Aguilar Socio")
    client = as_user(coordinator)
    response = client.get(search_url(program), {"q": "aguilar"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("data-value=") == 1
    assert f'data-value="{pair[0].pk}"' in body
    assert "Socio" not in body
    response = client.get(search_url(program), {"q": "nobody-has-this-name"})
    assert "data-value=" not in response.content.decode()
    assert "No one found" in response.content.decode() or "Nadie" in response.content.decode()


def test_the_search_pages_by_twenty_with_a_more_button(as_user, coordinator, program, agency_a):
    OfficialFactory.create_batch(PAGE_SIZE + 5, agency=agency_a, family_names="Zamora")
    client = as_user(coordinator)
    first = client.get(search_url(program), {"q": "zamora"}).content.decode()
    assert first.count("data-value=") == PAGE_SIZE
    more = re.search(r'class="picker-more" hx-get="([^"]+)"', first)
    assert more is not None
    second = client.get(more.group(1).replace("&amp;", "&")).content.decode()
    assert second.count("data-value=") == 5
    assert "picker-more" not in second
    assert not set(re.findall(r'data-value="(\d+)"', first)) & set(
        re.findall(r'data-value="(\d+)"', second)
    )
    for bad in ("x", "-3", "99999999"):
        assert client.get(search_url(program), {"q": "zamora", "page": bad}).status_code == 200


def test_the_search_is_audited_with_the_officials_shown(as_user, coordinator, program, pair):
    as_user(coordinator).get(search_url(program), {"q": "Aguilar"})
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "official.search"
    assert entry.object_ids == [pair[0].pk]
    assert entry.changes["search"]["q"] == "Aguilar"


def test_an_outsider_and_a_liaison_are_refused(as_user, outsider, liaison_a, program, pair):
    assert as_user(outsider).get(search_url(program), {"q": "a"}).status_code == 404
    assert as_user(liaison_a).get(search_url(program), {"q": "a"}).status_code == 403


def test_signed_out_the_search_sends_to_the_login(client, program):
    response = client.get(search_url(program), {"q": "a"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_search_query_count_is_the_same_for_3_and_30_officials(
    as_user, coordinator, program, agency_a, count_queries
):
    client = as_user(coordinator)

    def search():
        return client.get(search_url(program), {"q": "quintero"})

    OfficialFactory.create_batch(3, agency=agency_a, family_names="Quintero")
    search()
    few, response = count_queries(search)
    assert response.content.decode().count("data-value=") == 3
    OfficialFactory.create_batch(27, agency=agency_a, family_names="Quintero")
    many, response = count_queries(search)
    assert response.content.decode().count("data-value=") == PAGE_SIZE
    assert few == many
