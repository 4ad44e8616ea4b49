# Giving Up the Bomb. For students: `make lab` opens the course, `make test` runs every test.
# Both set up .venv on first use from the locked versions (tools/start.py does the work, and runs on its own
# where there is no make: `python -m tools.start`).

PYTHON ?= python3
BIN := .venv/bin
TEST_ARGS ?=

.PHONY: help lab setup test sync exercises execute site slides lock clean

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv on first use)"
	@echo "make test       run every test (sets up .venv with the test tools on first use)"
	@echo "make sync       regenerate what lessons.toml and the solution masters generate (course map, navigation...)"
	@echo "make exercises  make sync, then regenerate exercises/ from solutions/"
	@echo "make execute    re-execute every notebook on a fresh kernel (after a data or helper change)"
	@echo "make site       the whole course as an offline HTML site in site/ (lessons, solutions, guide, glossary, slides)"
	@echo "make slides     reveal.js slides of every lesson in site/slides/ (fetches reveal.js once with npm)"
	@echo "make lock       re-resolve the locked versions (requirements*.txt) from pyproject.toml"

lab:
	$(PYTHON) -m tools.start

setup:
	$(PYTHON) -m tools.start --test

test: setup
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/python -m pytest -n 2 --dist loadscope $(TEST_ARGS) \
		tests --nbval notebooks solutions exercises

sync: setup
	$(BIN)/python -m tools.sync

exercises: setup
	$(BIN)/python -m tools.make_exercises

execute: setup
	$(BIN)/python -m tools.execute

site: setup
	$(BIN)/python -m tools.site

slides: setup
	$(BIN)/python -m tools.slides

# uv resolves one lock for every platform and Python >= 3.11 (markers choose per machine); it runs from a throwaway venv.
UV := .lock-venv/bin/uv
LOCK_FLAGS := --universal --python-version 3.11 --annotation-style line --custom-compile-command "make lock"
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/python -m pip install --quiet uv==0.13.8
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.txt
	$(UV) pip compile pyproject.toml --extra test -c requirements.txt $(LOCK_FLAGS) -o requirements-test.txt
	rm -rf .lock-venv

clean:
	rm -rf .venv .lock-venv
