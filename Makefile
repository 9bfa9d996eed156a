# make demo   build the graph from seeds/, run every bundled query, write out/graph.ttl and out/actors.html
# make test   run the test suite
# make score CORPUS=folder   score extraction against gold annotations (NN_name.txt + NN_name.gold.json)
# make bench  run the benchmarks: extraction speed per word, then the corpus-scale table (slow)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
KGBUILD := $(BIN)/kgbuild
SCORER ?= ../shared/tools/score_extraction.py
CORPUS ?= ../shared/corpus/dev
OUT := out

.PHONY: demo test score bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	rm -rf $(OUT)/kg
	mkdir -p $(OUT)
	$(KGBUILD) build seeds --store $(OUT)/kg
	$(KGBUILD) info --store $(OUT)/kg
	@for query in queries/*.rq; do \
		name=$$(basename $$query .rq); \
		echo; echo "== $$name"; \
		$(KGBUILD) query $$query --store $(OUT)/kg || exit 1; \
	done
	$(KGBUILD) validate --store $(OUT)/kg
	$(KGBUILD) export --store $(OUT)/kg -o $(OUT)/graph.ttl
	$(KGBUILD) draw --store $(OUT)/kg -o $(OUT)/actors.html

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

score: $(VENV)/.installed
	$(BIN)/python $(SCORER) $(CORPUS) --cmd '$(abspath $(KGBUILD)) extract {} --format json'

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(OUT) kg .pytest_cache test-artifacts
