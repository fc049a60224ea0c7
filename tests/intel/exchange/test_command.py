"""``nonprolif intel export`` and ``nonprolif intel import``."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.intel.models import IntelReport

from .conftest import foreign, validation_errors

pytestmark = pytest.mark.django_db


def test_export_a_report_then_import_it(tmp_path, analyst_a, analyst_b, full_report, capsys):
    path = tmp_path / "bundle.json"
    call_command(
        "intel",
        "export",
        "--report",
        str(full_report.pk),
        "--output",
        str(path),
        "--as",
        "analyst_a",
    )
    assert validation_errors(path.read_text()) == []
    assert AuditEntry.objects.filter(action="intel.stix.export", actor=analyst_a).exists()
    # A's report stays A's: B cannot take it as his own.
    analyst_b.language = "en"
    analyst_b.save(update_fields=["language"])
    with pytest.raises(CommandError, match="it was written by AAA: it stays theirs"):
        call_command("intel", "import", str(path), "--as", "analyst_b")
    assert not IntelReport.objects.filter(originator=analyst_b.agency).exists()
    # The same bundle as a partner's deployment sends it is taken.
    path.write_text(json.dumps(foreign(path.read_text())))
    call_command("intel", "import", str(path), "--as", "analyst_b")
    report = IntelReport.objects.get(originator=analyst_b.agency)
    assert report.reference in capsys.readouterr().out


def test_export_a_search(tmp_path, analyst_b, full_report):
    path = tmp_path / "search.json"
    call_command(
        "intel", "export", "--query", "supplier", "--output", str(path), "--as", "analyst_b"
    )
    names = [o["name"] for o in json.loads(path.read_text())["objects"] if o["type"] == "report"]
    assert names == ["Precursor order reported by a supplier"]


def test_export_of_a_report_the_user_may_not_read_fails_like_a_missing_one(
    tmp_path, analyst_b_low, full_report
):
    path = tmp_path / "x.json"
    with pytest.raises(CommandError) as hidden:
        call_command(
            "intel",
            "export",
            "--report",
            str(full_report.pk),
            "--output",
            str(path),
            "--as",
            "analyst_b_low",
        )
    with pytest.raises(CommandError) as missing:
        call_command(
            "intel", "export", "--report", "999999", "--output", str(path), "--as", "analyst_b_low"
        )
    assert str(hidden.value).replace(str(full_report.pk), "N") == str(missing.value).replace(
        "999999", "N"
    )
    assert not path.exists()


def test_a_refused_export_is_audited_as_denied_naming_the_id(tmp_path, analyst_b_low, full_report):
    """Like the page's and the API's 404: a report the user may not read, or none at all."""
    for report_id in (full_report.pk, 999999):
        before = AuditEntry.objects.count()
        with pytest.raises(CommandError):
            call_command(
                "intel",
                "export",
                "--report",
                str(report_id),
                "--output",
                str(tmp_path / "x.json"),
                "--as",
                "analyst_b_low",
            )
        assert AuditEntry.objects.count() == before + 1
        entry = AuditEntry.objects.latest("seq")
        assert (entry.action, entry.actor, entry.outcome) == (
            "intel.stix.export",
            analyst_b_low,
            Outcome.DENIED,
        )
        assert (entry.object_type, entry.object_id, entry.object_ids) == (
            "intel.intelreport",
            str(report_id),
            [report_id],
        )
    assert not (tmp_path / "x.json").exists()


def test_import_of_a_bad_file_names_the_problem_and_writes_nothing(tmp_path, analyst_b):
    path = tmp_path / "bad.json"
    path.write_text("{nope")
    with pytest.raises(CommandError) as error:
        call_command("intel", "import", str(path), "--as", "analyst_b")
    assert str(error.value).startswith("bundle: ")
    assert IntelReport.objects.count() == 0


def test_an_unknown_user_is_named(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("intel", "import", str(tmp_path / "x.json"), "--as", "nobody")
    assert "as:" in str(error.value)
