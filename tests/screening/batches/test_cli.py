"""The offline subcommands ``screen`` and ``goods``, called through their handlers."""

import argparse
import csv
import io

import pytest
from django.core.management.base import CommandError
from django.test import override_settings

from nonprolif.screening.batches import cli
from nonprolif.screening.models import Batch

from .conftest import DEMO, HEADER

pytestmark = pytest.mark.django_db


def parse(*args: str) -> dict:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    return vars(parser.parse_args(args))


def run(*args: str) -> tuple[int, str, str]:
    options = parse(*args)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = options["handler"](options, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "customs.csv"
    path.write_text(DEMO, encoding="utf-8")
    return path


def test_screen_writes_the_matches_in_row_order_and_saves_no_batch(un_list, demo_file, tmp_path):
    out = tmp_path / "results.csv"
    code, stdout, stderr = run("screen", str(demo_file), "--output", str(out))
    assert code == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == cli.SCREEN_HEADERS
    assert [(r[0], r[2], r[3], r[4]) for r in rows[1:]] == [
        ("2", "Ivan Petrovich Sidorov", "un", "KPi.001"),
        ("3", "Korea Tangun Trading Corporation", "un", "KPe.002"),
    ]
    assert rows[1][7].startswith("name +")
    assert "4 parties screened, 2 matches" in stdout
    assert "4/4" in stderr  # the progress bar
    assert not Batch.objects.exists()


@override_settings(SCREENING_CHUNK_SIZE=1)
def test_screen_with_workers_writes_the_same_file(un_list, demo_file, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    run("screen", str(demo_file), "--output", str(one))
    run("screen", str(demo_file), "--output", str(two), "--workers", "2")
    assert one.read_text() == two.read_text()


def test_screen_with_a_low_threshold_finds_the_near_miss(un_list, demo_file, tmp_path):
    out = tmp_path / "results.csv"
    run("screen", str(demo_file), "--output", str(out), "--threshold", "0.2")
    names = [row[2] for row in csv.reader(out.open(encoding="utf-8"))]
    assert "Maria Sidorova" in names


def test_a_bad_file_exits_with_every_row_error(un_list, tmp_path, english):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "09-1,party,buyer,A,,MEX,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("screen", str(bad), "--output", str(tmp_path / "out.csv"))
    assert "row 2, role" in str(raised.value)
    assert "row 2, country" in str(raised.value)
    assert not (tmp_path / "out.csv").exists()


def test_bad_options_and_a_missing_file_are_errors(un_list, demo_file, tmp_path):
    out = str(tmp_path / "out.csv")
    with pytest.raises(CommandError, match="--threshold"):
        run("screen", str(demo_file), "--output", out, "--threshold", "1.5")
    with pytest.raises(CommandError, match="--workers"):
        run("screen", str(demo_file), "--output", out, "--workers", "0")
    with pytest.raises(CommandError, match="file"):
        run("screen", str(tmp_path / "missing.csv"), "--output", out)


def test_goods_prints_the_matches_with_their_reasons(thionyl, demo_file):
    code, stdout, _stderr = run("goods", str(demo_file))
    assert code == 0
    rows = list(csv.reader(io.StringIO(stdout)))
    assert rows[0] == cli.GOODS_HEADERS
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [("5", "AG", "1C350.51")]
    assert "cas +0.950 (declared CAS 7719-09-7" in rows[1][6]


def test_goods_writes_its_file_when_told(thionyl, demo_file, tmp_path):
    out = tmp_path / "goods.csv"
    _code, stdout, _stderr = run("goods", str(demo_file), "--output", str(out))
    assert "2 goods lines screened, 1 matches" in stdout
    assert len(list(csv.reader(out.open(encoding="utf-8")))) == 2
