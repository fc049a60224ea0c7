"""Refresh the message catalogues (es-MX and en) and compile them.

Needs GNU gettext (xgettext, msgmerge, msgfmt) on the developer's machine; the compiled .mo
files are committed so that running the product does not.
"""

import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "nonprolif"
LOCALES = ["es_MX", "en"]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nonprolif.settings")
    manage = [sys.executable, "-m", "django"]
    common = ["--ignore", "migrations/*", "--no-obsolete", "--no-location", "--no-wrap"]
    locales = [arg for locale in LOCALES for arg in ("-l", locale)]
    subprocess.run([*manage, "makemessages", *locales, *common], cwd=PACKAGE, check=True)
    subprocess.run([*manage, "compilemessages", *locales], cwd=PACKAGE, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
