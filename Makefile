# juesuan — two commands for a newcomer: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test lint bench install system-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,ocr]'
	touch $(STAMP)

install: $(STAMP) system-deps

# A CJK font for rendered PDFs (and the real ImageMagick-free path: pdftoppm for looking at pages).
# Installed only when missing; CI and fresh machines run as root.
system-deps:
	@bash scripts/system-deps.sh

# Main job on the bundled synthetic sample: extract it, audit it, write it out again.
run: install
	$(BIN)/juesuan demo out/demo
	$(BIN)/juesuan extract src/juesuan/examples/sample_disclosure.txt --format text
	$(BIN)/juesuan check src/juesuan/examples/sample_disclosure.txt --format text || true

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src/juesuan

test: install lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache
