# The README's two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_LAKE ?= demo-lake
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test lint bench eval docs clean lock

# requirements/lock.txt pins every package (and its hashes) that passed CI: `make lock` after a change
# of the dependencies in pyproject.toml.
$(BIN)/sitrep: pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip install --quiet --no-deps -r requirements/model.txt
	touch $(BIN)/sitrep

lock: $(BIN)/sitrep
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
		-o requirements/lock.txt

demo: $(BIN)/sitrep
	bash examples/demo.sh $(BIN) $(DEMO_LAKE)

test: $(BIN)/sitrep
	$(BIN)/python -m pytest

lint: $(BIN)/sitrep
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
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
	$(BIN)/python -m flows.cli.docs
	$(BIN)/python -m schemas.reference
	$(BIN)/python -m warehouse.mart_reference

clean:
	rm -rf $(VENV) $(DEMO_LAKE)
