"""Demo data generated from scratch: deterministic, and only on top of its agencies."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from nonprolif.core.models import Official, User
from nonprolif.seed.demo import gendered, generate_officials, load_demo_document
from nonprolif.seed.loader import load_program_document


def test_positions_agree_with_the_officials_gender():
    assert gendered("{Director/Directora} General", female=True) == "Directora General"
    assert gendered("{Director/Directora} General", female=False) == "Director General"
    assert gendered("Analista de Inteligencia", female=True) == "Analista de Inteligencia"


def test_generation_is_deterministic_for_a_given_seed(demo_doc):
    people = generate_officials(demo_doc)
    assert generate_officials(demo_doc) == people
    assert generate_officials({**demo_doc, "random_seed": demo_doc["random_seed"] + 1}) != people


def test_two_loads_into_fresh_databases_give_the_same_people(db, program_doc, demo_doc):
    def load_people():
        load_program_document(program_doc)
        load_demo_document(demo_doc)
        return list(
            Official.objects.order_by("agency__code", "email").values_list(
                "agency__code", "given_names", "family_names", "position", "seniority", "email"
            )
        )

    with transaction.atomic():
        first = load_people()
        transaction.set_rollback(True)
    assert Official.objects.count() == 0

    assert load_people() == first


def test_the_demo_needs_its_agencies_loaded_first(db, demo_doc):
    with pytest.raises(ValidationError) as error:
        load_demo_document(demo_doc)
    assert error.value.message_dict == {"agencies[0].code": ["unknown agency code “CISEN”"]}
    assert Official.objects.count() == 0
    assert User.objects.count() == 0
