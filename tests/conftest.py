"""Shared fixtures; the paths to the test inputs are in tests_support.py."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from functools import cache

import pytest

# Every record the code makes is also validated and compared with what it built
# (juesuan.construct): set before juesuan is imported, and inherited by subprocess tests.
os.environ["JUESUAN_CHECK_MADE"] = "1"

from tests_support import seed_file  # noqa: E402

# db_url / store: a fresh database per engine (SQLite, and PostgreSQL when one is running),
# for the store, API and web tests.
pytest_plugins = ["store_engines"]

# The compiled-code caches (juesuan.codecache) of this test run: their own directory, shared by the
# run's processes (subprocess tests inherit it), never the user's; removed at exit.
_CACHE = tempfile.mkdtemp(prefix="juesuan-test-cache-")
os.environ["JUESUAN_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


def pytest_unconfigure(config):
    """Stop the batch tests' multiprocessing forkserver with the session. Left to itself it
    exits after this process, writes the compiled patterns it holds (its atexit flush) and so
    makes the cache directory again after it was removed: one directory left in /tmp per run."""
    forkserver = sys.modules.get("multiprocessing.forkserver")
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # what CPython's own tests use
    if stop is not None:
        stop()


@cache
def _load(path: str):
    from juesuan.pipeline import load

    return load(path)


@pytest.fixture(scope="session")
def seed():
    """seed('001') → the extracted Disclosure (cached for the session)."""

    def get(prefix: str):
        return _load(str(seed_file(prefix)))

    return get
