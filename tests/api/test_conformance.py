"""Every endpoint against its OpenAPI description: schemathesis drives the Django app in process.

One test per operation. Schemathesis reads the API's document (the one committed: see
``test_openapi``) and sends requests it allows and, field by field, requests it forbids; each
answer must have a documented status code and content type and a body of the documented
shape, a valid request must not be refused by the API's own schemas (``the_api_schemas_…``)
and an invalid one must be refused, nothing may answer 500, and every operation must answer
401 without credentials.

The data: the built-in 2009 program with its demo data and what the demo lacks, made once for
the module. Requests carry the coordinator's Bearer token. Ids and codes in paths mostly point
at real rows (``point_at_real_rows``), so that the 200 answers are checked, not only the 404s.
Each request runs in a savepoint that is rolled back: no example sees another's writes, and a
run is the same every time (derandomized, no example database, bounded). Failures that are
known and fixed elsewhere are listed in ``KNOWN_MISMATCHES``, each with its fix.
"""

import json
import sys
import traceback
import zlib

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from ninja.errors import ValidationError as SchemaValidationError
from schemathesis.core.failures import AcceptedNegativeData, FailureGroup, ServerError
from schemathesis.generation.meta import CoverageScenario, TestPhase
from schemathesis.openapi.checks import UndefinedStatusCode
from schemathesis.specs.openapi.checks import ignored_auth

from nonprolif.api.errors import schema_error_handler
from nonprolif.api.schema import render_openapi
from nonprolif.api.urls import api
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import (
    ActionItem,
    Conference,
    Meeting,
    MeetingDecision,
    Registration,
    Room,
    Speaker,
    SpeakerInvitation,
    Talk,
)
from nonprolif.program.models import Program, Proposal, ProposalItem
from nonprolif.seed.demo import BUILTIN_DEMO, load_demo_document
from nonprolif.seed.loader import builtin_document, load_program_document
from nonprolif.training.models import Certificate, Nomination, Session

# Deterministic (derandomized, no example database), bounded, no shrinking (a failure is shown
# as found, with a curl line that replays it).
CONFIG = schemathesis.Config.from_dict(
    {
        "suppress-health-check": ["all"],
        "generation": {
            "mode": "all",
            "max-examples": 5,
            "deterministic": True,
            "database": "none",
            "no-shrink": True,
            # The token is ours (below): no generated Authorization headers or session cookies.
            "with-security-parameters": False,
        },
        "checks": {
            # A documented 422 is a right answer to a schema-valid request that breaks a rule
            # only the service knows (a blank name, an unknown official); a 422 from the API's
            # own schemas is caught by ``the_api_schemas_accept_what_the_document_accepts``.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "403", "404", "409", "422", "5xx"]
            },
        },
        "phases": {
            "examples": {"enabled": True},
            # One method that no path documents stands for all (a 405 each, and no change).
            "coverage": {
                "enabled": True,
                "unexpected-methods": ["DELETE"],
                "generate-duplicate-query-parameters": False,
            },
            # The coverage phase sends the invalid requests, field by field; random ones add
            # valid bodies of every shape.
            "fuzzing": {"enabled": True, "generation": {"mode": "positive"}},
        },
        "operations": [
            # A report and a solver run answer in ~0.1 s each: fewer random ones.
            {
                "include-path-regex": "/(report|assignment)$",
                "phases": {"fuzzing": {"generation": {"max-examples": 2}}},
            },
        ],
    }
)

API = "/api/v1"
schema = schemathesis.openapi.from_dict(json.loads(render_openapi()), config=CONFIG)
schema.app = WSGIHandler()

# (the path segment before the parameter, the parameter) → the values of real rows
REAL_ROWS = {
    ("action-items", "item_id"): lambda: ActionItem.objects.values_list("pk", flat=True),
    ("agencies", "code"): lambda: Agency.objects.values_list("code", flat=True),
    ("certificates", "certificate_id"): lambda: Certificate.objects.values_list("pk", flat=True),
    ("conference-rooms", "room_id"): lambda: Room.objects.values_list("pk", flat=True),
    ("conferences", "conference_id"): lambda: Conference.objects.values_list("pk", flat=True),
    ("decisions", "decision_id"): lambda: MeetingDecision.objects.values_list("pk", flat=True),
    ("items", "item_id"): lambda: ProposalItem.objects.values_list("pk", flat=True),
    ("meetings", "meeting_id"): lambda: Meeting.objects.values_list("pk", flat=True),
    ("nomination-items", "item_key"): lambda: [
        str(key) for key in ProposalItem.objects.values_list("key", flat=True)
    ],
    ("nominations", "nomination_id"): lambda: Nomination.objects.values_list("pk", flat=True),
    ("officials", "official_id"): lambda: Official.objects.values_list("pk", flat=True),
    ("programs", "code"): lambda: Program.objects.values_list("code", flat=True),
    ("proposals", "proposal_id"): lambda: Proposal.objects.values_list("pk", flat=True),
    ("registration-quotas", "agency_code"): lambda: Agency.objects.values_list("code", flat=True),
    ("registrations", "registration_id"): lambda: Registration.objects.values_list("pk", flat=True),
    ("sessions", "session_id"): lambda: Session.objects.values_list("pk", flat=True),
    ("speaker-invitations", "invitation_id"): lambda: SpeakerInvitation.objects.values_list(
        "pk", flat=True
    ),
    ("speakers", "speaker_id"): lambda: Speaker.objects.values_list("pk", flat=True),
    ("talks", "talk_id"): lambda: Talk.objects.values_list("pk", flat=True),
    ("verify", "code"): lambda: Certificate.objects.values_list("code", flat=True),
}


def add_what_the_demo_lacks(client: Client) -> None:
    """A meeting decision and an action item, a registration, a speaker invitation, the
    assignment of nominees to sessions and the certificates of the first session: made through
    the API (whose URLs and bodies stay put while its modules move)."""

    def send(method, url, body=None):
        data = "" if body is None else json.dumps(body)
        response = client.generic(method, f"{API}{url}", data, content_type="application/json")
        assert response.status_code in (200, 201), (url, response.content)
        return response.json()

    meeting = Meeting.objects.order_by("pk").first()
    decision = send(
        "POST", f"/meetings/{meeting.pk}/decisions", {"text_es": "Sí", "text_en": "Yes"}
    )
    task = {
        "title_es": "Tarea",
        "title_en": "Task",
        "owner_agency": "CISEN",
        "due_date": "2009-12-01",
        "decision": decision["number"],  # the decision's number in its meeting
    }
    send("POST", f"/meetings/{meeting.pk}/action-items", task)
    conference = Conference.objects.order_by("pk").first()
    send("PUT", f"/conferences/{conference.pk}/registration-quotas/CISEN", {"seats": 5})
    official = Official.objects.filter(agency__code="CISEN").order_by("pk").first()
    send("POST", f"/conferences/{conference.pk}/registrations", {"official": official.pk})
    send("POST", f"/speakers/{Speaker.objects.order_by('pk').first().pk}/invitations", {})
    send("POST", f"/programs/{meeting.program.code}/assignment", {"dry_run": False})
    session = Session.objects.order_by("start", "pk").first()
    for day in send("GET", f"/sessions/{session.pk}")["days"]:
        send("POST", f"/sessions/{session.pk}/attendance/all-present", {"day": day})
    send("POST", f"/sessions/{session.pk}/certificates/issue")


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The 2009 program with the demo data, what it lacks (above) and a coordinator's token,
    made once for the module in a transaction that is rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_program_document(builtin_document())
        load_demo_document(builtin_document(BUILTIN_DEMO))
        _token, raw = issue_token(user=User.objects.get(username="coordinador"), name="tests")
        add_what_the_demo_lacks(Client(headers={"Authorization": f"Bearer {raw}"}))
        real_rows = {key: sorted(values()) for key, values in REAL_ROWS.items()}
        assert all(real_rows.values()), [key for key, rows in real_rows.items() if not rows]
        yield {"token": raw, "real_rows": real_rows}
        transaction.set_rollback(True)


SCHEMA_REJECTED = "X-Test-Rejected-By-Schema"


@pytest.fixture
def server_errors(demo_data, db):
    """The Django app answers in this process, on the test's connection. As Django's test
    client does, the request signals must not close the connection that holds the test
    transaction. The API's answers to input its schemas reject are marked (for the check
    below). The exceptions behind 500s are collected in the list this fixture gives, and
    their tracebacks printed (pytest shows them with the failure)."""
    errors = []

    def marking_schema_errors(request, exc):
        response = schema_error_handler(request, exc)
        response[SCHEMA_REJECTED] = "1"
        return response

    def print_traceback(sender, request, **kwargs):
        errors.append(sys.exc_info()[1])
        print(f"{request.method} {request.get_full_path()}:\n{traceback.format_exc()}")

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    got_request_exception.connect(print_traceback)
    api.add_exception_handler(SchemaValidationError, marking_schema_errors)
    try:
        yield errors
    finally:
        api.add_exception_handler(SchemaValidationError, schema_error_handler)
        got_request_exception.disconnect(print_traceback)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def the_api_schemas_accept_what_the_document_accepts(ctx, response, case):
    """A request valid by the document must get past the API's own schemas: a 422 from them
    means the document describes another shape than the code (e.g. a clashing schema name)."""
    mode = case.meta.generation.mode if case.meta is not None else None
    if mode == schemathesis.GenerationMode.POSITIVE and SCHEMA_REJECTED.lower() in response.headers:
        raise AssertionError(
            "A request that the OpenAPI document allows was refused by the API's schemas: "
            + response.text
        )


# Known mismatches -------------------------------------------------------------------------
#
# Each is fixed in a module that this test does not own; delete its entry with the fix, and the
# test then proves the fix. An entry: (operation, failure kinds, does this failure of this case,
# with these exceptions behind its 500s, belong to the mismatch).

CRASH = (ServerError, UndefinedStatusCode)


KNOWN_MISMATCHES: list[tuple] = []


def _negated_value(case, data):
    """The value that a coverage case put in the one field it negated, or None."""
    location = data.parameter_location
    if location is not None and location.value == "body":
        # location: the JSON pointer of the negated keyword, e.g. /properties/dry_run/type
        parts = (data.location or "").strip("/").split("/")
        value = case.body
        while parts[:1] == ["properties"] and len(parts) > 2 and isinstance(value, dict):
            value, parts = value.get(parts[1]), parts[2:]
        return value if parts == ["type"] and value is not case.body else None
    if location is not None and location.value == "query" and isinstance(case.query, dict):
        return case.query.get(data.parameter)
    return None


def _lax_scalar_accepted(case, failure, errors) -> bool:
    """Any operation: a coverage case that put a scalar of another JSON type in one field (0
    for a boolean, a number for a date) and was accepted. pydantic's lax mode, ninja's
    default, converts those (0 → false, 1262304000 → 2010-01-01); the API keeps it, so they
    are not counted as mismatches."""
    meta = case.meta
    if meta is None or meta.phase.name != TestPhase.COVERAGE:
        return False
    data = meta.phase.data
    if data.scenario != CoverageScenario.INCORRECT_TYPE:
        return False
    return isinstance(_negated_value(case, data), bool | int | float | str)


KNOWN_EVERYWHERE = [((AcceptedNegativeData,), _lax_scalar_accepted)]


def is_known(case, failure, errors) -> bool:
    label = case.operation.label
    here = [(kinds, rule) for operation, kinds, rule in KNOWN_MISMATCHES if operation == label]
    return any(
        isinstance(failure, kinds) and rule(case, failure, errors)
        for kinds, rule in [*KNOWN_EVERYWHERE, *here]
    )


def _pick(value, choices):
    """A real row's value for the generated ``value`` of the same type, three times in four."""
    if not choices or type(value) is not type(choices[0]):
        return value
    if isinstance(value, int):
        if 0 <= value < 2**31 and value % 4 != 3:
            return choices[value % len(choices)]
        return value
    digest = zlib.crc32(value.encode("utf-8", "surrogatepass"))
    return choices[digest % len(choices)] if digest % 4 != 3 else value


def point_at_real_rows(case, real_rows):
    """Replace most generated ids and codes in the path by those of real rows (a function of
    the generated value, so deterministic); one in four stays as generated (mostly a 404)."""
    if not case.path_parameters:
        return
    segments = case.operation.path.split("/")
    for name, value in list(case.path_parameters.items()):
        before = segments[segments.index("{" + name + "}") - 1]
        choices = real_rows.get((before, name))
        if choices is not None:
            case.path_parameters[name] = _pick(value, choices)


@pytest.fixture(scope="module")
def auth_enforced():
    """The operations whose answer without (or with wrong) credentials was seen to be a 401:
    ``ignored_auth`` re-sends every 2xx request three times; once per operation is enough."""
    return set()


@schema.parametrize()
def test_endpoint_conforms_to_its_documentation(case, server_errors, demo_data, auth_enforced):
    point_at_real_rows(case, demo_data["real_rows"])
    server_errors.clear()
    label = case.operation.label
    try:
        with transaction.atomic():
            try:
                response = case.call_and_validate(
                    headers={"Authorization": f"Bearer {demo_data['token']}"},
                    additional_checks=[the_api_schemas_accept_what_the_document_accepts],
                    excluded_checks=[ignored_auth] if label in auth_enforced else [],
                )
            finally:
                transaction.set_rollback(True)
    except FailureGroup as group:
        if not all(is_known(case, failure, server_errors) for failure in group.exceptions):
            raise
    else:
        if 200 <= response.status_code < 300:
            auth_enforced.add(label)
