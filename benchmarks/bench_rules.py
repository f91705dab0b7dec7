"""Rule catalogue benchmark: mutation detection rate and findings per document.

``run()`` returns (label, figure) rows: the mutation rate (share of single-cell mutations,
+1.00 and ×10, of cells taking part in an identity, that produce a finding naming the cell)
and the number of findings by severity, for the synthetic department and for every seed
that the pipeline can read.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def _docs():
    sys.path.insert(0, str(ROOT))
    from tests.rules.builders import department

    yield "synthetic", department()
    from juesuan.pipeline import load

    for p in sorted(SEEDS.glob("*.txt")):
        try:
            yield p.name[:3], load(p)
        except Exception as e:  # an unreadable seed is reported, not fatal
            print(f"{p.name}: {e}", file=sys.stderr)


def run() -> list[tuple[str, str]]:
    from juesuan.rules import run_rules
    from juesuan.rules.mutation import mutation_test

    rows: list[tuple[str, str]] = []
    for name, doc in _docs():
        t0 = time.perf_counter()
        m = mutation_test(doc)
        dt = time.perf_counter() - t0
        findings = run_rules(doc)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        rows.append((f"{name} mutation rate", f"{m.rate:.3f} ({m.caught}/{m.total} mutations of {m.cells} cells, {dt:.2f}s)"))
        rows.append((f"{name} findings", f"{len(findings)} (error {counts['error']}, warning {counts['warning']}, info {counts['info']})"))
    return rows


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:32} {figure}")
