# The two commands of the quick start are `make run` and `make test`; the rest serve them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OIDC_PROVIDER := tests/support/oidc_provider

.PHONY: run test check lint format messages totp bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Samskab needs Python 3.11 or newer (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed-run

## run: install, migrate, load the demo data and package it as open data, serve http://127.0.0.1:8000/ with a Celery worker and beat
run: $(VENV)/.installed-run
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py open_data_package
	@echo "Samskab runs at http://127.0.0.1:8000/ . Mail goes to var/mail/, one line per message below."
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile.dev

## test: install the test dependencies and run the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
test: $(VENV)/.installed-dev $(OIDC_PROVIDER)/node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The single sign-on tests' identity provider (npm's oidc-provider); without npm those tests are skipped.
$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the single sign-on tests will be skipped (apt-get install nodejs npm)"; fi

## check: the static checks CI runs besides the tests
check: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -lll -r accounts api audit case_documents committees config consultations deliberation demo mandates notifications portal recruitment core
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=throwaway-$$(date +%s%N)-0123456789abcdefghijklmnopqrstuvwxyz \
		ALLOWED_HOSTS=samskab.example SITE_URL=https://samskab.example EMAIL_URL=smtp+tls://mail.samskab.example:587 \
		DATABASE_URL=postgres://samskab@db.samskab.example/samskab REDIS_URL=redis://redis.samskab.example:6379/0 \
		ALLAUTH_TRUSTED_PROXY_COUNT=1 $(BIN)/python manage.py check --deploy --fail-level WARNING
	@# Text added without a Danish translation shows up as untranslated entries for the tests to catch.
	@if command -v xgettext >/dev/null; then \
		$(BIN)/python manage.py makemessages -l da --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --no-obsolete; \
	else echo "GNU gettext not installed: translation freshness not checked"; fi

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh locale/da after changing text (needs gettext); the compiled .mo is committed
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l da --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages -l da --ignore '.venv/*'

## bench: seed PostgreSQL (samskab_bench, recreated), drive every page under gunicorn with wrk, time the outbox and
## the matching engine; writes bench/results/latest.{json,md} and docs/benchmarks.md (see that page)
bench: $(VENV)/.installed-dev
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python -m bench.run

## totp: the current second-factor code of the demo officials
totp: $(VENV)/.installed-run
	@$(BIN)/python manage.py demo_totp

clean:
	rm -rf $(VENV) var $(OIDC_PROVIDER)/node_modules
