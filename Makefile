# Giving Up the Bomb — two commands for students: `make lab` and `make test`.
# Both create .venv from the pinned versions in requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; containers and CI run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
TEST_ARGS ?=

.PHONY: lab test sync exercises execute clean help

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv on first use)"
	@echo "make test       run every test"
	@echo "make sync       regenerate what lessons.toml and the solution masters generate (course map, navigation...)"
	@echo "make exercises  make sync, then regenerate exercises/ from solutions/"
	@echo "make execute    re-execute every notebook on a fresh kernel (after a data or helper change)"

$(STAMP): requirements.txt pyproject.toml jupyter/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (pandas 3 requires it); run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	$(BIN)/python tools/install_settings.py
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: $(STAMP)
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/python -m pytest -n 2 --dist loadscope $(TEST_ARGS) \
		tests --nbval notebooks solutions exercises

sync: $(STAMP)
	$(BIN)/python -m tools.sync

exercises: $(STAMP)
	$(BIN)/python -m tools.make_exercises

execute: $(STAMP)
	$(BIN)/python -m tools.execute

clean:
	rm -rf $(VENV) .jupyter-test
