"""``nonprolif exercise aar``: the report as a PDF file or HTML on standard output, in both
languages; a missing or unreadable exercise is a clear error, not a traceback."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nonprolif.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("exercise", "aar", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_cli_writes_a_pdf(evaluated, tmp_path, lang):
    target = tmp_path / f"aar-{lang}.pdf"
    _out, err = run(
        "--exercise",
        str(evaluated.exercise.pk),
        "--lang",
        lang,
        "--format",
        "pdf",
        "--output",
        str(target),
        "--as",
        evaluated.coordinator.username,
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert evaluated.exercise.code in err
    assert AuditEntry.objects.filter(
        action="exercise.aar.view", actor=evaluated.coordinator
    ).exists()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_cli_prints_the_html(evaluated, lang):
    out, _err = run(
        "--exercise",
        str(evaluated.exercise.pk),
        "--lang",
        lang,
        "--format",
        "html",
        "--as",
        evaluated.director.username,
    )
    assert out.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in out
    assert getattr(evaluated.exercise, f"hotwash_{lang}") in out


def test_the_cli_reads_as_the_lead_agencys_coordinator_by_default(evaluated, tmp_path):
    from nonprolif.core.roles import Role
    from tests.factories import UserFactory

    UserFactory(username="coord-lead", agency=evaluated.agency_a, roles=[Role.COORDINATOR])
    out, _err = run("--exercise", str(evaluated.exercise.pk), "--lang", "en", "--format", "html")
    assert evaluated.exercise.hotwash_en in out


@pytest.mark.parametrize("exercise", ["999999", "abc"])
def test_a_missing_exercise_is_a_clean_error(evaluated, exercise):
    with pytest.raises(CommandError, match="exercise: no exercise"):
        run(
            "--exercise",
            exercise,
            "--lang",
            "es",
            "--format",
            "html",
            "--as",
            evaluated.coordinator.username,
        )
    with pytest.raises(CommandError, match="exercise: no exercise"):
        run("--exercise", exercise, "--lang", "es", "--format", "html")


def test_an_exercise_the_user_may_not_read_is_missing_for_him(evaluated):
    with pytest.raises(CommandError, match="exercise: no exercise"):
        run(
            "--exercise",
            str(evaluated.exercise.pk),
            "--lang",
            "es",
            "--format",
            "html",
            "--as",
            evaluated.outsider.username,
        )


def test_an_unknown_user_is_a_clean_error(evaluated):
    with pytest.raises(CommandError, match="as: no active user"):
        run(
            "--exercise",
            str(evaluated.exercise.pk),
            "--lang",
            "es",
            "--format",
            "html",
            "--as",
            "nobody",
        )


def test_without_a_single_coordinator_the_cli_asks_for_one(evaluated):
    with pytest.raises(CommandError, match="--as USERNAME"):
        run("--exercise", str(evaluated.exercise.pk), "--lang", "es", "--format", "html")
