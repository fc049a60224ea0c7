"""The parsers are pure Python: importing them loads no Django."""

import subprocess
import sys


def test_the_parsers_import_without_django():
    code = (
        "import sys; import nonprolif.screening.lists.parsers; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
