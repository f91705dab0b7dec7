"""The bounded worker pool: every kind of misbehaving task fails alone, with its reason,
and the pool goes on with fresh workers."""

from __future__ import annotations

import pytest

from batch.hostile_tasks import behave, frozen
from juesuan.batch.isolate import Pool, TaskFailed, run_one
from juesuan.limits import Limits


def test_each_failure_is_isolated_and_named():
    lim = Limits(seconds=3, cpu_seconds=60, memory_mb=400)
    items = ["a", "sleep", "b", "hog", "segfault", "raise", "unreadable", "c"]
    with Pool(2, lim) as pool:
        got = {o.item: o for o in pool.run(behave, items)}
    assert set(got) == set(items)
    for ok in ("a", "b", "c"):
        assert got[ok].ok and got[ok].value == ok.upper()
    assert got["sleep"].status == "timeout" and "3 秒" in got["sleep"].reason
    assert got["hog"].status == "memory" and "400 MB" in got["hog"].reason
    assert got["segfault"].status == "crashed" and "SIGSEGV" in got["segfault"].reason
    assert got["raise"].status == "error" and got["raise"].reason == "内部错误 ValueError: boom"
    assert got["unreadable"].status == "unreadable" and got["unreadable"].reason == "损坏的文件"


def test_cpu_bound_holds_even_when_wall_clock_is_generous():
    lim = Limits(seconds=120, cpu_seconds=1, memory_mb=1024)
    with pytest.raises(TaskFailed) as e:
        run_one(behave, "spin", lim)
    assert e.value.outcome.status == "timeout" and "CPU" in e.value.outcome.reason


def test_a_long_lived_worker_is_not_killed_by_its_lifetime_cpu():
    """Each task has its own CPU budget: one worker serving many tasks whose CPU adds up to
    several budgets fails none of them (the fuzz run's spurious 'bound' results: a worker
    killed at its first task's lowered hard limit, blaming the document it was reading)."""
    # a budget of 2 s (not 1): 0.4 s of burning plus the worker's own overhead stays well
    # inside it even on a loaded machine, and 24 tasks still spend about 5 budgets in total
    lim = Limits(seconds=60, cpu_seconds=2, memory_mb=1024)
    items = [f"burn{k}" for k in range(24)]  # 0.4 s each: about 10 s of the worker's CPU
    with Pool(1, lim) as pool:
        outs = list(pool.run(behave, items))
    bad = [(o.item, o.status, o.reason) for o in outs if o.status != "ok"]
    assert len(outs) == len(items) and not bad, bad


def test_results_keep_their_index_and_order_is_by_completion():
    with Pool(2, Limits(seconds=30)) as pool:
        outs = list(pool.run(behave, ["x", "y", "z"]))
    assert sorted(o.index for o in outs) == [0, 1, 2]
    assert {o.value for o in outs} == {"X", "Y", "Z"}


def test_saver_groups_results_and_saves_all_by_the_end():
    from juesuan.batch.runner import Saver

    class FakeStore:
        def __init__(self):
            self.groups: list[list[str]] = []

        def pending(self, name, *args, **kw):
            return name

        def save_all(self, items):
            if items:
                self.groups.append(list(items))

    store = FakeStore()
    saver = Saver(store, every=3, seconds=3600)
    for k in range(7):
        saver.add(f"d{k}", "h", "text", None, None, None, 0.0)
    assert store.groups == [["d0", "d1", "d2"], ["d3", "d4", "d5"]]  # full groups committed
    saver.tick()
    assert len(store.groups) == 2  # d6 waits: neither full nor old
    saver.flush()  # the end of the batch, or an interrupt
    assert store.groups[-1] == ["d6"]
    timed = Saver(store, every=100, seconds=0.0)
    timed.add("t0", "h", "text", None, None, None, 0.0)
    assert store.groups[-1] == ["t0"]  # waited its time: saved at once


def test_a_worker_sets_aside_what_its_first_document_loaded():
    # after its first task a worker leaves what it holds out of later collections (a full
    # collection would traverse the catalogues and patterns again for every document); it
    # does so as its second task comes, so the message of that task is set aside too and may
    # be freed after it (frozen objects are still freed): later counts may be one lower
    with Pool(1, Limits(seconds=60)) as pool:
        outs = sorted(pool.run(frozen, ["a", "b", "c"]), key=lambda o: o.index)
    assert [o.status for o in outs] == ["ok"] * 3
    assert outs[0].value < min(outs[1].value, outs[2].value)


def test_a_forked_worker_leaves_what_it_inherits_out_of_its_collections():
    # frozen for the fork (isolate._frozen_for_fork): the worker's collector never walks the
    # parent's objects; the parent's own collector is as it was
    import gc

    assert gc.get_freeze_count() == 0
    inherited = len(gc.get_objects())
    with Pool(1, Limits(seconds=60), context="fork") as pool:
        (out,) = list(pool.run(frozen, ["a"]))
    assert out.ok and out.value >= inherited // 2
    assert gc.get_freeze_count() == 0


def _serve_two_and_report(out) -> None:
    """In a child process: serve two tasks through a fake pipe, then report the CPU soft limit
    the worker is left with between tasks, and the one the tasks saw."""
    import resource

    from juesuan.batch import isolate

    class Pipe:
        def __init__(self):
            self.inbox = [(_cpu_limit, "a"), (_cpu_limit, "b"), None]
            self.sent: list = []

        def recv(self):
            return self.inbox.pop(0)

        def send(self, msg):
            self.sent.append(msg)
            # (asked while the reply is sent: the moment the worker is between tasks)
            self.sent.append(("between", resource.getrlimit(resource.RLIMIT_CPU)))

    pipe = Pipe()
    isolate._serve(pipe, Limits(seconds=60, cpu_seconds=30, memory_mb=1024))
    out.put(pipe.sent)


def _cpu_limit(item):
    import resource

    return resource.getrlimit(resource.RLIMIT_CPU)


def test_a_worker_between_tasks_has_no_cpu_limit_armed():
    """A task's CPU budget ends with the task: a limit left armed fired while the worker
    pickled its reply or waited for the next task, killing a healthy worker outside any task
    (the flaky lifetime test above, under load)."""
    import multiprocessing
    import resource

    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_serve_two_and_report, args=(q,))
    p.start()
    sent = q.get(timeout=60)
    p.join(60)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    replies = [m for m in sent if m[0] == "ok"]
    between = [m[1] for m in sent if m[0] == "between"]
    assert len(replies) == 2 and len(between) == 2
    assert all(r[1][0] != hard for r in replies), replies  # armed inside each task
    assert between == [(hard, hard)] * 2  # lifted between them
