"""A batch: many files → bounded workers (or a Dask cluster) → the store, resumably.

1. ``collect``: files, folders (recursive) and glob patterns → regular files.
2. ``plan``: hash each file; a file whose bytes the store already holds a result for (same
   juesuan and rule-set version) is skipped, so an interrupted batch resumes where it
   stopped; the same bytes under two names are read once.
3. ``execute``: each job runs in a bounded worker (``isolate.Pool``) or on a Dask cluster
   (``batch.cluster``); every result is saved to the store as soon as it arrives — a
   failure (timeout, memory, crash, unreadable) is saved too, with its reason.
4. The summary and the output files are built from the store, so a resumed batch reports
   every document, including those finished by an earlier run.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.batch.isolate import Outcome, Pool
from juesuan.batch.task import DocResult, Job, check_file
from juesuan.limits import Limits

# What happened to a file in this run (Chinese labels for the summary and the workbook).
# run statuses of a file that failed alone (its reason is recorded; the batch went on)
FAILED_RUNS = ("unreadable", "error", "timeout", "memory", "crashed")
RUN_LABELS = {
    "ok": "已完成",
    "unreadable": "无法读取",
    "error": "内部错误",
    "timeout": "超时",
    "memory": "内存超限",
    "crashed": "进程崩溃",
    "skipped": "已跳过（先前已完成）",
    "duplicate": "重复文件",
}


@dataclass
class FileEntry:
    path: Path
    content_hash: str = ""
    size: int = 0
    run_status: str = ""  # a RUN_LABELS key
    reason: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0


@dataclass
class BatchResult:
    entries: list[FileEntry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # arguments that matched no file
    interrupted: bool = False

    def by_status(self) -> Counter:
        return Counter(e.run_status for e in self.entries)


# ----------------------------------------------------------------------------- collect


def collect(args: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Files named, found under folders (recursively; hidden names skipped) or matched by
    glob patterns; each once, in a stable order. Also the arguments that matched nothing."""
    seen: set[Path] = set()
    out: list[Path] = []
    missing: list[str] = []

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen and p.is_file():
            seen.add(key)
            out.append(p)

    for arg in args:
        p = Path(arg)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        add(Path(root) / name)
        elif p.exists():
            add(p)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            found = [Path(m) for m in matches if Path(m).is_file()]
            for m in matches:
                if Path(m).is_dir():
                    found.extend(collect([m])[0])
            if not found:
                missing.append(arg)
            for f in found:
                add(f)
    return out, missing


def file_hash(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


# ----------------------------------------------------------------------------- plan


def plan(files: list[Path], store: Any, html: bool) -> tuple[list[FileEntry], list[Job]]:
    """Entries for every file and the jobs still to run (unfinished, first copy of each
    content)."""
    from juesuan.store import juesuan_version, ruleset_version

    jv, rv = juesuan_version(), ruleset_version()
    entries: list[FileEntry] = []
    jobs: list[Job] = []
    queued: set[str] = set()
    for p in files:
        e = FileEntry(p)
        entries.append(e)
        try:
            e.content_hash, e.size = file_hash(p)
        except OSError as err:
            e.run_status, e.reason = "unreadable", f"无法打开（{err.strerror or err}）"
            continue
        if e.content_hash in queued:
            e.run_status = "duplicate"
        elif store.has_result(e.content_hash, jv, rv):
            e.run_status = "skipped"
        else:
            queued.add(e.content_hash)
            jobs.append(Job(str(p), e.content_hash, e.size, html))
    return entries, jobs


# ----------------------------------------------------------------------------- execute


def run_local(jobs: list[Job], workers: int, limits: Limits,
              on_page: Callable[[Job, tuple], None] | None = None,
              on_tick: Callable[[], None] | None = None) -> Generator[Outcome, None, None]:
    """Outcomes of ``jobs`` in bounded local workers; ``on_page(job, (done, total))`` as each
    worker reads a page; ``on_tick()`` at least once a second while they work."""
    with Pool(workers, limits, context="forkserver", on_progress=on_page, on_tick=on_tick) as pool:
        yield from pool.run(check_file, jobs)


class Saver:
    """Results saved in groups: the documents that finish close together share one
    transaction, committed once ``every`` documents are waiting or the oldest has waited
    ``seconds`` (checked as results arrive and on ``tick``), and at the end or on an
    interrupt (``flush``). A kill loses at most that group, which a rerun redoes — nothing
    is skipped that was not saved."""

    def __init__(self, store: Any, every: int = 32, seconds: float = 1.0):
        self.store, self.every, self.seconds = store, every, seconds
        self.waiting: list[Any] = []
        self.since = 0.0  # when the oldest waiting result arrived

    def add(self, *args: Any, **kw: Any) -> None:
        """``Store.save``'s arguments."""
        if not self.waiting:
            self.since = time.monotonic()
        self.waiting.append(self.store.pending(*args, **kw))
        self.tick()

    def tick(self) -> None:
        if len(self.waiting) >= self.every or (self.waiting and time.monotonic() - self.since >= self.seconds):
            self.flush()

    def flush(self) -> None:
        waiting, self.waiting = self.waiting, []
        self.store.save_all(waiting)


def save_outcome(saver: Saver, out: Outcome, entry: FileEntry, html_dir: Path | None) -> DocResult | None:
    """Record one finished job (a failure with its reason) and write its HTML."""
    job: Job = out.item
    entry.seconds, entry.peak_mb = out.seconds, out.peak_mb
    result: DocResult | None = out.value if out.ok else None
    name = Path(job.path).name
    if result is not None:
        doc = result.doc
        entry.run_status = "ok" if doc is not None else "unreadable"
        entry.reason = result.error or ""
        saver.add(name, job.content_hash, result.format, doc, result.findings_report if doc is not None else None,
                  result.error, result.seconds, size=job.size, units=result.units)
        if html_dir is not None and result.html is not None:
            _write_html(html_dir, Path(job.path), result.html)
    else:
        entry.run_status, entry.reason = out.status, out.reason
        saver.add(name, job.content_hash, sniff_format(Path(job.path)), None, None, out.reason, out.seconds,
                  size=job.size)
    return result


def sniff_format(path: Path) -> str:
    from juesuan.read import detect_format

    try:
        with path.open("rb") as f:
            return detect_format(f.read(1 << 16))
    except OSError:
        return "unknown"


def _write_html(out_dir: Path, src: Path, html: str) -> None:
    target = out_dir / "reports" / (src.stem + ".html")
    n = 1
    while target.exists() or target.is_symlink():  # two files with one stem; or a link planted there
        n += 1
        target = out_dir / "reports" / f"{src.stem}-{n}.html"
    from juesuan.safeio import write_atomic

    write_atomic(target, html)  # never through a symlink planted in the output folder


def execute(store: Any, entries: list[FileEntry], jobs: list[Job], outcomes: Iterable[Outcome],
            html_dir: Path | None, on_done: Callable[[FileEntry, DocResult | None], None] | None = None,
            saver: Saver | None = None) -> None:
    """Save each outcome (through ``saver``, grouped; by default a new one on ``store``) and
    report it to ``on_done``; whatever is waiting is saved when the outcomes end or are
    interrupted."""
    saver = saver or Saver(store)
    by_hash = {e.content_hash: e for e in entries if e.run_status == ""}
    try:
        for out in outcomes:
            entry = by_hash[out.item.content_hash]
            result = save_outcome(saver, out, entry, html_dir)
            if on_done is not None:
                on_done(entry, result)
    finally:
        saver.flush()
