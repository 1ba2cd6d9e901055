# Safer Internet Day platform. `make help` lists the targets.
# Needs only Python 3.11 for `make run` and `make test`; the services and browser suites
# need PostgreSQL, Redis, Debian's chromium and npm (see .ci/run).

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The production-path suite talks to this machine's services unless told otherwise.
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/sid
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install install-dev lock setup run worker test test-slow test-services test-browser test-all lint format check \
	messages messages-check benchmarks benchmarks-faults ci clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==26.3

install: $(PY) ## Create the virtualenv and install the locked runtime requirements
	$(PY) -m pip install --quiet -r requirements.txt

install-dev: $(PY) ## Install runtime and test/lint requirements (the dev lock)
	$(PY) -m pip install --quiet -r requirements-dev.txt

lock: install-dev ## Compile requirements*.in into the locks requirements*.txt (keeps current pins; add --upgrade to move them)
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

setup: install ## Migrate the database (SQLite by default) and load the demo content
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content

run: setup ## Set up, then serve the demo site on http://127.0.0.1:8000 (plus a Celery worker if a broker is set)
	@if [ -n "$$CELERY_BROKER_URL$$REDIS_URL" ]; then \
		echo "Broker configured: starting a Celery worker with beat"; \
		$(BIN)/celery -A sid worker --beat --loglevel=INFO & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT); \
	else \
		$(MANAGE) runserver $(HOST):$(PORT); \
	fi

worker: ## Run a Celery worker with beat (needs CELERY_BROKER_URL or REDIS_URL)
	$(BIN)/celery -A sid worker --beat --loglevel=INFO

test: install-dev ## Set up and run the test suite (SQLite, tasks in-process; the slow sweeps: make test-slow)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal -q

test-slow: install-dev ## Run the slow sweeps (every admin URL x role, every demo page x language, ...) on SQLite
	$(BIN)/pytest -m "slow and not services and not browser" -q

test-services: install-dev ## Run the production-path suite: PostgreSQL, Redis cache and broker, a real Celery worker
	DATABASE_URL=$(SERVICES_DATABASE_URL) REDIS_URL=$(SERVICES_REDIS_URL) $(BIN)/pytest -m services -q

test-browser: install-dev node_modules ## Run the browser suite (Debian chromium + axe-core)
	$(BIN)/pytest -m browser -q

test-all: test test-slow test-services test-browser ## All four suites

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

lint: install-dev ## ruff lint and format check; the import contracts (pyproject.toml [tool.importlinter]); djLint format check and lint of the templates
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/djlint . --check
	$(BIN)/djlint . --lint

format: install-dev ## Format and fix what ruff can; lay out the templates (djLint)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint . --reformat

check: install-dev ## Django checks: system, migrations, deploy settings
	DJANGO_SETTINGS_MODULE=sid.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=sid.settings.test $(MANAGE) makemigrations --check --dry-run --noinput
	@# Configuration only: an empty in-memory database, so a local demo database (whose demo help
	@# entries helplines.W001 rightly flags) does not fail it. Run check --deploy on the real one at deploy.
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=sid.settings.production ALLOWED_HOSTS=saferinternetday.example \
		DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		$(MANAGE) check --deploy --fail-level WARNING

messages: install-dev ## Regenerate the interface message catalogues (ten languages) and compile them
	$(MANAGE) interface_catalogues update

messages-check: install-dev ## Fail when the message catalogues are out of date
	$(MANAGE) interface_catalogues check

benchmarks: install-dev ## Run every benchmark script and print its figures (faults: make benchmarks-faults)
	@for script in benchmarks/*.py; do [ "$$script" = benchmarks/support.py ] && continue; \
		[ "$$script" = benchmarks/faults.py ] && continue; \
		echo "== $$script"; $(PY) $$script || exit 1; done

benchmarks-faults: install-dev ## Fault scenarios against PostgreSQL and private Redis servers: answers, submissions, recovery
	DATABASE_URL=$(SERVICES_DATABASE_URL)_faults_bench $(PY) benchmarks/faults.py

ci: lint check test test-slow test-services test-browser ## What .ci/run runs after installing system packages

clean: ## Remove the virtualenv, database, media and caches
	rm -rf $(VENV) db.sqlite3 media staticfiles node_modules .pytest_cache .ruff_cache
