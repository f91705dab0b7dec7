"""Extraction speed per seed: median wall time of the whole text pipeline (read → locate →
extract → repair → claims), and the cells and claims it yields."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
RUNS = 9


def run() -> list[tuple[str, str]]:
    from juesuan.pipeline import load

    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        load(path)  # warm caches (catalogue, regexes)
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            doc = load(path)
            times.append(time.perf_counter() - t0)
        rows.append((
            f"seed {path.name[:3]} median of {RUNS}",
            f"{statistics.median(times) * 1000:.1f} ms  ({len(doc.all_cells())} cells, {len(doc.claims)} claims, "
            f"{len(doc.repairs)} repairs, {len(doc.tables_found())}/9 tables)",
        ))
    return rows
