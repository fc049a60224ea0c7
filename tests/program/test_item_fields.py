"""The values of a proposal item are listed once (``ITEM_FIELDS``, next to the model): the
services, the forms and the API schemas that carry an item carry exactly those."""

from nonprolif.program.domain.items import ITEM_VALUES
from nonprolif.program.forms import DecisionForm, ItemForm, RevisionItemForm
from nonprolif.program.models import AMENDABLE_FIELDS, ITEM_FIELDS, ProposalItem
from nonprolif.program.schemas import (
    AmendmentsIn,
    ItemIn,
    ItemPatch,
    ProposalItemOut,
    RevisionItemIn,
)


def test_item_fields_are_fields_of_the_model():
    model_fields = {field.name for field in ProposalItem._meta.get_fields()}
    assert set(ITEM_FIELDS) <= model_fields


def test_item_services_take_the_item_fields():
    assert ITEM_VALUES | {"target_agencies"} == set(ITEM_FIELDS)


def test_item_forms_carry_the_item_fields_in_order():
    assert list(ItemForm.base_fields) == list(ITEM_FIELDS)
    assert list(RevisionItemForm.base_fields) == ["key", *ITEM_FIELDS]


def test_item_schemas_carry_the_item_fields_in_order():
    assert list(ItemIn.model_fields) == list(ITEM_FIELDS)
    assert list(ItemPatch.model_fields) == list(ITEM_FIELDS)
    assert list(RevisionItemIn.model_fields) == [*ITEM_FIELDS, "key"]
    assert set(ITEM_FIELDS) <= set(ProposalItemOut.model_fields)


def test_amendments_carry_the_amendable_fields():
    assert list(AmendmentsIn.model_fields) == [*AMENDABLE_FIELDS, "target_agencies"]
    decision_form_fields = set(DecisionForm.base_fields) - {"decision", "rationale"}
    assert decision_form_fields == {*AMENDABLE_FIELDS, "target_agencies"}
