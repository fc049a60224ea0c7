"""The lists' subcommands, through their handlers: ``import-list`` (as the system or as a
user, the snapshot and its delta printed), ``lists`` (a table) and ``load-controls``."""

import argparse
import io

import pytest
from django.core.management.base import CommandError

from nonprolif.core.models import AuditEntry, Outcome
from nonprolif.screening.lists import cli
from nonprolif.screening.models import ControlListEntry, ListSnapshot, Watchlist
from tests.screening.lists.conftest import FIXTURES, controls, generic

pytestmark = pytest.mark.django_db


def run(*argv: str) -> str:
    parser = argparse.ArgumentParser(prog="screening")
    cli.register(parser.add_subparsers(dest="subcommand", required=True))
    options = vars(parser.parse_args(argv))
    stdout, stderr = io.StringIO(), io.StringIO()
    assert options["handler"](options, stdout, stderr) == 0
    return stdout.getvalue()


def test_import_list_as_the_system_prints_the_snapshot_and_its_delta(db):
    out = run("import-list", "--source", "un", str(FIXTURES / "lists/un.xml"))
    snapshot = ListSnapshot.objects.get()
    assert out.startswith(f"un: snapshot 1, {snapshot.entry_count} entries")
    assert f"({snapshot.entry_count} added, 0 changed, 0 removed)" in out
    assert snapshot.imported_by is None
    out = run("import-list", "--source", "un", str(FIXTURES / "lists/un-2.xml"))
    assert "snapshot 2" in out
    assert "(1 added, 2 changed, 1 removed)" in out


def test_import_list_as_a_user_into_a_named_list(coordinator, tmp_path):
    path = tmp_path / "national.csv"
    path.write_bytes(generic("A,person,Ana Uno,,,,,,"))
    out = run("import-list", "--source", "csv", str(path), "--list", "mx", "--as", "coordinator")
    assert out.startswith("mx: snapshot 1, 1 entries")
    assert ListSnapshot.objects.get().imported_by == coordinator


def test_import_list_refusals_are_command_errors(analyst, tmp_path):
    path = tmp_path / "national.csv"
    path.write_bytes(generic("A,person,Ana Uno,,,,,,"))
    with pytest.raises(CommandError, match=r"^as: "):
        run("import-list", "--source", "csv", str(path), "--as", "analyst_a")
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).count() == 1
    with pytest.raises(CommandError, match=r"^as: there is no active user"):
        run("import-list", "--source", "csv", str(path), "--as", "nobody")
    with pytest.raises(CommandError, match=r"^file: "):
        run("import-list", "--source", "csv", str(tmp_path / "missing.csv"))
    path.write_bytes(b"id,kind\nA,person\n")
    with pytest.raises(CommandError, match=r"^file: "):
        run("import-list", "--source", "csv", str(path))
    assert not Watchlist.objects.exists()


def test_lists_prints_a_table(db):
    assert run("lists").splitlines() == ["code  source  snapshot  published  entries  threshold"]
    run("import-list", "--source", "csv", str(FIXTURES / "lists/generic.csv"))
    _header, row = run("lists").splitlines()
    snapshot = ListSnapshot.objects.get()
    assert row.split() == [
        "csv",
        "csv",
        "1",
        str(snapshot.published_on or "-"),
        str(snapshot.entry_count),
        "0.85",
    ]


def test_load_controls(tmp_path, coordinator):
    path = tmp_path / "ag.csv"
    path.write_bytes(
        controls("AG,1C350.1,Thiodiglycol,Tiodiglicol,111-48-8,293090,,thiodiglycol,tiodiglicol")
    )
    assert run("load-controls", str(path), "--as", "coordinator") == (
        "1 control-list entries: 1 created, 0 updated, 0 unchanged\n"
    )
    assert ControlListEntry.objects.get().code == "1C350.1"
