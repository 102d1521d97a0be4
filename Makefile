# Two commands for a newcomer: `make run` serves the platform, `make test` runs the suite.
# Both bootstrap .venv from the pinned pyproject.toml first (only when it changed), and the web
# application's node_modules from its package-lock.json (Node.js 20+; only when it changed).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-python test-pg test-web lint fuzz fuzz-short check-python check-node bootstrap web chromium \
	schema lock clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (set PYTHON=...)")'

$(STAMP): pyproject.toml constraints.txt | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c constraints.txt
	@touch $(STAMP)

bootstrap: $(STAMP)

# The web application (frontend/): built into frontend/dist, which `aap serve` serves at /.
NPM ?= npm
WEB := frontend
WEB_STAMP := $(WEB)/node_modules/.installed
WEB_BUILD := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f -not -path '*/dsfr/*' 2>/dev/null) \
	$(wildcard $(WEB)/*.html $(WEB)/*.ts $(WEB)/*.json) graphql_schema/schema.graphql

check-node:
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null \
	  && command -v $(NPM) >/dev/null \
	  || { echo "The web application needs Node.js 20 or later, with npm (https://nodejs.org/ or"; \
	       echo "your distribution's nodejs package, version 20+). The API alone runs without it."; \
	       exit 1; }

$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json | check-node
	cd $(WEB) && $(NPM) ci --no-audit --no-fund
	@touch $@

$(WEB_BUILD): $(WEB_STAMP) $(WEB_SOURCES)
	cd $(WEB) && $(NPM) run build
	@touch $@

web: $(WEB_BUILD)

run: bootstrap
	@$(MAKE) --no-print-directory web \
	  || echo "*** Serving the API only: the web application could not be built (see above). ***"
	$(BIN)/aap dev

# The web checks and the Python suite share no server, file or port: they run side by side
# (each shown once it is done), which halves the wait on a two-core machine.
test: bootstrap
	$(MAKE) --no-print-directory -j2 --output-sync=target test-web test-python

test-python: bootstrap
	$(BIN)/python -m pytest

# Chromium for the end-to-end runs: Debian's package (Playwright downloads no browser here).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the end-to-end tests (about 30 s)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y --no-install-recommends chromium || { \
	    $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }; }

# The web application's checks: generated GraphQL types match the committed schema, component
# tests (vitest), the type-checked production build and its initial JS budget (150 kB gzipped),
# then the end-to-end paths in Chromium against `aap dev` on a fresh demo (frontend/e2e).
test-web: bootstrap $(WEB_STAMP) chromium
	cd $(WEB) && $(NPM) run codegen:check
	cd $(WEB) && $(NPM) test
	$(MAKE) --no-print-directory web
	cd $(WEB) && $(NPM) run size
	cd $(WEB) && AAP_CHROMIUM=$(CHROMIUM) $(NPM) run e2e

# The suite on PostgreSQL and Redis: the code paths production takes where the embedded default
# takes others (README, "Tests on PostgreSQL"). Starts nothing: the servers must answer, else it
# stops at once saying what to start. Point elsewhere with AAP_DATABASE_URL=... AAP_REDIS_URL=...
# (the suite empties that database).
test-pg: export AAP_DATABASE_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
test-pg: export AAP_REDIS_URL ?= redis://127.0.0.1:6379/0
test-pg: bootstrap
	$(BIN)/python -m tests.support.require_services
	$(BIN)/python -m pytest

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy backend graphql_schema workers tests/benchmarks
	$(BIN)/lint-imports
	rm -f var/alembic-check.sqlite3
	AAP_DATABASE_URL=sqlite+aiosqlite:///var/alembic-check.sqlite3 $(BIN)/aap migrate
	AAP_DATABASE_URL=sqlite+aiosqlite:///var/alembic-check.sqlite3 $(BIN)/alembic -c backend/migrations/alembic.ini check

# Fuzzing (tests/fuzz/run_fuzz.py): schemathesis's GraphQL mode against `aap serve` on a fresh
# demo database; fails on any 5xx or "Unexpected error." answer. The short run is CI's, with a
# fixed seed; the long one explores with a new seed each time (printed, to replay it).
fuzz: bootstrap
	$(BIN)/python -m tests.fuzz.run_fuzz --requests 10000

fuzz-short: bootstrap
	$(BIN)/python -m tests.fuzz.run_fuzz --requests 400 --seed 1

schema: bootstrap
	$(BIN)/aap export-schema --output graphql_schema/schema.graphql

lock: bootstrap
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) var/*.sqlite3* $(WEB)/node_modules $(WEB)/dist
