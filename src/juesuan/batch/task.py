"""What a worker process does with one document (module-level functions, so they pickle)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from juesuan.read.types import ReadError

if TYPE_CHECKING:
    from juesuan.batch.isolate import Pool
    from juesuan.model import Disclosure
    from juesuan.read.types import Source
    from juesuan.store.store import Prepared

PageHook = Callable[[int, int], None]  # (page done, page count)


def load_document(path: str) -> Disclosure:
    """read → model for one file, refusing what cannot be read (ReadError)."""
    from juesuan.pipeline import load

    p = Path(path)
    _refuse_special(p)
    with pages_to_parent():
        return load(p)


def read_stage(path: str) -> Source | Disclosure:
    """What a command's bounded worker does with a file: read it into a Source, for the command
    to build the model from (``load_bounded``), or load a model JSON whole. Reading is where a
    file's bytes meet the parsers — C libraries among them, which a hostile file can hang or
    crash — and so what the worker's bounds are for."""
    from juesuan.gcpause import gc_paused
    from juesuan.read import is_model_json, read_source, reads_text

    p = Path(path)
    _refuse_special(p)
    if is_model_json(p):
        from juesuan.pipeline import load_json

        return load_json(p)
    # (a text's lines read with the collector paused, as pipeline.load does: see there)
    with pages_to_parent(), gc_paused() if reads_text(p) else nullcontext():
        return read_source(p)


@contextmanager
def pages_to_parent() -> Iterator[None]:
    """In a bounded worker, each page the PDF and image readers finish (their hook,
    ``read.page_progress``) is reported to the parent (isolate.progress: ``(done,
    total)``), which shows it; elsewhere the caller's own page hook stays."""
    from juesuan.batch.isolate import in_worker, progress
    from juesuan.read import page_progress

    if not in_worker():
        yield
        return
    with page_progress(progress):
        yield


def _refuse_special(p: Path) -> None:
    """A FIFO, socket or device would block a reader forever: refuse it up front (a missing
    file is left to the reader, which names it)."""
    from juesuan.read import require_regular

    if p.exists() or p.is_symlink():
        require_regular(p)


# A read started before the command line was parsed (``start_reading``): the path, when it
# started, and the pool whose worker has it. At most one; taken by ``load_bounded``.
_early: list[tuple[str, float, Pool]] = []


def start_reading(path: str | Path) -> None:
    """Start reading ``path`` in a bounded worker now, for a ``load_bounded(path)`` to come.
    A command calls this before Typer is even imported (``cli.early``): the worker reads while
    the command's process imports Typer, parses its command line and prepares the build, so
    on two cores those cost no wait. A read no command takes is dropped (``drop_early_read``)."""
    import time

    from juesuan.batch.isolate import Pool, isolating

    drop_early_read()
    if not isolating():
        return
    pool = Pool(1)
    pool.hand(read_stage, str(path))
    _early.append((str(path), time.monotonic(), pool))


def drop_early_read() -> None:
    """Stop a read started early that no command took (its worker is killed)."""
    while _early:
        _early.pop()[2].close(kill=True)


def _take_early_read(path: str) -> tuple[float, Pool] | None:
    """The early read of ``path`` under the current limits, if one was started (when it
    started, its pool); a read of another file, or under other limits, is dropped."""
    from juesuan.limits import current

    if _early and _early[0][0] == path and _early[0][2].limits == current():
        _, started, pool = _early.pop()
        return started, pool
    drop_early_read()
    return None


def load_bounded(path: str | Path, on_page: PageHook | None = None,
                 display: Callable[[], AbstractContextManager[PageHook | None]] | None = None,
                 prepare: Callable[[], None] | None = None) -> Disclosure:
    """``load_document`` for a command: the file read in a bounded worker process
    (juesuan.limits: time, CPU, memory; ``read_stage``) while this process imports the
    stages that build the model (``isolate.run_one``'s ``meanwhile``: on two cores the
    imports cost no wait), then the model built here, within what is left of the
    document's time (``limits.deadline``).
    Every failure is a ReadError naming the file and the reason; a bug in a reader or in the
    build raises ``isolate.TaskFailed`` with status "error". ``on_page(done, total)`` is called
    as the worker reads each page (a scan: seconds a page). ``display()``, a progress display
    yielding such a hook (or None), is shown once the worker runs (``isolate.run_one``).
    ``prepare()``, the caller's own preparation for what it does with the model (importing
    the rules, say), runs while the worker reads too."""
    import time

    from juesuan.batch.isolate import TOO_DEEP, Outcome, TaskFailed, describe, run_one
    from juesuan.limits import current, deadline
    from juesuan.read import page_progress

    p = str(path)
    _refuse_special(Path(p))
    hooks: list[PageHook] = [] if on_page is None else [on_page]

    def each_page(done: int, total: int) -> None:
        for hook in hooks:
            hook(done, total)

    @contextmanager
    def shown() -> Iterator[None]:
        with nullcontext() if display is None else display() as hook:
            if hook is not None:
                hooks.append(hook)
            # (the hooks as such when the read runs in this process: JUESUAN_ISOLATE=0)
            with page_progress(each_page) if hooks else nullcontext():
                yield

    early = _take_early_read(p)
    t0, handed = early if early is not None else (time.monotonic(), None)
    try:
        value = run_one(read_stage, p, on_progress=lambda item, payload: each_page(*payload), started=shown,
                        meanwhile=partial(_prepare_build, prepare), handed=handed)
    except TaskFailed as e:
        if e.outcome.status == "error":
            raise
        raise ReadError(p, e.outcome.reason) from None
    from juesuan.model import Disclosure
    from juesuan.pipeline import build

    if isinstance(value, Disclosure):
        return value
    try:
        with deadline(p, current().seconds - (time.monotonic() - t0)):
            return build(value)
    except ReadError:
        raise
    except RecursionError:  # (as the worker words it)
        raise ReadError(p, TOO_DEEP) from None
    except Exception as e:  # a bug in a stage: as from the worker, never "cannot read"
        raise TaskFailed(Outcome(0, p, "error", reason=describe(e))) from e


def _prepare_build(then: Callable[[], None] | None = None) -> None:
    """What building the model needs before it starts, prepared while the worker reads: the
    stages after reading (the model, locate, extract, repair: most of a command's imports)
    and the classification catalogue, which every document's tables look up; then the
    caller's own ``then()``."""
    import juesuan.pipeline  # noqa: F401
    from juesuan import catalogue

    catalogue.load()
    if then is not None:
        then()


@dataclass
class Job:
    """One input file of a batch (what crosses to a worker: small and picklable)."""

    path: str
    content_hash: str
    size: int
    html: bool = False  # also render the per-document HTML report


@dataclass
class DocResult:
    """What a worker computed for one file; the parent saves it to the store."""

    job: Job
    format: str
    # The model as the store keeps it (``store.prepare``: compressed JSON and the cell and
    # claim rows), None when the file could not be read. It crosses the pipe as bytes and
    # rows: the parent saves them without rebuilding the model (unpickling the pydantic model,
    # or validating its JSON, cost the parent more than the rest of a save).
    doc: Prepared | None
    findings: list[dict[str, Any]] = field(default_factory=list)
    # what the audit checked (rule × table, and why a rule was not checked): the store keeps
    # it so a stored report says what it did not check
    coverage: list[Any] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    units: list[str] = field(default_factory=list)
    html: str | None = None

    def disclosure(self) -> Disclosure | None:
        return None if self.doc is None else self.doc.model()

    @property
    def findings_report(self) -> Any:
        """``Store.save`` takes a report-like object with ``findings`` and ``coverage``."""
        return SimpleNamespace(findings=self.findings, coverage=self.coverage)


def check_file(job: Job) -> DocResult:
    """read → model → audit for one batch file (run inside a bounded worker). A file that
    cannot be read is a result with its reason, never an exception."""
    from juesuan.store.reading import read_and_audit

    with pages_to_parent():
        r = read_and_audit(Path(job.path))
    findings = [f.to_dict() for f in r.report.findings] if r.report is not None else []
    html = None
    if job.html and r.report is not None:
        from juesuan.report import to_html

        html = to_html(r.report)
    from juesuan.store.store import prepare

    doc = prepare(r.disclosure) if r.disclosure is not None else None
    coverage = list(r.report.coverage) if r.report is not None else []
    return DocResult(job, r.format, doc, findings, coverage, r.error, r.elapsed_s, list(r.units), html)
