# The commands a newcomer types. `make run` serves the site, `make test` runs every test.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_CANDIDATES := python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12)
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run in one worker per core; PYTEST_WORKERS=0 runs them in this process, for a debugger.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest --numprocesses $(PYTEST_WORKERS) --dist loadfile

.DEFAULT_GOAL := help
.PHONY: help install run test lint format messages lock e2e loadtest apitest bench clean

help:
	@echo "make run       set up everything and serve http://$(HOST):$(PORT)/ with demo data"
	@echo "make test      run the whole test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make e2e       run only the browser tests"
	@echo "make lint      ruff check and format check, mypy, djlint, import contracts, pending migrations"
	@echo "make format    ruff format and fix"
	@echo "make messages  update and compile the translation catalogues"
	@echo "make lock      re-lock the dependencies after editing pyproject.toml"
	@echo "make loadtest  drive the public pages with wrk against gunicorn on PostgreSQL (wpm_load)"
	@echo "make apitest   Schemathesis against the open-data API of a running app (gunicorn, SQLite)"
	@echo "make bench     measure the public pages at 10,000 mediators against a baseline (wpm_bench)"

$(VENV)/.installed: requirements-dev.lock
	@set -e; \
	if [ ! -x $(PY) ]; then \
		py=""; \
		for candidate in $(PYTHON_CANDIDATES); do \
			if $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
				py=$$candidate; break; \
			fi; \
		done; \
		if [ -z "$$py" ]; then \
			echo "error: Python 3.12 or newer is needed: put python3.13 or python3.12 on PATH (for example with pyenv) and run make again." >&2; \
			exit 1; \
		fi; \
		echo "Creating $(VENV) with $$py"; \
		$$py -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else \
		echo "npm not found: the HTML validity tests will be skipped (apt-get install npm)."; \
	fi

run: export WPM_ENV = development
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  The site runs at http://$(HOST):$(PORT)/"
	@echo "  Demo accounts (development only), password 'demo-password':"
	@echo "    admin@example.org  (staff, back office at http://$(HOST):$(PORT)/admin/ after setting up two-factor authentication)"
	@echo "    member@example.org (member)"
	@echo "    requester@example.org (verified requester: asks the network for mediators)"
	@echo "  Emails are printed here, in the console."
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install node_modules/.installed
	$(PYTEST) $(PYTEST_ARGS)

e2e: install node_modules/.installed
	$(PYTEST) -m browser $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports --no-cache
	WPM_ENV=development $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: export WPM_ENV = development
messages: install
	$(PY) manage.py makemessages --locale de --no-obsolete --add-location file --ignore '.venv/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --locale de --ignore '.venv/*'

lock: install
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --extra dev --no-emit-index-url --no-emit-find-links -o requirements-dev.lock pyproject.toml

loadtest: install
	bash .ci/loadtest

apitest: install
	bash .ci/apitest

bench: install
	$(PY) .ci/bench.py

clean:
	rm -rf $(VENV) node_modules var
