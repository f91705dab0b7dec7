"""The fuzz harness: build each case in a bounded worker, run it through what ``juesuan
check`` does, and classify the outcome.

Outcomes: ``report`` (exit 0/1: a valid JSON report), ``unreadable`` (exit 2: one line naming
the file and the reason), ``bound`` (a time or memory bound stopped it: also a clean exit 2
in the CLI, listed so slow inputs are seen), and the failures — ``internal`` (an exception
that is not a reading failure: a bug, exit 3), ``bad-message`` (exit 2 but not one line
naming the file), ``crashed`` (the worker process died).
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from juesuan.fuzz.hostile import BUILDERS

FAILURES = ("internal", "bad-message", "crashed")


@dataclass(frozen=True)
class Case:
    builder: str
    seed: int

    @property
    def name(self) -> str:
        return f"{self.builder}-{self.seed}"


def cases(n: int, seed: int = 0, builders: list[str] | None = None) -> Iterator[Case]:
    names = builders or sorted(BUILDERS)
    rng = random.Random(seed)
    for i in range(n):
        yield Case(names[i % len(names)], rng.randrange(2**31))


def build(case: Case, bases_dir: Path) -> tuple[str, bytes]:
    from juesuan.fuzz.corpus import load_bases

    return BUILDERS[case.builder](random.Random(case.seed), load_bases(bases_dir))


def probe(arg: tuple[Case, str, str]) -> tuple[str, str]:
    """In a worker: build the case, check it as the CLI would; (outcome, detail)."""
    from juesuan.batch.task import load_document
    from juesuan.read.types import ReadError
    from juesuan.report import audit

    case, bases_dir, work_dir = arg
    suffix, data = build(case, Path(bases_dir))
    path = Path(work_dir) / f"{case.name}.{suffix}"
    path.write_bytes(data)
    del data
    try:
        report = audit(load_document(str(path)))
        doc = json.loads(report.to_json())
        assert set(doc) >= {"document", "findings", "summary"}
        return "report", "errors" if report.has_errors else "clean"
    except ReadError as e:
        line = f"juesuan: {e}"
        if "\n" in line or path.name not in line:
            return "bad-message", line[:300]
        return "unreadable", e.why
    finally:
        path.unlink(missing_ok=True)


_DIGITS = re.compile(r"[\d,.]+")


def reason_kind(reason: str) -> str:
    """A reason without its numbers and file-specific tail: for counting by kind."""
    return _DIGITS.sub("N", reason.split("（")[0].split("(")[0])[:60]


@dataclass
class FuzzResult:
    outcomes: Counter
    by_builder: dict[str, Counter]
    reasons: Counter
    failures: list[tuple[str, str, str]]  # (case, outcome, detail)

    @property
    def ok(self) -> bool:
        return not self.failures


def run(n: int, workers: int = 2, seed: int = 0, builders: list[str] | None = None, progress=None) -> FuzzResult:
    from juesuan.batch.isolate import Pool
    from juesuan.fuzz.corpus import base_dir, write_bases
    from juesuan.limits import Limits, current

    bases = write_bases(base_dir())
    lim: Limits = current()
    outcomes: Counter = Counter()
    by_builder: dict[str, Counter] = {}
    reasons: Counter = Counter()
    failures: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="juesuan-fuzz-") as work, Pool(workers, lim, context="forkserver") as pool:
        items = [(c, str(bases), work) for c in cases(n, seed, builders)]
        try:
            _collect(pool.run(probe, items), outcomes, by_builder, reasons, failures, progress)
        except KeyboardInterrupt:  # Ctrl-C: report what has run so far
            pass
    return FuzzResult(outcomes, by_builder, reasons, failures)


def _collect(results, outcomes: Counter, by_builder: dict[str, Counter], reasons: Counter,
             failures: list[tuple[str, str, str]], progress) -> None:
    for out in results:
        case = out.item[0]
        if out.ok:
            kind, detail = out.value
        elif out.status in ("timeout", "memory"):
            kind, detail = "bound", out.reason
        elif out.status == "unreadable":  # a ReadError raised while building: not expected
            kind, detail = "internal", out.reason
        else:
            kind, detail = {"error": "internal"}.get(out.status, out.status), out.reason
        outcomes[kind] += 1
        by_builder.setdefault(case.builder, Counter())[kind] += 1
        if kind in ("unreadable", "bound"):
            reasons[reason_kind(detail)] += 1
        if kind in FAILURES:
            failures.append((case.name, kind, detail))
        if progress is not None:
            progress(kind)
