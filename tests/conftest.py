"""The permission matrix as fixed, named users.

Two national agencies (AAA, BBB) and one partner (PTR) share a program; the outsider has a
login and no role. Every view and endpoint of scoped data is tested against these users.
Shared helpers: signed-in clients, query counting, English messages, PostgreSQL-only tests.
"""

import importlib
import os

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nonprolif.core import queries
from nonprolif.core.models import AgencyKind
from nonprolif.core.roles import Role
from tests.factories import PASSWORD, AgencyFactory, ProgramFactory, UserFactory

# Argon2 is the product's hasher; tests log in hundreds of times and use a fast one.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


#: The queries of a read's audit entry (core/audit_reads.py), in a test's transaction: the
#: savepoint, the head row locked, the entry inserted, the head moved, the savepoint released,
#: and the reader's roles (or agency) for the entry's snapshot. Fixed-count tests add it.
AUDITED_READ_QUERIES = 6


def _flush_past_the_audit_trigger() -> None:
    """On PostgreSQL the audit table refuses TRUNCATE (migration core 0007), and pytest-django
    empties the database with it after each ``transaction=True`` test: that flush, and only
    it, runs in replica mode, where ordinary triggers do not fire (as a DBA could)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    sql_flush = DatabaseOperations.sql_flush

    def flush(self, style, tables, **kwargs):
        statements = sql_flush(self, style, tables, **kwargs)
        return ["SET LOCAL session_replication_role = replica", *statements] if statements else []

    DatabaseOperations.sql_flush = flush  # type: ignore[method-assign]


if connection.vendor == "postgresql":
    _flush_past_the_audit_trigger()


@pytest.fixture
def agency_a(db):
    return AgencyFactory(code="AAA", name_es="Agencia A", name_en="Agency A")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(code="BBB", name_es="Agencia B", name_en="Agency B")


@pytest.fixture
def partner_agency(db):
    return AgencyFactory(
        code="PTR", name_es="Socio", name_en="Partner", kind=AgencyKind.PARTNER, country="US"
    )


@pytest.fixture
def program(agency_a, agency_b, partner_agency):
    program = ProgramFactory(code="prog-test", lead_agency=agency_a)
    program.member_agencies.set([agency_a, agency_b])
    program.partner_agencies.set([partner_agency])
    return program


@pytest.fixture
def coordinator(agency_a):
    return UserFactory(username="coordinator", agency=agency_a, roles=[Role.COORDINATOR])


@pytest.fixture
def liaison_a(agency_a):
    return UserFactory(username="liaison_a", agency=agency_a, roles=[Role.LIAISON])


@pytest.fixture
def liaison_b(agency_b):
    return UserFactory(username="liaison_b", agency=agency_b, roles=[Role.LIAISON])


@pytest.fixture
def partner(partner_agency):
    return UserFactory(username="partner", agency=partner_agency, roles=[Role.PARTNER])


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", roles=[Role.AUDITOR])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def as_user():
    """``as_user(user)`` returns a test client signed in as that user."""
    return client_for


@pytest.fixture
def count_queries():
    """``count_queries(callable)`` returns (number of SQL queries, result)."""

    def count(run):
        with CaptureQueriesContext(connection) as captured:
            result = run()
        return len(captured.captured_queries), result

    return count


@pytest.fixture
def english():
    """Run the test in English (messages built outside a request use the default, Spanish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def postgresql():
    """Skip, with the reason, unless the tests run on PostgreSQL (what needs its row locks
    and real concurrency); under CI=true with a PostgreSQL DATABASE_URL that is a failure."""
    if connection.vendor == "postgresql":
        return
    reason = f"needs PostgreSQL (DATABASE_URL=postgres://…); the tests run on {connection.vendor}"
    url = os.environ.get("DATABASE_URL", "")
    if os.environ.get("CI") == "true" and url.startswith(("postgres://", "postgresql://")):
        pytest.fail(f"CI requires it: {reason}")
    pytest.skip(reason)


@pytest.fixture
def real_second_factor():
    """Sign-ins of the test client owe their second factor, as a browser's do (the OTP tests)."""


@pytest.fixture(autouse=True)
def test_logins_pass_the_second_factor(request, monkeypatch):
    """``client.force_login(user)`` and ``client.login(...)`` give a session that has passed
    the second factor, for every role: a user who needs one gets a confirmed authenticator
    (made here if he has none), and the session keeps it as the verification page would.
    Tests that ask for ``real_second_factor`` go through the real steps instead.
    ``client.login`` also hands django-axes the request it needs."""
    original_login = Client.login
    original_session_login = Client._login

    def login(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return original_login(self, **credentials)

    monkeypatch.setattr(Client, "login", login)
    if "real_second_factor" in request.fixturenames:
        return

    def session_login(self, user, backend=None):
        original_session_login(self, user, backend)
        if queries.second_factor_required(user):
            device = queries.totp_device_of(user) or TOTPDevice.objects.create(
                user=user, name="test", confirmed=True
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "_login", session_login)


@pytest.fixture(autouse=True)
def default_vocabularies(request):
    """The default classification levels, CBRN categories, HSEEP's core capabilities and the
    1540 matrix's rows that their migrations add, back in place for a test that runs outside
    a transaction (a flush after an earlier such test emptied their tables)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from nonprolif.core.models import ClassificationLevel
    from nonprolif.core.models.classification import DEFAULT_LEVELS
    from nonprolif.intel.models import CbrnCategory
    from nonprolif.intel.models.taxonomy import DEFAULT_CATEGORIES

    if not ClassificationLevel.objects.exists():
        ClassificationLevel.objects.bulk_create(
            ClassificationLevel(code=code, rank=rank, name_es=es, name_en=en)
            for rank, (code, es, en) in enumerate(DEFAULT_LEVELS, start=1)
        )
    if not CbrnCategory.objects.exists():
        CbrnCategory.objects.bulk_create(
            CbrnCategory(code=code, name_es=es, name_en=en) for code, es, en in DEFAULT_CATEGORIES
        )
    from django.apps import apps

    for name in ("0002_core_capabilities", "0003_matrix_rows"):
        # Each fills its table only when it is empty.
        importlib.import_module(f"nonprolif.preparedness.migrations.{name}").load(apps, None)
