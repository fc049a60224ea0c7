# nonprolif: two commands on a fresh clone.
#   make demo   the product on embedded SQLite with the built-in 2009 program and demo data
#   make test   the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint lock messages openapi clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "nonprolif needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# nonprolif demo sets the demo clock (NONPROLIF_TODAY) to the demo document's date, 19 October
# 2009: inside the 2009 program, before its first cohort. NONPROLIF_TODAY= make demo: today.
demo: $(STAMP)
	$(BIN)/nonprolif demo

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# Regenerate the lock file from pyproject.toml (exact versions of everything installed).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --exclude-editable --exclude nonprolif | sort -f > requirements.lock
	rm -rf .lock-venv

# Refresh the es-MX and en message catalogues (then translate what is new).
messages: $(STAMP)
	$(BIN)/python scripts/messages.py

# Regenerate the committed OpenAPI document after an API change.
openapi: $(STAMP)
	$(BIN)/nonprolif manage export_openapi --output src/nonprolif/api/openapi.json

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .hypothesis

# The home page of each demo role as docs/screenshots/<role>.png (Chromium at /usr/bin/chromium).
.PHONY: screenshots
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py
