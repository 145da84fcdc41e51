# Two commands on a fresh machine with Python 3.11+ and make:
#   make course   -- create the environment if needed and open the course in JupyterLab
#   make test     -- create the environment if needed and run every test
PYTHON ?= python3
# The static checks (make lint: ruff check + ruff format --check; make types: mypy --strict)
# run inside `make test` (STATIC=0 skips them, for a quick local run only: CI keeps them on).
STATIC ?= 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: course test static lint types contract fix exercises bench bench-hub hub clean-env slides handouts reset-workshop

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kamcourse needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m kamcourse.trainer.cleanroom settings
	@touch $(STAMP)

# JupyterLab refuses to run as root unless told; only pass the flag when we are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

course: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# Every notebook of notebooks/, solutions/, exercises/ and trainer/ is executed once per distinct
# input (tests/test_notebook_runs.py); the tests that read a run's results share that execution
# (tests/notebook_runs.py). The import contract and the string catalogue test always run.
test: $(STAMP) $(if $(filter 1,$(STATIC)),static)
	$(BIN)/python -m pytest tests -p no:cacheprovider

# ruff (lint and format check) and mypy --strict, on their own: `make static` (any STATIC value).
static: lint types

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy --strict kamcourse

# The core (kamcourse/<topic>.py and kamcourse/<topic>/) never imports widgets, plots, ipywidgets,
# matplotlib or IPython; every t("key") exists in the English catalogue and every key is used.
contract: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_import_contract.py tests/test_strings.py

# What ruff can repair by itself: import order, old syntax, formatting. Review the diff.
fix: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

exercises: $(STAMP)
	$(BIN)/python -m kamcourse.build

# Set the slide metadata of every lesson from its headings (kamcourse/trainer/slides.py).
slides: $(STAMP)
	$(BIN)/python -m kamcourse.trainer.slides

# Printables for a workshop, into handouts/ (git-ignored): every lesson run and printed as HTML
# and PDF (with Chromium), and the blank worksheets (XLSX, DOCX, PDF). One line per file.
handouts: $(STAMP)
	$(BIN)/python -m kamcourse.trainer.handouts

# Between two workshops: archive every workbook (work/, and EXCHANGE=folder if given) into
# archive/workshop-<time>.zip, check it, then remove them. Shows the plan unless CONFIRM=yes.
reset-workshop: $(STAMP)
	$(BIN)/python -m kamcourse.trainer.cleanroom reset $(if $(EXCHANGE),--exchange "$(EXCHANGE)") $(if $(filter yes,$(CONFIRM)),--yes)

# A workshop hub on loopback (root): a trainer and three trainees with their own passwords, the
# course pulled by nbgitpuller; Ctrl-C stops it and removes the test accounts (deploy/README.md).
hub:
	/usr/bin/python3 deploy/local_hub.py

# The quick benchmarks (a few minutes together): every bench/bench_*.py but the hub load
# benchmark, which has its own target.
BENCH_QUICK := $(filter-out bench/bench_hub_load.py,$(sort $(wildcard bench/bench_*.py)))
bench: $(STAMP)
	@for b in $(BENCH_QUICK); do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The workshop hub under load (bench/README.md): about 10 minutes, needs root, creates and then
# removes local test accounts.
bench-hub: $(STAMP)
	$(BIN)/python bench/bench_hub_load.py

clean-env:
	rm -rf $(VENV)
