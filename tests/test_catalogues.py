"""The es-MX and en catalogues are complete, current and compiled."""

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "nonprolif"
LOCALES = ["es_MX", "en"]


def parse_po(path: Path) -> dict[tuple[str | None, str], str]:
    """{(context, msgid): msgstr} of a .po file; plural forms keyed by msgid, first msgstr."""
    entries: dict[tuple[str | None, str], str] = {}
    current: dict[str, str] = {}
    key = None
    fuzzy = False

    def flush():
        nonlocal current, fuzzy
        if current.get("msgid"):
            if fuzzy:
                raise AssertionError(f"{path}: fuzzy entry {current['msgid']!r}")
            msgstr = current.get("msgstr", current.get("msgstr[0]", ""))
            entries[(current.get("msgctxt"), current["msgid"])] = msgstr
        current, fuzzy = {}, False

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            if not line and current:
                flush()
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        current[key] = ast.literal_eval(value)
    flush()
    return entries


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale):
    entries = parse_po(PACKAGE / "locale" / locale / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    missing = [msgid for (_, msgid), msgstr in entries.items() if not msgstr]
    assert not missing, f"untranslated in {locale}: {missing[:20]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_source(locale):
    directory = PACKAGE / "locale" / locale / "LC_MESSAGES"
    entries = parse_po(directory / "django.po")
    with open(directory / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for (context, msgid), msgstr in entries.items():
        got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert got == msgstr, f"{locale}: django.mo is stale for {msgid!r}: run `make messages`"


def test_spanish_catalogue_translates_into_spanish():
    entries = parse_po(PACKAGE / "locale" / "es_MX" / "LC_MESSAGES" / "django.po")
    assert entries[(None, "Sign in")] == "Iniciar sesión"
    same = [msgid for (_, msgid), msgstr in entries.items() if msgstr == msgid and " " in msgid]
    assert len(same) < len(entries) // 20, f"left in English: {same[:20]}"


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """makemessages over the code finds no string that the committed catalogues lack."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI requires GNU gettext (xgettext)")
        pytest.skip("GNU gettext (xgettext) is not installed")
    work = tmp_path / "nonprolif"
    shutil.copytree(PACKAGE, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "es_MX",
            "--ignore",
            "migrations/*",
            "--no-location",
            "--no-wrap",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "nonprolif.settings"},
    )
    fresh = parse_po_keys(work / "locale" / "es_MX" / "LC_MESSAGES" / "django.po")
    committed = set(parse_po(PACKAGE / "locale" / "es_MX" / "LC_MESSAGES" / "django.po"))
    assert fresh <= committed, f"not in the catalogue: {sorted(fresh - committed)[:20]}"


def parse_po_keys(path: Path) -> set[tuple[str | None, str]]:
    """Keys of a .po file that may hold untranslated or fuzzy entries."""
    text = path.read_text(encoding="utf-8").replace("#, fuzzy", "#")
    clean = path.with_suffix(".keys.po")
    clean.write_text(text, encoding="utf-8")
    return set(parse_po(clean))
