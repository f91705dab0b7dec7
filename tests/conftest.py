"""Shared fixtures; the paths to the test inputs are in tests_support.py."""

from __future__ import annotations

from functools import cache

import pytest

from tests_support import seed_file

# db_url / store: a fresh database per engine (SQLite, and PostgreSQL when one is running),
# for the store, API and web tests.
pytest_plugins = ["store_engines"]


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
