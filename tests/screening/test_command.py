"""``nonprolif screening …``: each feature's actions reached through the one command."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nonprolif.cli import main
from nonprolif.screening.models import ListSnapshot

FIXTURES = Path(__file__).resolve().parents[2] / "src" / "nonprolif" / "screening" / "fixtures"

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("screening", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_list_then_lists_then_screen_a_file(tmp_path):
    out = run("import-list", "--source", "un", str(FIXTURES / "lists" / "un.xml"))
    assert "un: snapshot 1, 20 entries (20 added, 0 changed, 0 removed)" in out
    assert ListSnapshot.objects.get().entry_count == 20
    listed = run("lists").splitlines()
    assert listed[0].split() == ["code", "source", "snapshot", "published", "entries", "threshold"]
    assert listed[1].split() == ["un", "un", "1", "2009-09-01", "20", "0.85"]
    results = tmp_path / "results.csv"
    run("screen", str(FIXTURES / "demo" / "customs-2009.csv"), "--output", str(results))
    rows = list(csv.DictReader(results.open(encoding="utf-8-sig")))
    assert {(r["name"], r["entry_reference"]) for r in rows} == {
        ("Park Chol Su", "KPi.901"),
        ("Ali Akbar Tabatabai", "IRi.903"),
    }


def test_a_malformed_list_is_refused_naming_where_and_imports_nothing(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^file: .*line 1, column 32"):
        run("import-list", "--source", "un", str(bad))
    assert not ListSnapshot.objects.exists()


def test_the_nonprolif_command_names_the_screening_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "screening" in capsys.readouterr().out
