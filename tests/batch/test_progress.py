"""Per-page progress crosses the worker boundary: the page hook the readers call
(read.page_progress) in a bounded worker reaches the parent's (the CLI's bar, the
batch's per-file bars)."""

from __future__ import annotations

import io
import multiprocessing
from pathlib import Path

from rich.console import Console

from juesuan.batch import isolate
from juesuan.batch.summary import BatchProgress
from juesuan.batch.task import Job, load_bounded
from juesuan.read import page_done

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"


def _three_pages(item):
    for k in (1, 2, 3):
        page_done(k, 3)
    return item * 2


def test_worker_progress_reaches_the_parent():
    seen: list[tuple] = []
    assert isolate.run_one(_in_worker, 21, on_progress=lambda item, payload: seen.append((item, payload))) == 42
    assert seen == [(21, (1, 3)), (21, (2, 3)), (21, (3, 3))]
    assert _in_worker(1) == 2  # outside a worker: no channel, no error


def _in_worker(item):
    from juesuan.batch.task import pages_to_parent

    with pages_to_parent():
        return _three_pages(item)


def test_progress_outside_a_worker_is_a_no_op():
    assert not isolate.in_worker()
    isolate.progress(1, 2)


def test_load_bounded_passes_pages_to_the_hook(monkeypatch):
    import importlib

    reading = importlib.import_module("juesuan.read")  # (juesuan.read is the package's read())
    real = reading.read_source

    def paged(path):
        page_done(1, 2)
        page_done(2, 2)
        return real(path)

    monkeypatch.setattr(reading, "read_source", paged)  # what the worker runs
    # a forked worker inherits the patch (earlier tests may have left threads, which would
    # make the pool pick a forkserver)
    monkeypatch.setattr(isolate, "_context", lambda kind=None: multiprocessing.get_context("fork"))
    pages: list[tuple[int, int]] = []
    doc = load_bounded(SAMPLE, lambda d, t: pages.append((d, t)))
    assert pages == [(1, 2), (2, 2)] and doc.meta.department


def test_batch_shows_a_bar_per_file_being_read():
    out = io.StringIO()
    con = Console(file=out, force_terminal=True, width=100)
    job = Job("/data/扫描件.pdf", "h", 1)
    with BatchProgress(con, total=2, done_before=0) as bp:
        bp.page(job, (3, 25))
        assert [t.description for t in bp.pages.tasks] == ["扫描件.pdf"]
        assert bp.pages.tasks[0].completed == 3 and bp.pages.tasks[0].total == 25
        from juesuan.batch.runner import FileEntry

        bp.advance(FileEntry(Path(job.path), run_status="ok"), None)
        assert not bp.pages.tasks  # the file is done: its bar is gone
    assert "批量检查" in out.getvalue()


def test_a_pdf_read_in_a_worker_reports_each_page():
    """The real reader in the bounded worker the CLI uses: every page reaches the hook."""
    from juesuan.fuzz.corpus import base_dir, write_bases

    pdf = write_bases(base_dir()) / "base.pdf"
    pages: list[tuple[int, int]] = []
    doc = load_bounded(pdf, lambda d, t: pages.append((d, t)))
    n = pages[-1][1]
    assert n > 1 and pages[-1] == (n, n) and [d for d, _ in pages] == sorted(d for d, _ in pages)
    assert doc.meta.department


def test_load_bounded_shows_its_display_while_the_worker_reads(monkeypatch):
    # the display (the CLI's progress bar) is entered once the worker runs and its hook gets
    # the pages; it is left when the read is done
    import contextlib
    import importlib

    reading = importlib.import_module("juesuan.read")  # (juesuan.read is the package's read())
    real = reading.read_source

    def paged(path):
        page_done(1, 1)
        return real(path)

    monkeypatch.setattr(reading, "read_source", paged)
    monkeypatch.setattr(isolate, "_context", lambda kind=None: multiprocessing.get_context("fork"))
    events: list[object] = []

    @contextlib.contextmanager
    def display():
        events.append("shown")
        yield lambda d, t: events.append((d, t))
        events.append("gone")

    doc = load_bounded(SAMPLE, display=display)
    assert events == ["shown", (1, 1), "gone"] and doc.meta.department


def test_a_display_with_a_thread_does_not_keep_the_worker_from_forking():
    """A progress display runs a thread. It starts once the worker runs, so the worker is
    forked from this process (its parent is this process), not made by a server process (a
    fresh interpreter and its imports)."""
    import subprocess
    import sys

    code = (
        "import contextlib, os, threading\n"
        "from juesuan.batch import isolate\n"
        "stop = threading.Event()\n"
        "def parent(_):\n"
        "    return os.getppid()\n"
        "@contextlib.contextmanager\n"
        "def display():\n"
        "    t = threading.Thread(target=stop.wait)\n"
        "    t.start()\n"
        "    try:\n"
        "        yield\n"
        "    finally:\n"
        "        stop.set()\n"
        "        t.join()\n"
        "print(isolate.run_one(parent, None, started=display) == os.getpid())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
