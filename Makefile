# Giving Up the Bomb. For students: `make lab` opens the course, `make test` runs every test.
# Both set up .venv on first use from the locked versions (tools/start.py does the work, and runs on its own
# where there is no make: `python -m tools.start`).

PYTHON ?= python3
BIN := .venv/bin
TEST_ARGS ?=

.PHONY: help lab setup hub-tools test sync exercises execute nbgrader links site slides lock clean

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv on first use)"
	@echo "make test       run every test (sets up .venv with the test tools, and .hub-tools with npm, on first use)"
	@echo "make sync       regenerate what lessons.toml and the solution masters generate (course map, navigation...)"
	@echo "make exercises  make sync, then regenerate exercises/ from solutions/"
	@echo "make execute    re-execute every notebook on a fresh kernel (after a data or helper change)"
	@echo "make nbgrader   write nbgrader's source assignments (nbgrader/source/) from solutions/"
	@echo "make links HUB=https://hub.example.edu REPO=https://github.com/OWNER/REPO   print a JupyterHub link per lesson"
	@echo "make site       the whole course as an offline HTML site in site/ (lessons, solutions, guide, glossary, slides)"
	@echo "make slides     reveal.js slides of every lesson in site/slides/ (fetches reveal.js once with npm)"
	@echo "make lock       re-resolve the locked versions (requirements*.txt) from pyproject.toml"

lab:
	$(PYTHON) -m tools.start

setup:
	$(PYTHON) -m tools.start --test

# The JupyterHub test's proxy, configurable-http-proxy from the npm registry, at the versions in .hub-tools/package-lock.json.
# Without npm the hub test is skipped (in CI, where .ci/run sets REQUIRE_HUB, that is a failure).
HUB_PROXY := .hub-tools/node_modules/.bin/configurable-http-proxy
hub-tools: $(HUB_PROXY)
$(HUB_PROXY): .hub-tools/package.json .hub-tools/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix .hub-tools --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: tests/test_hub.py will be skipped (install Node.js and npm, e.g. Debian's nodejs and npm)"; fi

test: setup hub-tools
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/python -m pytest -n 2 --dist loadscope $(TEST_ARGS) \
		tests --nbval notebooks solutions exercises

sync: setup
	$(BIN)/python -m tools.sync

exercises: setup
	$(BIN)/python -m tools.make_exercises

execute: setup
	$(BIN)/python -m tools.execute

# nbgrader's source assignments, nbgrader/source/NN_stem/NN_stem.ipynb, written like exercises/ from solutions/.
# Then run nbgrader from this folder with .venv active (docs/instructor_guide.md, "Grading with nbgrader").
nbgrader: setup
	$(BIN)/python -m tools.make_exercises --nbgrader

# One nbgitpuller link per ready lesson for a JupyterHub (BRANCH defaults to main): README, "A university JupyterHub".
HUB ?=
REPO ?=
BRANCH ?= main
links:
	@$(PYTHON) -m tools.start --setup
	@$(BIN)/python -m tools.links --hub "$(HUB)" --repo "$(REPO)" --branch "$(BRANCH)"

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
