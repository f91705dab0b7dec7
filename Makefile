# juesuan — two commands for a newcomer: `make run` and `make test`.
# The interpreter the environment is made from: the system's CPython when it is 3.11 or newer
# and can make a venv (Debian's python3-venv), else the first python3 on the PATH. Debian's
# CPython is built with profile-guided and link-time optimisation; a source build without them
# (pyenv's default) runs the same code 10-15 % slower (docs/formats.md, "The interpreter").
# Another: `make clean; make PY=/path/to/python3 install`.
PY ?= $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import ensurepip, sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test lint bench fuzz install system-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,ocr,cluster]'
	touch $(STAMP)

# The sources byte-compiled, as pip does for an ordinary install (an editable one is not, and
# with PYTHONDONTWRITEBYTECODE set Python would compile every module again on every run:
# a quarter of the instructions of `juesuan extract` on a 25-page PDF). Only stale files are compiled.
install: $(STAMP) system-deps
	$(BIN)/python -m compileall -q src

# A CJK font for rendered PDFs (and the real ImageMagick-free path: pdftoppm for looking at pages).
# Installed only when missing; CI and fresh machines run as root.
system-deps:
	@bash scripts/system-deps.sh

# Main job on the bundled synthetic sample: extract it, audit it, write it out again.
run: install
	$(BIN)/juesuan demo out/demo
	$(BIN)/juesuan extract src/juesuan/examples/sample_disclosure.txt --format text
	$(BIN)/juesuan check src/juesuan/examples/sample_disclosure.txt --format text || true
	$(BIN)/juesuan ingest 'out/demo/*/*/disclosure.txt'
	@echo "已入库（默认数据库）。打开网页：$(BIN)/juesuan serve，然后在浏览器中访问 http://127.0.0.1:8000/"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src/juesuan

# The store and API tests also run against PostgreSQL: a throw-away cluster (scripts/postgres.sh)
# started for the run and removed after it; if it cannot start, those tests fail with the reason.
# The suite runs in one pytest-xdist worker per core this job may use (juesuan.cores.usable:
# the affinity within the container's CPU quota; a file's tests stay in one worker, so its
# module fixtures are built once). `make test TEST_JOBS=0` runs it in this one process.
TEST_JOBS ?= $(shell $(BIN)/python -c 'from juesuan.cores import usable; print(usable())')

test: install lint
	@bash scripts/chromium.sh  # Debian chromium for the web end-to-end tests, when missing
	@eval "$$(bash scripts/postgres.sh start)"; \
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile; rc=$$?; bash scripts/postgres.sh stop; exit $$rc

bench: install
	$(BIN)/python benchmarks/run.py

# The full fuzz run (issue 16): 10,000 damaged and hostile inputs in two bounded workers,
# niced (it shares the machine); prints counts by outcome and builder, inputs/s, the slowest
# inputs; exit 1 on any internal error, bad message or crashed worker.
fuzz: install
	nice -n 10 $(BIN)/python -m juesuan.fuzz -n 10000

clean:
	rm -rf $(VENV) out .pytest_cache
