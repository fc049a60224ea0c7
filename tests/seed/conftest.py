"""Fixtures of the seed tests: the built-in documents, loaded or as plain data."""

import copy

import pytest
from django.db import transaction

from nonprolif.seed.demo import BUILTIN_DEMO, load_demo_document
from nonprolif.seed.loader import builtin_document, load_program_document


@pytest.fixture
def program_doc():
    """A private copy of the built-in 2009 program document (tests may edit it)."""
    return copy.deepcopy(builtin_document())


@pytest.fixture
def demo_doc():
    return copy.deepcopy(builtin_document(BUILTIN_DEMO))


@pytest.fixture
def mx2009(db, program_doc):
    """The 2009 program, loaded."""
    load_program_document(program_doc)
    from nonprolif.program.models import Program

    return Program.objects.get(code="mx-2009")


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The 2009 program with the demo data, loaded once per test module in a transaction that
    is rolled back after the module (each test runs in its own savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_program_document(builtin_document())
        load_demo_document(builtin_document(BUILTIN_DEMO))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db, demo_doc):
    """The 2009 program with the demo data, loaded; returns the demo document."""
    return demo_doc
