# Two commands for a newcomer: `make build` (build + validate the package) and `make test`.
# Both create .venv from requirements.lock on first use; nothing else needs installing by hand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# cffconvert needs jsonschema<4, which frictionless cannot use: it gets a venv of its own (for the CITATION.cff test).
CFF_VENV := .venv-cff
CFF_INSTALLED := $(CFF_VENV)/.installed

.PHONY: venv build validate test dist serve evaluate evaluate-blind realtext-check baselines benchmark benchmark-across benchmark-package benchmark-hostile spreadsheet-safe lock clean

$(INSTALLED): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (found %d.%d): set PYTHON=/path/to/python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $(INSTALLED)

venv: $(INSTALLED)  ## Create .venv from requirements.lock (every other target does this first).

build: $(INSTALLED)  ## Build every table from articles/ and curated/, validate, then publish to data/.
	$(PY) -m scripts.build

validate: $(INSTALLED)  ## Validate the published package as it stands.
	$(PY) -m scripts.package.validate

test: $(INSTALLED) $(CFF_INSTALLED)  ## Run the test suite, one worker per core (pytest-xdist).
	$(PY) -m pytest -q -n auto

spreadsheet-safe: $(INSTALLED)  ## Copies of data/*.csv with formula-like cells escaped, in spreadsheet/ (never data/).
	$(PY) -m scripts.package.spreadsheet_safe data --out spreadsheet

$(CFF_INSTALLED): requirements-cff.lock
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-cff.lock
	$(CFF_VENV)/bin/python -m pip check
	@touch $(CFF_INSTALLED)

dist: $(INSTALLED)  ## Validate the published package and zip it: dist/junior-doctors-strikes-VERSION.zip (+ .sha256).
	$(PY) -m scripts.package.release dist

serve: $(INSTALLED)  ## Browse the published package in Datasette on http://127.0.0.1:8001/ (PORT=... to change).
	$(PY) -m scripts.package.release serve $(or $(PORT),8001)

evaluate: $(INSTALLED)  ## Score the extractors against the hand-labelled truth (real-text dev part when cached).
	$(PY) -m scripts.evaluation.evaluate

evaluate-blind: $(INSTALLED)  ## Score the real-text set's blind part only (see curated/realtext/README.md first).
	$(PY) -m scripts.evaluation.evaluate --blind

realtext-check: $(INSTALLED)  ## Which real-text articles are cached and intact.
	$(PY) -m scripts.evaluation.realtext check

baselines: $(INSTALLED)  ## Compare the extractors with quantulum3, dateparser and a plain quote baseline.
	$(PY) -m scripts.evaluation.baselines

benchmark: $(INSTALLED)  ## Throughput on a synthetic 10,000-article corpus (not a test).
	$(PY) -m scripts.evaluation.benchmark --articles 10000

benchmark-across: $(INSTALLED)  ## Cost of statements, shared passages, figure comparisons on 100 to 10,000 synthetic articles (not a test).
	$(PY) -m scripts.evaluation.benchmark_across --sizes 100 1000 10000 --write BENCHMARK.md

benchmark-package: $(INSTALLED)  ## The whole package built from 1,000 to 100,000 synthetic articles: time, CPU, peak memory (not a test; the 100k run takes long).
	$(PY) -m scripts.evaluation.benchmark_package --sizes 1000 10000 100000 --write BENCHMARK.md

benchmark-hostile: $(INSTALLED)  ## Time of every extractor on hostile text at 10 KB, 100 KB, 1 MB (not a test).
	$(PY) -m scripts.evaluation.benchmark_hostile --write BENCHMARK.md

lock:  ## Re-resolve requirements.in into requirements.lock in a clean venv.
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install --quiet -r requirements.in
	(echo "# Full pinned set, generated from requirements.in by 'make lock' in a clean Python 3.11 venv."; \
	 .lockvenv/bin/pip freeze --all | grep -v -E '^(pip|setuptools|wheel)==') > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) $(CFF_VENV) .pytest_cache build-tmp build dist
