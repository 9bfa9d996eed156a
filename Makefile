# make demo   build the graph from seeds/, run the main bundled queries, write out/graph.ttl and out/actors.html
# make test   run the test suite
# make score CORPUS=folder   score extraction against gold annotations (kgbuild evaluate: NAME.txt + NAME.gold.json)
# make bench  run the benchmarks: extraction speed per word, the cost of each input form, upkeep of a store, the actor page's first view, then the corpus-scale table, real-genre text beside the synthetic corpus (slow)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
KGBUILD := $(BIN)/kgbuild
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

# The queries a reader starts with; the actor-* queries are the rows the drawing is made from.
DEMO_QUERIES := actors people meetings agreements trade cooperation timeline

demo: $(VENV)/.installed
	rm -rf $(OUT)/kg
	mkdir -p $(OUT)
	$(KGBUILD) build seeds --store $(OUT)/kg
	$(KGBUILD) info --store $(OUT)/kg
	@for name in $(DEMO_QUERIES); do \
		echo; echo "== kgbuild query $$name"; \
		$(KGBUILD) query $$name --store $(OUT)/kg || exit 1; \
	done
	$(KGBUILD) validate --store $(OUT)/kg
	$(KGBUILD) export --store $(OUT)/kg -o $(OUT)/graph.ttl
	$(KGBUILD) draw --store $(OUT)/kg -o $(OUT)/actors.html
	@echo; echo "Open $(OUT)/actors.html in a browser to explore the actor graph; $(OUT)/graph.ttl holds the graph as Turtle."

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

score: $(VENV)/.installed
	$(KGBUILD) evaluate $(CORPUS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks.inputs
	$(BIN)/python -m benchmarks.upkeep
	$(BIN)/python -m benchmarks.page
	$(BIN)/python -m benchmarks.events
	$(BIN)/python -m benchmarks.store_commands
	$(BIN)/python -m benchmarks.cluster
	$(BIN)/python -m benchmarks.large_store
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(OUT) kg .pytest_cache test-artifacts
