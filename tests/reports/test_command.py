import pytest
from django.core.management import call_command


def test_report_command_writes_the_file(coordinator, program, report_data, tmp_path):
    for fmt in ("pdf", "md", "html", "json"):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "report",
            "--program",
            "prog-test",
            "--lang",
            "es",
            "--format",
            fmt,
            "--output",
            str(target),
            "--as-of",
            "2009-11-01",
            "--as",
            "coordinator",
        )
        assert target.stat().st_size > 0
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Resumen." in (tmp_path / "report.md").read_text()


def test_report_command_refuses_a_liaison(liaison_a, program, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="may not"):
        call_command(
            "report",
            "--program",
            "prog-test",
            "--lang",
            "en",
            "--format",
            "md",
            "--output",
            str(tmp_path / "x.md"),
            "--as",
            "liaison_a",
        )
    assert not (tmp_path / "x.md").exists()
