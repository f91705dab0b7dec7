"""Recall of hand-found performance defects on the five seeds, and the P findings that match
no hand-found defect.

The record (tests/rules/performance/hand_found.yaml) was written by reading every seed's 预算绩效
narrative and self-evaluation tables before looking at what the rules report; the matching is
in tests/rules/performance/recall.py. ``run()`` prints per seed: defects in the record, found,
missed (with the record's reason, or "unexplained"), and every error/warning P finding that
matches no record entry (each must be reviewed: a true defect joins the record with a note, a
false alarm is a rule to fix).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def _recall_module():
    path = ROOT / "tests" / "rules" / "performance" / "recall.py"
    spec = importlib.util.spec_from_file_location("perf_recall", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["perf_recall"] = mod
    spec.loader.exec_module(mod)
    return mod


def run() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    results = _recall_module().audit_seeds(SEEDS)
    rows: list[tuple[str, str]] = []
    total = found = high = high_found = unmatched = 0
    for r in results:
        n_high = [e for e in r.entries if e.confidence != "low"]
        total += len(r.entries)
        found += len(r.found)
        high += len(n_high)
        high_found += len([e for e in r.found if e.confidence != "low"])
        unmatched += len(r.unmatched)
        rows.append((f"seed {r.seed}: defects / found / missed / unmatched findings",
                     f"{len(r.entries)} / {len(r.found)} / {len(r.missed)} / {len(r.unmatched)}"))
        for e in r.missed:
            rows.append((f"  missed {e.id} ({e.kind}{', low confidence' if e.confidence == 'low' else ''})",
                         e.known_gap or "unexplained"))
        for f in r.unmatched:
            rows.append((f"  unmatched [{f.rule} {f.severity.value}]", f.message[:90]))
    rows.append(("recall, all records", f"{found}/{total} = {found / total:.0%}" if total else "no seeds"))
    rows.append(("recall, high-confidence records", f"{high_found}/{high} = {high_found / high:.0%}" if high else "-"))
    rows.append(("unmatched error/warning P findings (false alarms unless added)", str(unmatched)))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label}: {fig}")
