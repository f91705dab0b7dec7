"""Store and API speed: ingest throughput, and p95 latency of the main API routes and web
pages with 1,000 stored documents (SQLite in a temporary directory; PostgreSQL too when
JUESUAN_TEST_PG_URL names a server).

The 1,000 documents are variations of the synthetic departments, read once from their text
rendering (so they carry narrative claims): each gets its own department name and region,
one in four a changed figure (so the rules find something), and is saved with Store.save as
a batch worker would. Unchanged variants reuse their base document's audit, which is exact:
the rules see the same tables.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

N_DOCS = 1000
N_REGIONS = 10
REQUESTS = 40  # per route


def _bases(tmp: Path) -> list[tuple[Path, Any, Any]]:
    """The demo departments' every year rendered as text: (file, model read back, report)."""
    try:
        from juesuan.synth import generate  # type: ignore[import-not-found]
    except ImportError:
        from juesuan.demo import generate
    from juesuan.render import render_bytes

    out = []
    for dep in generate():
        for i, y in enumerate(dep.years):
            prev = dep.years[i - 1].disclosure if i else None
            p = tmp / f"{dep.key}-{y.year}.txt"
            p.write_bytes(render_bytes(y.disclosure, "txt", prev, y.supplement))
            out.append(p)
    return out


STEMS = "甲乙丙丁戊己庚辛壬癸"


def _variant(base: Any, region: int, district: int, mutate: bool) -> Any:
    d = base.model_copy(deep=True)
    name = d.meta.department
    # 样例市青禾区人力资源和社会保障局 → 样例丙市乙丁区人力资源和社会保障局 (division names are Chinese)
    rest = name.split("区", 1)[-1] if "区" in name else name.split("县", 1)[-1]
    d.meta.department = f"样例{STEMS[region % 10]}市{STEMS[district // 10 % 10]}{STEMS[district % 10]}区{rest}"
    if mutate:
        cell = d.tables["T01"].get("收入总计", "金额")
        if cell is not None:
            cell.value += Decimal("1.00")
    return d


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def _measure(url: str, tmp: Path) -> list[tuple[str, str]]:
    from fastapi.testclient import TestClient

    from juesuan.api import create_app
    from juesuan.report import audit
    from juesuan.store import content_hash, open_store

    rows: list[tuple[str, str]] = []
    store = open_store(url)
    engine = store.engine.dialect.name
    files = _bases(tmp)
    t0 = time.perf_counter()
    outcomes = [store.ingest(p) for p in files]
    dt = time.perf_counter() - t0
    rows.append((f"[{engine}] ingest (read + audit + save), {len(files)} rendered txt",
                 f"{len(files) / dt:.1f} docs/s"))
    bases = [(store.model(o.document_id), o) for o in outcomes]
    reports = {o.document_id: audit(m) for m, o in bases}
    rng = random.Random(7)
    save_time = audit_time = save_cpu = 0.0
    per_region = N_DOCS // N_REGIONS
    for i in range(N_DOCS):
        region, k = divmod(i, per_region)
        model, o = bases[k % len(bases)]
        mutate = rng.random() < 0.25
        v = _variant(model, region, k // len(bases), mutate)
        a0 = time.perf_counter()
        report = audit(v) if mutate else reports[o.document_id]
        a1, c1 = time.perf_counter(), time.process_time()
        store.save(f"variant-{i}.txt", content_hash(f"bench-{i}".encode()), "text", v, report, None, 0.0)
        save_time += time.perf_counter() - a1
        save_cpu += time.process_time() - c1
        audit_time += a1 - a0
    rows.append((f"[{engine}] Store.save, {N_DOCS} documents (wall clock)", f"{N_DOCS / save_time:.1f} docs/s"))
    rows.append((f"[{engine}] Store.save CPU time per document (this process)",
                 f"{save_cpu / N_DOCS * 1000:.1f} ms"))
    rows.append((f"[{engine}] audit of the {N_DOCS} variants (one in four re-audited)", f"{audit_time:.1f} s"))
    total = store.count_documents()
    app = create_app(store, isolate=False)
    client = TestClient(app)
    doc_ids = [d.id for d in store.documents(limit=200)]
    dep = store.documents(limit=1)[0].department_id
    routes = {
        "GET /api/documents?limit=50": lambda: "/api/documents?limit=50",
        "GET /api/documents?region=样例丙市&year=2024": lambda: "/api/documents?region=样例丙市&year=2024",
        "GET /api/documents/{id}": lambda: f"/api/documents/{rng.choice(doc_ids)}",
        "GET /api/documents/{id}/findings": lambda: f"/api/documents/{rng.choice(doc_ids)}/findings",
        "GET /api/documents/{id}/cells": lambda: f"/api/documents/{rng.choice(doc_ids)}/cells",
        "GET /api/departments/{id}/years": lambda: f"/api/departments/{dep}/years",
        "GET /api/compare/region?year=2024&region=样例丙市": lambda: "/api/compare/region?year=2024&region=样例丙市",
        "GET /api/findings?severity=error&limit=100": lambda: "/api/findings?severity=error&limit=100",
        "GET /api/stats": lambda: "/api/stats",
        "page /": lambda: "/",
        "page /documents/{id}": lambda: f"/documents/{rng.choice(doc_ids)}",
        "page /departments/{id}": lambda: f"/departments/{dep}",
        "page /regions/样例丙市": lambda: "/regions/样例丙市",
    }
    for label, path in routes.items():
        samples = []
        status = 200
        for _ in range(REQUESTS):
            p = path()
            s0 = time.perf_counter()
            r = client.get(p)
            samples.append(time.perf_counter() - s0)
            status = r.status_code if r.status_code != 200 else status
        note = "" if status == 200 else f" (HTTP {status})"
        rows.append((f"[{engine}] p95 {label}, {total} documents", f"{_p95(samples) * 1000:.0f} ms{note}"))
    store.close()
    return rows


def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [("load average at start (1 min; other work slows wall-clock figures)",
                                    f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")]
    with tempfile.TemporaryDirectory() as tmp:
        rows += _measure(f"sqlite:///{tmp}/bench.db", Path(tmp))
    pg = os.environ.get("JUESUAN_TEST_PG_URL", "")
    if "://" in pg:
        import uuid

        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        from juesuan.store import resolve_url

        admin = make_url(resolve_url(pg))
        name = f"juesuan_bench_{uuid.uuid4().hex[:8]}"
        eng = create_engine(admin, isolation_level="AUTOCOMMIT")
        with eng.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            with tempfile.TemporaryDirectory() as tmp:
                rows += _measure(admin.set(database=name).render_as_string(hide_password=False), Path(tmp))
        finally:
            with eng.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label}: {fig}")
