"""A command's load (batch.task.load_bounded): the file read in a bounded worker while this
process prepares the build, the model built here within the document's time
(limits.deadline), and every failure still one clear reason."""

from __future__ import annotations

import importlib
import re
import time
from pathlib import Path

import pytest

from batch.hostile_tasks import wait_for_mark
from juesuan.batch.isolate import run_one
from juesuan.batch.task import load_bounded, read_stage
from juesuan.limits import deadline, out_of_time
from juesuan.read.types import ReadError, Source

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"


def test_meanwhile_runs_while_the_worker_has_the_task(tmp_path):
    """The task only ends once the parent removes its mark: it can only succeed if
    ``meanwhile`` runs while the worker is on the task, not before or after it."""
    mark = tmp_path / "mark"
    seen: list[str] = []

    def meanwhile() -> None:
        end = time.monotonic() + 60
        while not mark.exists() and time.monotonic() < end:
            time.sleep(0.01)
        seen.append(mark.read_text())
        mark.unlink()

    assert run_one(wait_for_mark, str(mark), meanwhile=meanwhile) == "seen"
    assert seen == ["started"]


def test_the_worker_reads_and_this_process_builds():
    src = read_stage(str(SAMPLE))
    assert isinstance(src, Source) and src.lines
    doc = load_bounded(SAMPLE)
    assert doc.meta.department and doc.tables


def test_a_model_json_is_loaded_whole_in_the_worker(tmp_path):
    doc = load_bounded(SAMPLE)
    p = tmp_path / "model.json"
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    back = load_bounded(p)
    assert back.model_dump() == doc.model_dump()


def test_a_build_past_the_documents_time_is_a_read_error(monkeypatch):
    pipeline = importlib.import_module("juesuan.pipeline")

    def endless(src):
        while True:
            pass

    monkeypatch.setenv("JUESUAN_SECONDS", "1")
    monkeypatch.setattr(pipeline, "build", endless)
    with pytest.raises(ReadError) as e:
        load_bounded(SAMPLE)
    assert e.value.why == out_of_time(1) and str(SAMPLE) in str(e.value)


def test_a_build_that_recurses_without_end_is_unreadable(monkeypatch):
    pipeline = importlib.import_module("juesuan.pipeline")

    def deep(src):
        return deep(src)

    monkeypatch.setattr(pipeline, "build", deep)
    with pytest.raises(ReadError) as e:
        load_bounded(SAMPLE)
    assert "嵌套过深" in e.value.why


def test_deadline_stops_a_loop_that_catches_every_exception():
    with pytest.raises(ReadError) as e:
        with deadline("x.pdf", 0.2):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # the timer's exception is not one of these
                    pass
    assert e.value.path == "x.pdf" and "处理时间超过" in e.value.why


def test_deadline_interrupts_a_backtracking_regex():
    with pytest.raises(ReadError):
        with deadline("x.txt", 0.2):
            re.match(r"(a+)+$", "a" * 40 + "b")  # ~2^40 steps unless interrupted


def test_deadline_leaves_a_quick_block_and_the_signal_as_they_were():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with deadline("x.txt", 30):
        value = sum(range(10))
    assert value == 45
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_deadline_outside_the_main_thread_runs_the_block_unbounded():
    import threading

    got: list[int] = []
    t = threading.Thread(target=lambda: got.append(_guarded()))
    t.start()
    t.join()
    assert got == [3]


def _guarded() -> int:
    with deadline("x.txt", 0.001):
        return 1 + 2


def test_isolation_off_still_prepares_the_build(monkeypatch):
    monkeypatch.setenv("JUESUAN_ISOLATE", "0")
    called: list[bool] = []
    assert run_one(str.upper, "a", meanwhile=lambda: called.append(True)) == "A"
    assert called == [True]


def test_the_callers_preparation_runs_once_with_the_builds():
    called: list[str] = []
    doc = load_bounded(SAMPLE, prepare=lambda: called.append("prepared"))
    assert called == ["prepared"] and doc.tables
