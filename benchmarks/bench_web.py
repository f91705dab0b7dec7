"""Web pages of a PDF document: page-image render time (first, uncached) and p95 latency of
the document page and its page images (cached) on the real Shanghai sample."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples" / "上海市普陀区财政局2024年度部门决算.pdf"
REQUESTS = 30


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def run() -> list[tuple[str, str]]:
    from fastapi.testclient import TestClient

    from juesuan.api import create_app
    from juesuan.store import open_store
    from juesuan.web.pageimage import render_page_png

    if not SAMPLE.exists():
        return [("web pages", "skipped: ../shared/samples missing")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        client = TestClient(create_app(store))
        r = client.post("/api/documents", files={"file": (SAMPLE.name, SAMPLE.read_bytes(), "application/pdf")})
        doc = r.json()[0]["document_id"]
        first = []
        for page in range(1, 11):
            t0 = time.perf_counter()
            render_page_png(SAMPLE, page)
            first.append(time.perf_counter() - t0)
        rows.append(("page image, uncached render + PNG (pages 1–10, mean)", f"{statistics.mean(first) * 1000:.0f} ms"))
        for label, path in (("page /documents/{id} (PDF, 25 pages)", f"/documents/{doc}"),
                            ("page image, cached, with boxes", f"/documents/{doc}/pages/6.png?f=0"),
                            ("fragment /documents/{id}/pageview", f"/documents/{doc}/pageview?page=6&f=0")):
            client.get(path)  # warm the cache
            samples = []
            for _ in range(REQUESTS):
                t0 = time.perf_counter()
                assert client.get(path).status_code == 200
                samples.append(time.perf_counter() - t0)
            rows.append((f"{label}: p95 of {REQUESTS}", f"{_p95(samples) * 1000:.0f} ms"))
        store.close()
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label:60} {fig}")
