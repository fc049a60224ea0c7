"""The ``nonprolif`` command line, run in-process through ``nonprolif.cli.main``."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from nonprolif import cli
from nonprolif.cli import main
from nonprolif.core.models import Agency, AuditEntry, User
from nonprolif.core.roles import Role
from nonprolif.program.models import Program

SUBCOMMANDS = (
    "demo",
    "serve",
    "seed",
    "createuser",
    "review",
    "calendar",
    "assign",
    "report",
    "worker",
    "account",
    "audit",
    "unlock",
    "otp_reset",
    "manage",
)


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in SUBCOMMANDS:
        assert re.search(rf"^ {{4}}{command}\b", out, re.MULTILINE), command


@pytest.mark.parametrize(
    "command",
    [
        "demo",
        "serve",
        "seed",
        "createuser",
        "review",
        "calendar",
        "assign",
        "report",
        "worker",
        "unlock",
        "otp_reset",
        "account",
    ],
)
def test_each_subcommand_explains_its_options(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: nonprolif {command}" in capsys.readouterr().out


def test_without_a_subcommand_it_fails_with_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert "usage: nonprolif" in capsys.readouterr().err


def test_the_installed_console_script_prints_help():
    script = Path(sys.executable).parent / "nonprolif"
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    done = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    for command in SUBCOMMANDS:
        assert command in done.stdout


def test_manage_passes_through_to_django(capsys):
    assert main(["manage", "check"]) == 0
    assert "System check identified no issues" in capsys.readouterr().out


def test_manage_passes_help_through_to_django(capsys):
    main(["manage", "help", "seed"])
    assert "--demo" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_loads_the_2009_program_and_a_second_run_changes_nothing(capsys):
    assert main(["seed"]) == 0
    assert Program.objects.filter(code="mx-2009").exists()
    assert Agency.objects.count() == 10
    entries = AuditEntry.objects.count()
    capsys.readouterr()

    assert main(["seed"]) == 0

    assert "Nothing to change" in capsys.readouterr().out
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_seed_reports_a_bad_document_naming_the_field(tmp_path, capsys):
    document = tmp_path / "bad.json"
    document.write_text('{"format": "nonprolif.program/1", "program": {"code": "x"}}')
    assert main(["seed", "--document", str(document)]) == 1
    assert "program.name_en: this field is required" in capsys.readouterr().err
    assert Program.objects.count() == 0


@pytest.fixture
def stdin(monkeypatch):
    """``stdin(text)`` makes standard input a non-terminal stream holding ``text``."""

    def use(text: str):
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return use


def test_createuser_creates_a_liaison_reading_the_password_from_stdin(agency_a, stdin, capsys):
    stdin("a-long-enough-passphrase\n")
    code = main(["createuser", "ana", "--role", "liaison", "--agency", "AAA", "--password-stdin"])
    assert code == 0, capsys.readouterr().err
    user = User.objects.get(username="ana")
    assert user.has_role(Role.LIAISON)
    assert user.agency == agency_a
    assert user.check_password("a-long-enough-passphrase")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (["--role", "wizard"], "role"),
        (["--role", "liaison"], "agency"),
        (["--role", "liaison", "--agency", "NOPE"], "agency"),
        (["--role", "partner", "--agency", "AAA"], "agency"),
    ],
)
def test_createuser_errors_name_the_field_and_create_nothing(agency_a, capsys, arguments, field):
    assert main(["createuser", "bob", *arguments, "--no-password"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"nonprolif createuser: error: {field}: "), err
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.django_db
def test_createuser_without_a_terminal_or_password_option_fails_naming_password(stdin, capsys):
    stdin("")
    assert main(["createuser", "bob", "--role", "auditor"]) == 1
    assert "error: password: " in capsys.readouterr().err
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.django_db
def test_createuser_rejects_a_weak_password_naming_password(stdin, capsys):
    stdin("12345\n")
    assert main(["createuser", "bob", "--role", "auditor", "--password-stdin"]) == 1
    assert "error: password: " in capsys.readouterr().err
    assert not User.objects.filter(username="bob").exists()


def _fake_worker(monkeypatch) -> list:
    """The demo's task worker, not started: the command lines it would have run."""
    started: list = []

    class Worker:
        def __init__(self, command):
            started.append(command)

        def poll(self):
            return 0

    monkeypatch.setattr(cli.subprocess, "Popen", Worker)
    return started


@pytest.mark.django_db
def test_demo_sets_debug_seeds_prints_the_logins_and_runs_the_server(monkeypatch, capsys):
    from django.core.management.commands import runserver

    served = []
    monkeypatch.setattr(
        runserver.Command, "run", lambda self, **options: served.append((self.addr, self.port))
    )
    started = _fake_worker(monkeypatch)
    monkeypatch.setenv("DEBUG", "placeholder")
    monkeypatch.delenv("DEBUG")  # restored (absent) after the test
    monkeypatch.setenv("NONPROLIF_TODAY", "placeholder")
    monkeypatch.delenv("NONPROLIF_TODAY")

    assert main(["demo", "--port", "8123"]) == 0

    assert os.environ["DEBUG"] == "1"
    assert os.environ["NONPROLIF_TODAY"] == "2009-10-19"  # the demo document's "today"
    assert served == [("127.0.0.1", "8123")]
    assert started == [[sys.executable, "-m", "nonprolif.cli", "worker"]]  # the task worker
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in out
    assert "demo-2009!" in out
    for username in ("coordinador", "enlace-sedena", "enlace-semar", "legat", "auditor", "admin"):
        assert username in out
        assert User.objects.filter(username=username).exists()
    assert "The demo clock shows 2009-10-19" in out


@pytest.mark.django_db
def test_demo_keeps_a_date_or_the_real_clock_given_in_the_environment(monkeypatch, capsys):
    from django.core.management.commands import runserver

    monkeypatch.setattr(runserver.Command, "run", lambda self, **options: None)
    _fake_worker(monkeypatch)
    monkeypatch.setenv("NONPROLIF_TODAY", "")  # empty: the real clock
    assert main(["demo", "--port", "8124"]) == 0
    assert os.environ["NONPROLIF_TODAY"] == ""
    assert "demo clock" not in capsys.readouterr().out
    monkeypatch.setenv("NONPROLIF_TODAY", "2009-11-18")
    assert main(["demo", "--port", "8124"]) == 0
    assert os.environ["NONPROLIF_TODAY"] == "2009-11-18"
    assert "The demo clock shows 2009-11-18" in capsys.readouterr().out


@pytest.mark.django_db
def test_serve_collects_static_files_and_serves_with_waitress(monkeypatch, tmp_path, settings):
    import waitress

    settings.STATIC_ROOT = tmp_path / "static"
    served = []
    monkeypatch.setattr(
        waitress, "serve", lambda app, **options: served.append((callable(app), options))
    )

    assert main(["serve", "--host", "0.0.0.0", "--port", "9000", "--threads", "2"]) == 0  # noqa: S104

    assert served == [(True, {"host": "0.0.0.0", "port": 9000, "threads": 2})]  # noqa: S104
    assert (tmp_path / "static" / "admin").is_dir()
    assert tmp_path / "static" == django_settings.STATIC_ROOT
