# Two targets a newcomer needs: `make run` (crawl the default sources into
# data/govwatch.db) and `make test` (lint, type-check and run the test suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint install clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Exit code 1 means some source failed (the summary names it); the others were stored,
# so `make run` reports it without failing.
run: install
	@$(BIN)/govwatch crawl; code=$$?; \
	if [ $$code -eq 1 ]; then echo "make run: some sources failed (see the summary above, and .venv/bin/govwatch sources)"; \
	elif [ $$code -ne 0 ]; then exit $$code; fi
	@echo "make run: articles are in data/govwatch.db; try: .venv/bin/govwatch digest --since 7d"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
