# Two commands on a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
# Both create (or refresh) a local virtual environment in .venv and install the package into it.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: web-office demo test lint typecheck unit docs docs-pages bench bench-smoke fuzz mutate test-min-deps data clean

$(STAMP): pyproject.toml examples/web_office/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "adminduk needs Python 3.11 or newer; set PYTHON=...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[testing,dev]' -e 'examples/web_office[browser]'
	@touch $(STAMP)

demo: $(STAMP)
	$(PY) -m adminduk demo

# The reference web office on http://127.0.0.1:8000 (examples/web_office/README.md).
web-office: $(STAMP)
	$(PY) -m web_office serve web-office.db

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy --strict src tests examples benchmarks

# The suite runs on every core (pytest-xdist, a test file per worker). Coverage starts in every
# process before anything is imported (pytest imports adminduk's plugin, and so adminduk, at
# start-up): a .pth file in the venv starts it when COVERAGE_PROCESS_START is set, and the data
# files of the workers (and of the CLI runs and notebooks the tests start) are combined.
COVERAGE_PTH = import os; os.environ.get("COVERAGE_PROCESS_START") and __import__("coverage").process_startup()
unit: $(STAMP)
	@$(PY) -c 'import pathlib, site, sys; pathlib.Path(site.getsitepackages()[0], "adminduk-coverage.pth").write_text(sys.argv[1] + "\n")' '$(COVERAGE_PTH)'
	$(PY) -m coverage erase
	COVERAGE_PROCESS_START=$(CURDIR)/pyproject.toml $(PY) -m pytest -n auto --dist loadfile
	$(PY) -m coverage combine --quiet
	$(PY) -m coverage report

test: lint typecheck unit docs

# The documentation site (MkDocs Material, mkdocstrings), built with --strict into site/.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --quiet --site-dir site

# Regenerate the per-document-type pages from the requirement and workflow tables.
docs-pages: $(STAMP)
	$(PY) scripts/build_docs_pages.py docs/document-types

$(VENV)/.bench-installed: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[testing,dev,bench]'
	@touch $@

BENCHMARKS := $(wildcard benchmarks/bench_*.py)

bench: $(VENV)/.bench-installed
	@rm -f benchmarks/RESULTS.md.new
	@for script in $(BENCHMARKS); do \
		$(PY) $$script --out benchmarks/.part.md || exit 1; \
		cat benchmarks/.part.md >> benchmarks/RESULTS.md.new; echo >> benchmarks/RESULTS.md.new; \
	done
	@rm -f benchmarks/.part.md
	@mv benchmarks/RESULTS.md.new benchmarks/RESULTS.md
	@echo "wrote benchmarks/RESULTS.md"

bench-smoke: $(STAMP)
	@for script in $(BENCHMARKS); do $(PY) $$script --smoke || exit 1; done

# The fuzz targets of tests/fuzz at volume (make test runs them small): inputs and findings.
FUZZ_TOTAL ?= 1000000
fuzz: $(STAMP)
	$(PY) -m tests.fuzz --total $(FUZZ_TOTAL)

# Mutation testing of the rule modules with their mirrored tests (cosmic-ray; slow, like bench):
# scores and survivors in docs/mutation.md. MUTATE_GROUPS picks groups (identifiers register ...).
$(VENV)/.mutate-installed: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[testing,dev,mutate]'
	@touch $@

mutate: $(VENV)/.mutate-installed
	$(PY) scripts/mutate.py $(if $(MUTATE_GROUPS),--groups $(MUTATE_GROUPS),)

# The suite against the oldest supported runtime dependencies (constraints-min.txt).
test-min-deps:
	$(PYTHON) -m venv .venv-min
	.venv-min/bin/python -m pip install --quiet --disable-pip-version-check -c constraints-min.txt -e '.[testing,dev]'
	.venv-min/bin/python -m pytest -q -p no:cacheprovider

# Regenerate the packaged region data from ../shared/data/wilayah (see scripts/build_region_data.py).
data: $(STAMP)
	$(PY) scripts/build_region_data.py ../shared/data/wilayah src/adminduk/data

clean:
	rm -rf $(VENV) .venv-min .coverage .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build site
