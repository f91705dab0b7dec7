"""The results store (SQLite by default, PostgreSQL supported). See docs/store.md.

    from juesuan.store import open_store
    store = open_store()                 # --db URL / JUESUAN_DB / the user's data directory
    outcome = store.ingest("a.pdf")
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event

from juesuan.store.store import IngestOutcome, NotFound, Store, StoreError, content_hash, match_key
from juesuan.store.versions import juesuan_version, ruleset_version

ENV_VAR = "JUESUAN_DB"


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("juesuan", appauthor=False)) / "juesuan.db"


def resolve_url(url: str | None = None) -> str:
    """``url`` → JUESUAN_DB → a SQLite file in the user's data directory. A bare path means a
    SQLite file; ``postgresql://`` gets the pg8000 driver."""
    url = url or os.environ.get(ENV_VAR) or None
    if url is None:
        p = default_path()
        p.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{p}"
    if "://" not in url:
        p = Path(url).expanduser()
        if p.parent != Path(""):
            p.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{p.resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+pg8000://" + url.split("://", 1)[1]
    return url


def open_store(url: str | None = None) -> Store:
    """Open (and create or upgrade) the store at ``url``; see :func:`resolve_url`."""
    from juesuan.store.migrate import upgrade

    full = resolve_url(url)
    kwargs: dict[str, Any] = {}
    if full.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30}  # wait for another writer instead of failing
    engine = create_engine(full, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return Store(engine)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    if not _is_memory(dbapi_conn):
        cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never block the writer
        # with WAL, NORMAL stays consistent after a crash and skips an fsync per commit
        cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _is_memory(dbapi_conn: Any) -> bool:
    cur = dbapi_conn.cursor()
    try:
        rows = cur.execute("PRAGMA database_list").fetchall()
        return any(r[1] == "main" and not r[2] for r in rows)
    finally:
        cur.close()


__all__ = ["ENV_VAR", "IngestOutcome", "NotFound", "Store", "StoreError", "content_hash", "default_path",
           "juesuan_version", "match_key", "open_store", "resolve_url", "ruleset_version"]
