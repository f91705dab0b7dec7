"""The fuzz harness: build each case in a bounded worker, run it through what ``juesuan
check`` does, and classify the outcome.

Outcomes: ``report`` (exit 0/1: a valid JSON report), ``unreadable`` (exit 2: one line naming
the file and the reason), ``bound`` (a time or memory bound stopped it: also a clean exit 2
in the CLI, listed so slow inputs are seen), and the failures — ``internal`` (an exception
that is not a reading failure: a bug, exit 3), ``bad-message`` (exit 2 but not one line
naming the file), ``crashed`` (the worker process died).
"""

from __future__ import annotations

import heapq
import json
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from juesuan.fuzz.hostile import BUILDERS
from juesuan.limits import Limits, current

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


@dataclass(frozen=True)
class Probe:
    """What a worker gets for one case. ``ocr``: the OCR engine may be used; when False the
    case runs as if the OCR extra were not installed (its own clean path: a warning, scanned
    pages not read) — OCR of a damaged PDF's 19 pages takes a minute, on bitmaps that PDFium
    renders, so a run OCRs only a sample of the cases that need it."""

    case: Case
    bases_dir: str
    work_dir: str
    ocr: bool = True
    cli: bool = False  # run the real `juesuan check` in a subprocess (exit status, stdout, stderr)


_SEEN: dict[bytes, tuple[str, str]] = {}  # this worker's outcomes by input digest


def probe(arg: Probe | tuple) -> tuple[str, str, bool]:
    """In a worker: build the case, check it as the CLI would; (outcome, detail, repeat).
    An input byte-identical to one this worker has already checked (many structural builders
    make the same bomb each time) takes that outcome without a second run (``repeat``): the
    pipeline is deterministic, and the run reports how many inputs were distinct."""
    import hashlib

    pr = arg if isinstance(arg, Probe) else Probe(*arg)
    suffix, data = build(pr.case, Path(pr.bases_dir))
    key = hashlib.sha256(data).digest() + suffix.encode() + bytes([pr.ocr])
    if key in _SEEN:
        return (*_SEEN[key], True)
    path = Path(pr.work_dir) / f"{pr.case.name}.{suffix}"
    path.write_bytes(data)
    del data
    try:
        if pr.cli:
            outcome = check_cli(path, pr.ocr)
        else:
            with _ocr_engine(pr.ocr):
                outcome = check(path)
    finally:
        path.unlink(missing_ok=True)
    _SEEN[key] = outcome
    return (*outcome, False)


def check(path: Path) -> tuple[str, str]:
    """What ``juesuan check`` does with one file, classified: (outcome, detail)."""
    from juesuan.batch.task import load_document
    from juesuan.read.types import ReadError
    from juesuan.report import audit

    try:
        report = audit(load_document(str(path)))
        doc = json.loads(report.to_json())
        assert set(doc) >= {"document", "findings", "summary"}
        return "report", "errors" if report.has_errors else "clean"
    except ReadError as e:
        line = cli_line(e)
        if not clean_line(line, path.name):
            return "bad-message", line[:300]
        return "unreadable", e.why


def check_cli(path: Path, ocr: bool = True) -> tuple[str, str]:
    """``juesuan check --format json`` in a subprocess, judged by what a user sees: exit 0/1
    with a JSON report on stdout and nothing on stderr; exit 2 with exactly one line naming
    the file in Chinese; anything else (exit 3, a traceback, a stray library line) fails."""
    import os
    import subprocess
    import sys

    lim = current()
    env = {**os.environ, "JUESUAN_SECONDS": str(lim.seconds), "JUESUAN_CPU_SECONDS": str(lim.cpu_seconds)}
    if not ocr:
        env["JUESUAN_FUZZ_NO_OCR"] = "1"
    try:
        r = subprocess.run([sys.executable, "-m", "juesuan.fuzz.cli_probe", str(path)], capture_output=True,
                           text=True, timeout=lim.seconds + 60, env=env, errors="replace")
    except subprocess.TimeoutExpired:
        return "crashed", "juesuan check 超过墙钟上限仍未退出"
    err = r.stderr
    if r.returncode in (0, 1):
        try:
            doc = json.loads(r.stdout)
        except ValueError:
            return "bad-message", f"退出码 {r.returncode} 但标准输出不是 JSON 报告：{r.stdout[:200]!r}"
        if err.strip() or not set(doc) >= {"document", "findings", "summary"}:
            return "bad-message", f"报告之外还有标准错误输出：{err[:300]!r}"
        return "report", "errors" if r.returncode else "clean"
    if r.returncode == 2:
        line = err.rstrip("\n")
        if not clean_line(line, path.name) or "Traceback" in err:
            return "bad-message", err[:300]
        return "unreadable", line.split(path.name, 1)[1].lstrip("：: ")
    kind = "internal" if r.returncode == 3 else "crashed"
    return kind, f"退出码 {r.returncode}：{err[-300:]!r}"


def disable_ocr():
    """Make the OCR engine unavailable in this process (as if the OCR extra were not
    installed); returns what to restore."""
    from juesuan.read import ocr
    from juesuan.read.types import ReadError

    real = ocr.get_engine

    def not_installed(path: str = ""):
        raise ReadError(path or "<ocr>", ocr.INSTALL_HINT)

    ocr.get_engine = not_installed
    return real


@contextmanager
def _ocr_engine(available: bool) -> Iterator[None]:
    if available:
        yield
        return
    from juesuan.read import ocr

    real = disable_ocr()
    try:
        yield
    finally:
        ocr.get_engine = real


_CJK = re.compile(r"[\u4e00-\u9fff]")


def cli_line(e) -> str:
    """The line ``juesuan check`` prints for a ReadError (cli.io.load_or_exit)."""
    from juesuan.i18n import read_error, t

    return t("err.prefix") + read_error(e.path, e.why)


def clean_line(line: str, name: str) -> bool:
    """One line naming the file, with its reason in Chinese (not an English reason that no
    translation in i18n matched)."""
    if "\n" in line or name not in line:
        return False
    reason = line.split(name, 1)[1]
    return bool(_CJK.search(reason))


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
    bounded: list[tuple[str, str]] = field(default_factory=list)  # (case, reason) of "bound" outcomes
    peak_mb: float = 0.0  # the highest resident memory of any worker (a worker's peak only grows,
    peak_case: str = ""  # so the input that raised it is the one that needed it)
    seconds: float = 0.0  # wall-clock time of the whole run
    repeats: int = 0  # inputs byte-identical to one already checked (outcome reused)
    slowest: list[tuple[float, str, str]] = field(default_factory=list)  # (seconds, case, outcome)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    def note(self, case: Case, kind: str, detail: str, seconds: float) -> None:
        self.outcomes[kind] += 1
        self.by_builder.setdefault(case.builder, Counter())[kind] += 1
        if kind in ("unreadable", "bound"):
            from juesuan.i18n import translate_reason

            self.reasons[reason_kind(translate_reason(detail))] += 1
        if kind in FAILURES:
            self.failures.append((case.name, kind, detail))
        elif kind == "bound":  # clean, but worth a look: which inputs needed the worker bound
            self.bounded.append((case.name, detail))
        heapq.heappush(self.slowest, (seconds, case.name, kind))
        if len(self.slowest) > SLOWEST:
            heapq.heappop(self.slowest)


SLOWEST = 10  # the slowest inputs are listed: where a run's time goes


WALL_FACTOR = 5  # wall-clock bound = this × the CPU bound: a shared machine slows, a hang does not


def fuzz_limits(cpu_seconds: float | None = None, base: Limits | None = None) -> Limits:
    """The limits of a fuzz run: those in force, with the per-input CPU bound set to
    ``cpu_seconds`` and the wall-clock bound to WALL_FACTOR times it (an input still running
    then is a ``bound`` outcome). On a machine shared by others a worker gets a fraction of a
    core: a wall-clock bound alone would call slow-but-working inputs hangs, while a hang —
    a loop burns CPU, a blocked read waits — hits one bound or the other all the same."""
    lim = base or current()
    if cpu_seconds is None:
        return lim
    return replace(lim, cpu_seconds=cpu_seconds, seconds=cpu_seconds * WALL_FACTOR)


def run(n: int, workers: int = 2, seed: int = 0, builders: list[str] | None = None, progress=None,
        limits: Limits | None = None, ocr_every: int = 1, cli_every: int = 0) -> FuzzResult:
    """Build and check ``n`` cases in ``workers`` long-lived bounded worker processes (the
    batch's isolation: each input under the time and memory bounds of ``limits``; a worker
    that overruns is killed and replaced, failing only its own input). The OCR engine is
    available to one case in ``ocr_every`` (the others run as without the OCR extra); one case
    in ``cli_every`` runs through the real CLI in a subprocess (``check_cli``)."""
    from juesuan.batch.isolate import Pool
    from juesuan.fuzz.corpus import base_dir, write_bases

    bases = write_bases(base_dir())
    res = FuzzResult(Counter(), {}, Counter(), [])
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="juesuan-fuzz-") as work, \
            Pool(workers, limits or current(), context="forkserver") as pool:
        items = [Probe(c, str(bases), work, i % max(ocr_every, 1) == 0, bool(cli_every) and i % cli_every == 0)
                 for i, c in enumerate(cases(n, seed, builders))]
        try:
            for out in pool.run(probe, items):
                kind, detail, repeat = classify(out)
                res.note(out.item.case, kind, detail, out.seconds)
                if out.peak_mb > res.peak_mb:
                    res.peak_mb, res.peak_case = out.peak_mb, out.item.case.name
                res.repeats += repeat
                if progress is not None:
                    progress(kind)
        except KeyboardInterrupt:  # Ctrl-C: report what has run so far
            pass
    res.seconds = time.monotonic() - t0
    res.slowest.sort(reverse=True)
    return res


def classify(out) -> tuple[str, str, bool]:
    """(outcome, detail, repeat) of one isolate.Outcome."""
    if out.ok:
        return out.value
    if out.status in ("timeout", "memory"):
        return "bound", out.reason, False
    if out.status in ("unreadable", "error"):  # a ReadError while building, or a bug: not expected
        return "internal", out.reason, False
    return out.status, out.reason, False  # crashed
