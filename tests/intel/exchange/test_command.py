"""``nonprolif intel export`` and ``nonprolif intel import``."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nonprolif.cli import main
from nonprolif.core.models import AuditEntry
from nonprolif.intel.models import IntelReport

from .conftest import validation_errors

pytestmark = pytest.mark.django_db


def test_export_a_report_then_import_it(tmp_path, analyst_a, analyst_b, full_report, capsys):
    path = tmp_path / "bundle.json"
    assert (
        main(
            [
                "intel",
                "export",
                "--report",
                str(full_report.pk),
                "--output",
                str(path),
                "--as",
                "analyst_a",
            ]
        )
        == 0
    )
    assert validation_errors(path.read_text()) == []
    assert AuditEntry.objects.filter(action="intel.stix.export", actor=analyst_a).exists()
    assert main(["intel", "import", str(path), "--as", "analyst_b"]) == 0
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
