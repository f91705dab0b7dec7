"""Database engines for store and API tests: SQLite always; PostgreSQL when
JUESUAN_TEST_PG_URL names a server (scripts/postgres.sh starts one; `make test` exports it).

Locally, without the variable, the PostgreSQL variants skip. In CI (CI set) they fail instead,
and a value that is not a URL (postgres.sh writes "unavailable: why") fails with that reason:
a PostgreSQL that cannot start must not pass silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "JUESUAN_TEST_PG_URL"
ENGINES = ["sqlite", "postgresql"]


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set in CI: scripts/postgres.sh did not run")
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (scripts/postgres.sh prints one)")
    if "://" not in url:
        pytest.fail(f"PostgreSQL is not available: {url}")
    return url


def _pg_driver_url(url: str) -> str:
    from juesuan.store import resolve_url

    return resolve_url(url)


def store_url(engine: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of the given engine for one test; dropped afterwards."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(_pg_driver_url(_pg_admin_url()))
    name = f"juesuan_test_{uuid.uuid4().hex[:12]}"
    eng = create_engine(admin, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with eng.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng.dispose()


def demo_departments():
    """The synthetic departments (several years each), wherever the generator lives now."""
    try:
        from juesuan.synth import generate  # type: ignore[import-not-found]
    except ImportError:
        from juesuan.demo import generate
    return _cached(generate)


_CACHE: dict[str, object] = {}


def _cached(generate):
    if "demo" not in _CACHE:
        _CACHE["demo"] = generate()
    return _CACHE["demo"]


def write_model(doc, path: Path) -> Path:
    """A model as the JSON file `juesuan extract --format json` would write."""
    path.write_text(doc.model_dump_json(), encoding="utf-8")
    return path


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path):
    """A fresh database URL, once per engine (store and API tests import this fixture)."""
    yield from store_url(request.param, tmp_path)


@pytest.fixture
def store(db_url):
    from juesuan.store import open_store

    s = open_store(db_url)
    yield s
    s.close()
