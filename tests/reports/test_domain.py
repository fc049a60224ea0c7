import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nonprolif.core.models import AuditEntry
from nonprolif.reports.domain import REPORT_ACTION, issue_cable


def test_each_report_issued_gets_the_next_reference(coordinator, program, report_data):
    first = issue_cable(actor=coordinator, program=program, language="en")
    second = issue_cable(actor=coordinator, program=program, language="es")
    year = first.generated_at.year
    assert first.header.reference == f"PROG-TEST-{year}-0001"
    assert second.header.reference == f"PROG-TEST-{year}-0002"
    assert AuditEntry.objects.filter(action="program.report").count() == 2


def test_the_audit_entry_names_the_reference_and_the_options(auditor, program):
    cable = issue_cable(
        actor=auditor,
        program=program,
        language="es",
        as_of=datetime.date(2009, 11, 1),
        marking="confidential",
    )
    entry = AuditEntry.objects.get(action=REPORT_ACTION)
    assert (entry.actor, entry.object_id) == (auditor, str(program.pk))
    assert entry.changes == {
        "reference": [None, cable.header.reference],
        "language": [None, "es"],
        "as_of": [None, "2009-11-01"],
        "marking": [None, "confidential"],
    }


@pytest.mark.parametrize("who", ["liaison_a", "partner", "outsider"])
def test_only_who_sees_the_whole_program_issues_reports(request, program, who):
    with pytest.raises(PermissionDenied):
        issue_cable(actor=request.getfixturevalue(who), program=program, language="en")
    assert not AuditEntry.objects.filter(action=REPORT_ACTION).exists()


@pytest.mark.parametrize(
    ("options", "field"), [({"language": "fr"}, "lang"), ({"marking": "x"}, "marking")]
)
def test_bad_options_write_nothing(coordinator, program, options, field):
    with pytest.raises(ValidationError) as error:
        issue_cable(actor=coordinator, program=program, **{"language": "en", **options})
    assert field in error.value.message_dict
    assert not AuditEntry.objects.filter(action=REPORT_ACTION).exists()
