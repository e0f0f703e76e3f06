# The two commands: `make build` and `make test`. Everything else is optional.
SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SITE_DIR ?= site

# Material for MkDocs announces its end of life on every run; we know (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: build bytecode pdf test test-packages serve check lint schema lock bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# pip compiles what it installs, but not an editable project: our own modules are compiled
# here, again after every edit. With PYTHONDONTWRITEBYTECODE set (as on CI) Python would
# otherwise compile each edited module anew in every process it starts. 0.06 s when nothing changed.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q leitfaden hooks scripts

# axe-core and Lighthouse for the browser tests, exactly as package-lock.json pins them.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## build: the website in site/ (strict), with the print brochure site/projektleitfaden.pdf;
## built beside site/ and swapped in only when complete, so a failed build leaves site/ as it was
build: bytecode
	$(BIN)/python -m leitfaden build $(SITE_DIR)

## pdf: only the print brochure (`make serve` never renders it, to stay fast on every edit)
pdf: bytecode
	$(BIN)/python -m leitfaden brochure $(SITE_DIR)/projektleitfaden.pdf

## test-packages: the Debian packages the tests drive; installs what is missing (as root), else says how
test-packages:
	scripts/test-packages.sh

# Parallel test processes (pytest-xdist). Most of a browser test is waiting for the page,
# so more processes than the 2 cores of the CI machine still pay.
TEST_PROCESSES ?= 3

## test: Debian packages, lint, then all tests in parallel (they build the site into a temp dir once)
test: test-packages lint bytecode $(NODE_STAMP)
	$(BIN)/python -m pytest --numprocesses $(TEST_PROCESSES) --dist worksteal --verbose

## serve: live preview on http://127.0.0.1:8000/, rebuilt on every edit of content/
serve: bytecode
	$(BIN)/mkdocs serve

## check: validate content/questions.yaml and the committed generated files
check: bytecode
	$(BIN)/python -m leitfaden check

## lint: ruff (lint + format) and mypy --strict over the code
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## schema: regenerate content/questions.schema.json from leitfaden/model.py
schema: $(STAMP)
	$(BIN)/python -m leitfaden schema

## lock: re-pin every dependency (with hashes) from requirements.in
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

## bench: median build time of this site against plain Material with the same pages (target ≤ 1.2),
## the live preview from saving content/questions.yaml to the browser showing it (target ≤ 1 s),
## the build time per chapter at 10 and at 100 chapters (target: no more at 100 than at 10),
## then Lighthouse's four scores (performance: the median of 5 runs) and the first-load bytes
## of every page (targets 100 and ≤ 100 KiB),
## and the time to write both brochure editions (target ≤ 3 s)
bench: bytecode $(NODE_STAMP) test-packages
	status=0; $(BIN)/python scripts/bench.py || status=1; \
	$(BIN)/python -m scripts.bench_serve || status=1; \
	$(BIN)/python -m scripts.bench_scale || status=1; \
	$(BIN)/python -m scripts.bench_pages || status=1; \
	$(BIN)/python -m scripts.bench_brochure || status=1; exit $$status

clean:
	rm -rf $(SITE_DIR) $(VENV) node_modules
