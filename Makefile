# EV4SCC platform. `make run` and `make test` do all the set-up on a fresh machine (Python 3.11 and make).
PYTHON ?= python3
PORT ?= 8000
# Links in emails sent by background work; during a request they follow the address the client reached.
SITE_URL ?= http://127.0.0.1:$(PORT)
UV_VERSION := 0.13.9
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
# The demo runs with development settings; production sets DEBUG=false and a SECRET_KEY.
DEV_ENV := DEBUG=true

.PHONY: help install compile messages check-translations run test test-fuzz test-validators test-browser lint format docs docs-serve vendor superuser worker beat bench bench-growth load clean

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed ## create .venv with the locked dependencies

# Translations (docs/i18n.md). The .mo files are build output, compiled in pure Python (polib), so a
# machine without GNU gettext runs and tests the platform in every language.
compile: install ## compile the translation catalogues (locale/*/LC_MESSAGES/django.po -> .mo)
	$(PY) scripts/compile_messages.py

messages: install ## update the catalogues from the code and templates (needs gettext: apt-get install gettext)
	$(PY) scripts/check_translations.py --update-only

check-translations: install ## makemessages, then fail on any untranslated, fuzzy or broken entry (needs gettext)
	$(PY) scripts/check_translations.py

run: compile ## the demo platform on http://127.0.0.1:$(PORT), on SQLite with demo data
	$(DEV_ENV) $(PY) manage.py migrate --verbosity 0
	$(DEV_ENV) SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	$(DEV_ENV) SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: compile ## the test suite (SQLite, eager Celery; set DATABASE_URL / REDIS_URL to use the services)
	$(VENV)/bin/pytest -q -n 2 -m "not browser and not validators and not fuzz"

test-fuzz: compile ## the schema fuzz (schemathesis) and the security fuzz: generated and hostile inputs, a few minutes
	$(VENV)/bin/pytest -q -n 2 -m fuzz

test-validators: compile ## third-party clients and validators: generated client, redocly, Nu HTML checker, ical.js (Java 17, npm ci)
	$(VENV)/bin/pytest -q -n 2 -m validators

test-browser: compile ## browser tests in Debian's Chromium (apt-get install -y chromium)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -q -m browser

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

docs: install ## the documentation site (MkDocs Material) built strictly into site/
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

docs-serve: install ## the documentation with live reload on http://127.0.0.1:8001
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8001

vendor: ## copy the pinned front-end libraries into static/vendor/ (needs Node; the result is committed)
	npm ci --no-audit --no-fund
	node scripts/vendor.mjs

superuser: install ## create a staff account for the admin
	$(DEV_ENV) $(PY) manage.py createsuperuser

worker: install ## a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A ev4scc worker --loglevel INFO

beat: install ## Celery beat, the digest schedule (needs REDIS_URL)
	$(VENV)/bin/celery -A ev4scc beat --loglevel INFO

SCALE ?= 10000
bench: install ## time the main pages against a raw-SQL floor on SCALE generated partners -> bench/results.json
	$(PY) -m bench.run --scale $(SCALE)

# One PostgreSQL database per scale (BENCH_POSTGRES_<scale>), made and seeded on first use.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/ev4scc_bench
bench-growth: install ## the benchmark at 1,000, 10,000 and 100,000 partners, on SQLite and on PostgreSQL (BENCH_POSTGRES)
	for scale in 1000 10000 100000; do $(PY) -m bench.run --scale $$scale || exit 1; done
	for scale in 1000 10000 100000; do DATABASE_URL=$(BENCH_POSTGRES)_$$scale $(PY) -m bench.run --scale $$scale || exit 1; done

load: install ## gunicorn (production settings) under locust: 50 clients, LOAD_TIME (30s); fails on any error
	$(PY) -m bench.load

clean:
	rm -rf $(VENV) .tools db.sqlite3 staticfiles locale/*/LC_MESSAGES/*.mo
