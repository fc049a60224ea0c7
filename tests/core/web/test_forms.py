"""The shared form fields: a model choice whose id no signed 64-bit column holds is an invalid
choice (never a database OverflowError)."""

import pytest
from django import forms

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999999"


class ChoiceForm(forms.Form):
    one = BoundedModelChoiceField(queryset=Agency.objects.all(), required=False)
    many = BoundedModelMultipleChoiceField(queryset=Agency.objects.all(), required=False)


@pytest.mark.parametrize("value", [BIG, f"-{BIG}", str(2**63)])
def test_an_id_past_64_bits_is_an_invalid_choice(agency_a, value):
    form = ChoiceForm({"one": value, "many": [str(agency_a.pk), value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
    assert form.errors.as_data()["one"][0].code == "invalid_choice"
    assert form.errors.as_data()["many"][0].code == "invalid_choice"


def test_ids_within_64_bits_choose_as_before(agency_a):
    form = ChoiceForm({"one": str(agency_a.pk), "many": [str(agency_a.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == agency_a
    assert list(form.cleaned_data["many"]) == [agency_a]
    missing = ChoiceForm({"one": str(2**63 - 1), "many": ["x"]})
    assert not missing.is_valid()
