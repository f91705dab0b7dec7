"""Run work on untrusted documents in bounded worker processes.

Each task runs in a worker process that

* lives under RLIMIT_AS (``memory_mb``): a runaway allocation raises MemoryError (or the
  allocation fails in C and the worker dies) instead of exhausting the machine;
* gets an RLIMIT_CPU budget per task (``cpu_seconds``, the soft limit moved forward for each
  task, lifted again when it ends, so a worker between tasks has no limit to trip over):
  SIGXCPU raises in Python code; a worker stuck in C code is ended by the parent's
  wall-clock deadline;

and the parent enforces a wall-clock deadline (``seconds``) — a worker blocked on I/O or
sleeping uses no CPU — by killing the worker and starting a fresh one. A worker that dies
(segfault in a native library, kernel kill) fails only its own task.

``concurrent.futures.ProcessPoolExecutor`` cannot kill one task (a killed worker breaks the
whole pool), hence this small pool over ``multiprocessing``: one pipe per worker, the parent
waits on all pipes and process sentinels at once.

    with Pool(workers=2, limits=lim) as pool:
        for out in pool.run(fn, items):   # Outcome, in completion order
            ...
    value = run_one(fn, item, lim)        # one task; raises TaskFailed
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Literal

from juesuan import limits as _limits
from juesuan.limits import Limits

# ok: a value; unreadable: the task raised ReadError (a reading failure, exit 2); error: any
# other exception (a bug); timeout / memory: a bound was hit; crashed: the worker died.
Status = Literal["ok", "unreadable", "error", "timeout", "memory", "crashed"]

# Modules a fresh worker imports before its first task (the forkserver preloads them once).
# (Each worker is forked from the server, so these imports are paid once, not per worker.)
PRELOAD = ["juesuan.pipeline", "juesuan.report", "juesuan.extract.document", "juesuan.batch.task",
           "juesuan.read.text", "juesuan.read.pdf", "juesuan.read.office", "juesuan.read.html", "juesuan.rules",
           "juesuan.store.reading", "juesuan.report.html", "charset_normalizer", "pypdfium2", "openpyxl", "docx",
           "lxml.html"]


# Why a task that recursed too deep (a document nested beyond reason) could not be done.
TOO_DEEP = "结构嵌套过深，无法读取"


@dataclass
class Outcome:
    """What became of one task: ``value`` when ok, else ``reason`` (Chinese, one line)."""

    index: int
    item: Any
    status: Status
    value: Any = None
    reason: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0  # the worker's peak resident memory so far
    cpu_s: float = 0.0  # CPU time the worker spent on this task (user + system)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class TaskFailed(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__(outcome.reason)
        self.outcome = outcome


class CpuLimit(Exception):
    pass


# ----------------------------------------------------------------------------- worker side


def _apply_memory_limit(lim: Limits) -> None:
    import resource

    cap = lim.memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _arm_cpu(lim: Limits) -> None:
    """This task may use ``cpu_seconds`` more CPU than the process has used so far.

    RLIMIT_CPU counts the worker's whole life and a worker serves many tasks, so the soft
    limit (SIGXCPU, raised as CpuLimit in Python code) is moved forward for each task. The
    hard limit is left as the worker inherited it: once lowered it can be raised again only
    with CAP_SYS_RESOURCE (not even root has it in many containers), and a lowered hard limit
    killed every long-lived worker once its lifetime CPU passed the first task's budget,
    blaming whichever document it was reading. A task stuck in C code, which never sees
    SIGXCPU, is ended by the parent's wall-clock deadline."""
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    soft = spent + max(1, int(lim.cpu_seconds))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _disarm_cpu() -> None:
    """Between tasks the worker has no budget: the soft limit goes back to the hard one.

    A task's limit left armed fired in whatever the worker did next — pickling the reply,
    settling its heap, waiting for the next task — and killed a healthy worker outside any
    task, when the task just served had ended a moment inside its budget."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        pass


def _on_sigxcpu(signum, frame):  # pragma: no cover - timing dependent
    raise CpuLimit()


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _quiet() -> None:
    """Library warnings, log records and crash dumps never reach the terminal from a
    worker: the parent reports each failure in one line."""
    import faulthandler
    import logging
    import warnings

    faulthandler.disable()
    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger().setLevel(logging.CRITICAL)


_channel: Connection | None = None  # in a worker: the pipe to the parent


def isolating() -> bool:
    """Whether tasks run in bounded worker processes: always, unless ``JUESUAN_ISOLATE=0``
    runs them in the caller's process (for debugging with a debugger)."""
    return os.environ.get("JUESUAN_ISOLATE", "1") != "0"


def in_worker() -> bool:
    """True in a bounded worker process (where :func:`progress` reaches a parent)."""
    return _channel is not None


def progress(*payload: Any) -> None:
    """From a task in a worker: tell the parent how far it is (the parent's ``on_progress``
    gets the payload, e.g. the page done and the page count). A no-op outside a worker."""
    if _channel is not None:
        try:
            _channel.send(("progress", payload))
        except Exception:  # the parent went away: the task's own reply will fail too
            pass


def _worker_main(conn: Connection, lim: Limits) -> None:
    global _channel
    _channel = conn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limits.use(lim)
    _quiet()
    try:
        _apply_memory_limit(lim)
        signal.signal(signal.SIGXCPU, _on_sigxcpu)
    except (ImportError, OSError, ValueError, AttributeError):  # pragma: no cover - not POSIX
        pass
    try:
        _serve(conn, lim)
    finally:  # a forked worker ends without atexit: keep what it compiled for the next run
        from juesuan import codecache

        codecache.flush_all()


def _serve(conn: Connection, lim: Limits) -> None:
    served = 0
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        fn, item = msg
        if served == 1:  # what the first document loaded stays for the worker's life
            # (set aside when a second task comes: a worker of one task — a command's — exits
            # without walking its objects once more)
            from juesuan.gcpause import settle

            settle()
        served += 1
        t0, c0 = time.perf_counter(), _cpu()
        fatal = False
        try:
            try:
                _arm_cpu(lim)
            except (ImportError, OSError, ValueError):  # pragma: no cover
                pass
            try:
                reply: tuple = ("ok", fn(item), "")
            finally:
                _disarm_cpu()
        except CpuLimit:
            reply, fatal = ("timeout", None, f"CPU 时间超过 {lim.cpu_seconds:g} 秒"), True
        except MemoryError:
            reply, fatal = ("memory", None, f"内存超过 {lim.memory_mb} MB"), True
        except RecursionError:
            reply = ("unreadable", None, TOO_DEEP)
        except Exception as e:
            reply = (_kind(e), None, describe(e))
        try:
            conn.send((*reply, time.perf_counter() - t0, _peak_mb(), _cpu() - c0))
        except Exception as e:  # the value cannot be pickled, or the parent went away
            try:
                conn.send(("error", None, f"结果无法传回（{type(e).__name__}）", time.perf_counter() - t0, _peak_mb(),
                           _cpu() - c0))
            except Exception:
                return
        if fatal:  # a worker that hit a bound may be in a bad state: start afresh
            return


def _kind(e: BaseException) -> Status:
    from juesuan.read.types import ReadError

    return "unreadable" if isinstance(e, ReadError) else "error"


def describe(e: BaseException) -> str:
    """One line for an exception: a ReadError's own reason, else the type and first line."""
    from juesuan.read.types import ReadError

    if isinstance(e, ReadError):
        return e.why
    first = (str(e).strip().splitlines() or [""])[0][:200]
    return f"内部错误 {type(e).__name__}: {first}" if first else f"内部错误 {type(e).__name__}"


# ----------------------------------------------------------------------------- parent side


def _context(kind: str | None = None):
    """forkserver (workers forked from a clean, preloaded server: safe while the parent runs
    threads such as a progress bar); plain fork when the parent has a single thread."""
    methods = multiprocessing.get_all_start_methods()
    if kind is None:
        kind = "fork" if threading.active_count() == 1 and "fork" in methods else "forkserver"
    if kind not in methods:
        kind = "spawn"
    ctx = multiprocessing.get_context(kind)
    if kind == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


@contextmanager
def _frozen_for_fork() -> Iterator[None]:
    """A forked worker's collector never walks what the worker inherits (the parent's modules,
    schemas, catalogues: tens of thousands of objects) and so never writes to those pages,
    which stay shared with the parent (the pattern Python's ``gc.freeze`` documents for
    fork). The parent's own collector is as before once the child has started (a parent
    that froze objects itself keeps them as they are)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Worker:
    def __init__(self, ctx, lim: Limits):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, lim), daemon=True)
        with _frozen_for_fork():
            self.proc.start()
        child.close()
        self.task: tuple[int, Any] | None = None
        self.started = 0.0
        self.peak_mb = 0.0

    def submit(self, fn: Callable, index: int, item: Any) -> None:
        self.task = (index, item)
        self.started = time.monotonic()
        self.conn.send((fn, item))

    def alive(self) -> bool:
        return self.proc.is_alive()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except Exception:
                self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():  # pragma: no cover
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _death_reason(code: int | None, lim: Limits) -> tuple[Status, str]:
    if code is not None and code < 0:
        sig = -code
        if sig == getattr(signal, "SIGXCPU", -1):
            return "timeout", f"CPU 时间超过 {lim.cpu_seconds:g} 秒"
        if sig == signal.SIGKILL:
            return "memory", f"处理进程被终止（CPU 时间超过 {lim.cpu_seconds:g} 秒或内存超过 {lim.memory_mb} MB）"
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return "crashed", f"处理进程崩溃（信号 {name}）"
    return "crashed", f"处理进程意外退出（状态 {code}）"


ProgressHook = Callable[[Any, tuple], None]  # (item, payload of the task's progress() call)


class Pool:
    """``workers`` bounded worker processes; ``run`` yields one Outcome per item.
    ``on_progress(item, payload)`` gets what a task reports with :func:`progress`;
    ``on_tick()`` is called each time ``run`` wakes (at least once a second while tasks run),
    so the caller can do timed work — saving a group of results — between outcomes."""

    def __init__(self, workers: int = 1, limits: Limits | None = None, context: str | None = None,
                 on_progress: ProgressHook | None = None, on_tick: Callable[[], None] | None = None,
                 on_submitted: Callable[[], None] | None = None):
        self.limits = limits or _limits.current()
        self.n = max(1, workers)
        self.ctx = _context(context)
        self.workers: list[_Worker] = []
        self.on_progress = on_progress
        self.on_tick = on_tick
        # called once, when the first tasks are in the workers' hands: work of the caller's
        # that can run while they do (see run_one's ``meanwhile``)
        self.on_submitted = on_submitted

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close(kill=exc[0] is not None)

    def close(self, kill: bool = False) -> None:
        for w in self.workers:
            w.stop(kill=kill or w.task is not None)
        self.workers = []

    def start(self) -> None:
        """Start the workers now rather than at ``run`` (before the caller starts threads)."""
        while len(self.workers) < self.n:
            self.workers.append(_Worker(self.ctx, self.limits))

    def hand(self, fn: Callable[[Any], Any], item: Any) -> None:
        """Start a worker and give it ``item`` now, before the caller knows what it will do
        with the value (a command, before its command line is parsed): ``run(fn, [])``
        collects the outcome later, and ``close()`` drops the task if it is never wanted."""
        self.start()
        self.workers[0].submit(fn, 0, item)

    def _replace(self, w: _Worker) -> _Worker:
        w.stop(kill=True)
        nw = _Worker(self.ctx, self.limits)
        self.workers[self.workers.index(w)] = nw
        return nw

    def run(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Outcome]:
        queue = deque(enumerate(items))
        while len(self.workers) < min(self.n, len(queue)):
            self.workers.append(_Worker(self.ctx, self.limits))
        while True:
            for w in list(self.workers):
                if w.task is None and queue:
                    if not w.alive():
                        w = self._replace(w)
                    index, item = queue.popleft()
                    w.submit(fn, index, item)
            if self.on_submitted is not None:
                hook, self.on_submitted = self.on_submitted, None
                hook()
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            timeout = max(0.0, min(w.started + self.limits.seconds for w in busy) - now)
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=min(timeout, 1.0))
            if self.on_tick is not None:
                self.on_tick()
            for w in busy:
                out = self._collect(w)
                if out is not None:
                    yield out

    def _collect(self, w: _Worker) -> Outcome | None:
        """The outcome of ``w``'s task if it has one now (result, death or deadline)."""
        assert w.task is not None
        index, item = w.task
        elapsed = time.monotonic() - w.started
        try:
            has_reply = w.conn.poll()
        except (EOFError, OSError):
            has_reply = False
        while has_reply:
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                break
            if msg[0] == "progress":  # the task says how far it is; its reply comes later
                if self.on_progress is not None:
                    self.on_progress(item, msg[1])
                has_reply = w.conn.poll()
                continue
            status, value, reason, secs, peak, cpu = msg
            if status is not None:
                w.task = None
                w.peak_mb = max(w.peak_mb, peak)
                if status in ("timeout", "memory"):
                    w.proc.join(timeout=5)
                    self._replace(w)
                return Outcome(index, item, status, value, reason, secs, peak, cpu)
        if not w.alive():
            w.proc.join()
            status, reason = _death_reason(w.proc.exitcode, self.limits)
            w.task = None
            self._replace(w)
            return Outcome(index, item, status, None, reason, elapsed, w.peak_mb)
        if elapsed > self.limits.seconds:
            w.task = None
            self._replace(w)
            return Outcome(index, item, "timeout", None, _limits.out_of_time(self.limits.seconds), elapsed, w.peak_mb)
        return None


def run_one(fn: Callable[[Any], Any], item: Any, limits: Limits | None = None,
            on_progress: ProgressHook | None = None,
            started: Callable[[], AbstractContextManager[Any]] | None = None,
            meanwhile: Callable[[], None] | None = None, handed: Pool | None = None) -> Any:
    """Run one task in a fresh bounded worker; its value, or TaskFailed with the reason.
    ``started()`` is a context manager entered once the worker process runs and left when the
    task is done: a progress display, which may run a thread — and a process with threads
    does not fork its worker but has it made by a server process (``_context``), a fresh
    interpreter importing the readers, several times the cost of the read itself.
    ``meanwhile()`` is called here once the worker has the task: what the caller will need
    once the task is done (importing the modules that take its value) then costs no time,
    the two processes running side by side on two cores.
    ``handed``: a pool whose worker was already handed this task (``Pool.hand``): its
    outcome is awaited instead of starting a worker.
    ``JUESUAN_ISOLATE=0`` runs it in this process (for debugging with a debugger)."""
    during = started or nullcontext
    if handed is None and not isolating():
        if meanwhile is not None:
            meanwhile()
        with during():
            return fn(item)
    pool = Pool(1, limits) if handed is None else handed
    pool.on_progress, pool.on_submitted = on_progress, meanwhile
    with pool:
        pool.start()
        with during():
            for out in pool.run(fn, [] if handed is not None else [item]):
                if out.ok:
                    return out.value
                raise TaskFailed(out)
    raise AssertionError("unreachable")  # pragma: no cover
