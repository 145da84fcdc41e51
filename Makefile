# Two commands on a fresh machine with Python 3.11+ and make:
#   make course   -- create the environment if needed and open the course in JupyterLab
#   make test     -- create the environment if needed and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: course test exercises bench hub clean-env slides handouts reset-workshop

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

test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks solutions exercises trainer \
		--nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

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

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean-env:
	rm -rf $(VENV)
