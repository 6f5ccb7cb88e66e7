# Two commands for a newcomer: `make build` (build + validate the package) and `make test`.
# Both create .venv from requirements.lock on first use; nothing else needs installing by hand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: build validate test evaluate baselines benchmark benchmark-hostile lock clean

$(INSTALLED): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (found %d.%d): set PYTHON=/path/to/python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $(INSTALLED)

build: $(INSTALLED)  ## Build every table from articles/ and curated/, validate, then publish to data/.
	$(PY) -m scripts.build

validate: $(INSTALLED)  ## Validate the published package as it stands.
	$(PY) -m scripts.validate

test: $(INSTALLED)  ## Run the test suite.
	$(PY) -m pytest -q

evaluate: $(INSTALLED)  ## Score the extractors against the hand-labelled truth.
	$(PY) -m scripts.evaluate

baselines: $(INSTALLED)  ## Compare the extractors with quantulum3, dateparser and a plain quote baseline.
	$(PY) -m scripts.baselines

benchmark: $(INSTALLED)  ## Throughput on a synthetic 10,000-article corpus (not a test).
	$(PY) -m scripts.benchmark --articles 10000

benchmark-hostile: $(INSTALLED)  ## Time of every extractor on hostile text at 10 KB, 100 KB, 1 MB (not a test).
	$(PY) -m scripts.benchmark_hostile --write BENCHMARK.md

lock:  ## Re-resolve requirements.in into requirements.lock in a clean venv.
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install --quiet -r requirements.in
	(echo "# Full pinned set, generated from requirements.in by 'make lock' in a clean Python 3.11 venv."; \
	 .lockvenv/bin/pip freeze --all | grep -v -E '^(pip|setuptools|wheel)==') > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) .pytest_cache build-tmp
