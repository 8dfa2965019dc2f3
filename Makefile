# Cercles — `make demo` serves the demo organisation, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE := cercles.settings

.PHONY: help install assets chromium migrate demo serve test test-fast lint format bench room-load messages clean

help:
	@echo "make demo   install, migrate, load the demo organisation and serve on http://$(HOST):$(PORT)"
	@echo "make test   install (Chromium included) and run the whole test suite"
	@echo "make bench  seed the metropole scale into a fresh database and time the main pages"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed assets

assets: node_modules/.installed

# Browser tests drive Debian's Chromium; never a browser downloaded by Playwright.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

messages: install  # needs gettext (msgfmt); compiled catalogues are committed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: install
	$(BIN)/python manage.py migrate --noinput -v 0

DEMO_ORG_NAME ?= Communauté d'agglomération du Val d'Ormeaux
demo: migrate assets
	@mkdir -p staticfiles
	$(BIN)/python manage.py load_demo --url http://$(HOST):$(PORT)/
	@echo "Cercles is served on http://$(HOST):$(PORT) — log in with the accounts printed above."
	CERCLES_ORG_NAME="$(DEMO_ORG_NAME)" $(BIN)/uvicorn cercles.asgi:application --lifespan off --host $(HOST) --port $(PORT)

serve: migrate assets
	@mkdir -p staticfiles
	$(BIN)/uvicorn cercles.asgi:application --lifespan off --host $(HOST) --port $(PORT)

test: install assets chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A fresh SQLite database (or BENCH_DATABASE_URL), seeded at SCALE (metropole by default).
BENCH_DB ?= $(CURDIR)/var/bench.sqlite3
BENCH_DATABASE_URL ?= sqlite:///$(BENCH_DB)
bench: install assets
	mkdir -p var && rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py seed --scale $(or $(SCALE),metropole) --force --random-vectors
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(BENCH_ARGS)
	$(BIN)/python manage.py bench_matching --requests 500 --coaches 200 --markdown

# The live meeting room under load (docs/performance.md): 300 websocket participants on
# loopback, a throwaway database; LAYER=redis runs two servers sharing Redis db 14.
room-load: install
	$(BIN)/python manage.py room_load --participants $(or $(PARTICIPANTS),300) --rounds $(or $(ROUNDS),20) --layer $(or $(LAYER),memory) $(ROOM_LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles var db.sqlite3
