"""Recall of the hand-found performance defects (hand_found.yaml) and the P findings that match
none of them. Used by ``test_hand_found.py`` (which pins the floor) and by
``benchmarks/bench_perf_recall.py`` (which prints the per-seed figures).

A record is *found* when a finding (root or nested, any severity) of one of the rules its kind
maps to names the record's project (substring of the message) and, when the record names one,
its indicator or one of its ``rows``; a record about the narrative as a whole (project "") needs
its ``key`` (or one of its rows) in the message instead. A root P finding of severity error or
warning whose root and nested messages match no record is *unmatched*: each is reviewed by hand
— a true defect joins the record (with a note), a false alarm is a rule to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

RECORD = Path(__file__).resolve().parent / "hand_found.yaml"

# which rules may report each kind of defect of the record (the record's own taxonomy)
KIND_RULES: dict[str, set[str]] = {
    "unit": {"P-indicator-unit", "U-yuan-for-wan"},
    "text-vs-numbers": {"P-text-numbers", "P-unspent-full-marks"},
    "rate-zero-base": {"P-zero-budget"},
    "overall-funds": {"P-overall-funds"},
    "met-but-deducted": {"P-indicator-score", "P-footnote-score"},
    "duplicate": {"P-duplicate-indicator"},
    "other-year": {"P-other-year"},
    "rate-score": {"P-rate-score"},
    "rate-score-rounded": {"P-rate-score"},
    "weight-sum": {"P-weight-sum", "P-heading-weight", "P-total-score"},
    "footnote-score": {"P-footnote-score", "P-indicator-score"},
    "narrative-attachment": {"P-narrative-attachment"},
    "actual-as-target": {"P-actual-bounded"},
    "narrative-score-range": {"P-score-range"},
    "blank": {"P-blank-total"},
    "deviation": {"P-deviation"},
    "explanation-direction": {"P-target-low"},
    "target-low": {"P-target-low", "P-indicator-score"},
    "narrative-count": {"P-narrative-count"},
    "name-target": {"P-name-target"},
    "rate": {"P-execution-rate"},
    "not-met-full-marks": {"P-indicator-score"},
}


@dataclass
class Entry:
    id: str
    kind: str
    project: str
    indicator: str = ""
    rows: list[str] = field(default_factory=list)
    key: str = ""
    confidence: str = "high"
    known_gap: str = ""
    what: str = ""

    def matches(self, rule: str, message: str) -> bool:
        if rule not in KIND_RULES[self.kind]:
            return False
        message = _norm(message)
        if self.project and _norm(self.project) not in message:
            return False
        named = [n for n in ([self.indicator] if self.indicator else []) + self.rows if n]
        if not self.project and self.key:
            named.append(self.key)
        return not named or any(_norm(n) in message for n in named)


def _norm(text: str) -> str:
    """Names as readers print them: full-width brackets and commas as ASCII, no spaces."""
    return text.translate(str.maketrans("（），：", "(),:")).replace(" ", "")


def load_record(path: Path = RECORD) -> dict[str, list[Entry]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for seed, entries in data["seeds"].items():
        out[seed] = [Entry(**{k: v for k, v in e.items() if k in Entry.__dataclass_fields__}) for e in entries]
    return out


def _messages(f) -> Iterable[tuple[str, str]]:
    yield f.rule, f.message
    for c in f.consequences:
        yield from _messages(c)


@dataclass
class SeedResult:
    seed: str
    entries: list[Entry]
    found: list[Entry]
    missed: list[Entry]
    unmatched: list  # root P findings (error/warning) that match no entry


def score(seed: str, entries: list[Entry], findings: list) -> SeedResult:
    """Match one seed's audit findings against its record."""
    found = [e for e in entries if any(e.matches(r, m) for f in findings for r, m in _messages(f))]
    unmatched = [f for f in findings if f.rule.startswith("P") and f.severity.value in ("error", "warning")
                 and not any(e.matches(r, m) for e in entries for r, m in _messages(f))]
    return SeedResult(seed, entries, found, [e for e in entries if e not in found], unmatched)


def audit_seeds(seeds_dir: Path) -> list[SeedResult]:
    import juesuan

    record = load_record()
    out = []
    for seed, entries in sorted(record.items()):
        paths = sorted(seeds_dir.glob(f"{seed}_*.txt"))
        if not paths:
            continue
        report = juesuan.audit(juesuan.read(paths[0]))
        out.append(score(seed, entries, report.findings))
    return out
