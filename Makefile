# The two commands that matter: `make run` (the platform on embedded defaults) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
export PYTHONUNBUFFERED := 1

# With CI=true the tests run against the real PostgreSQL and Redis on 127.0.0.1 (started if down).
ifeq ($(CI),true)
export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ewtp
export REDIS_URL ?= redis://127.0.0.1:6379/0
export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/1
export CELERY_RESULT_BACKEND ?= redis://127.0.0.1:6379/2
endif

.PHONY: run test bench mutation lint format install install-dev services browser clean messages

$(VENV)/.runtime: requirements.txt scripts/ensure_system_libs.sh
	bash scripts/ensure_system_libs.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install
	mkdir -p var/broker/out var/broker/processed var/broker/control var/celery-results var/mail
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_seeds
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  EWTP is starting: open http://127.0.0.1:$(PORT)/  (health: http://127.0.0.1:$(PORT)/healthz?worker=1)"
	@echo "  Operators: http://127.0.0.1:$(PORT)/admin/  (demo log-ins above; or $(PY) manage.py createsuperuser)"
	@echo "  E-mails are written to var/mail/*.eml (each path is logged as mail.written)"
	@echo "  The demo partners' simulators accept paid orders' shipments and track them to delivered (an hour a second)"
	@echo ""
# honcho gives each process its own PORT (the worker 8100, ...): SITE_URL names the web's to every process.
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} DJANGO_SETTINGS_MODULE=ewtp.settings.dev $(BIN)/honcho start -f Procfile -p $(PORT)

services:
ifeq ($(CI),true)
	bash scripts/ensure_services.sh
endif

browser:
	bash scripts/ensure_chromium.sh

test: install-dev services browser
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

bench: install-dev browser
	bash scripts/ensure_services.sh
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	mkdir -p bench/results var
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py createcachetable
	$(PY) -m bench $(BENCH)


# Mutation testing (mutmut, one mutant at a time), not part of `make test`: the score per module, JSON in
# bench/results/mutation.json. `make mutation MODULES=ewtp.money` runs one module again.
mutation: install-dev
	$(PY) -m bench.mutation_report --run $(MODULES)

lint: install-dev
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf var/ staticfiles/ .pytest_cache

# The catalogues of the four other languages from the code and templates; translate what is new (the tests
# fail on anything untranslated or fuzzy), then `make messages` again compiles them.
MESSAGES_IGNORE := --ignore=.venv --ignore=mutants --ignore=bench --ignore=staticfiles --ignore=var --ignore=test-artifacts --ignore=tests --ignore=node_modules
messages: install
	$(PY) manage.py makemessages -l es -l fr -l sw -l zh_Hans $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=mutants
