# Two commands for a newcomer: `make build` and `make test`. Both set up .venv/ first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test bench clean

build: $(STAMP)
	$(PY) build.py

test: $(STAMP)
	tests/install-tools.sh
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf output .output-ny .output-forrige

# Mutation testing of the fast test subsets (mutation/mutate.py); slow, so not part of `make test`.
.PHONY: mutate
mutate: $(STAMP)
	$(PY) mutation/mutate.py $(MUTATE_ARGS)

# Visual regression: the PNG snapshots of chosen seed pages (tests/visual/snapshot_pages.py) made
# again from the content as it is, after a layout change you mean; look at the differences it
# names, then commit tests/visual/snapshots/.
.PHONY: snapshots
snapshots: $(STAMP)
	$(PY) tests/visual/update_snapshots.py
