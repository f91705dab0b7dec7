"""The same batch on a Dask distributed cluster (``juesuan batch --dask tcp://HOST:PORT``).

Each job is one Dask task; results come back to this process as they finish and are saved
to the store here, exactly as in a local run (one writer, the same resumability). Workers
must see the files at the same paths (a shared file system) and have juesuan installed.

On a worker the task runs in a bounded child process (``isolate.run_one``) when the worker
may start one; Dask's default worker processes are daemonic and may not, so there the task
runs in the worker itself, bounded by the worker's own memory limit (the nanny restarts a
worker that exceeds it; the task then fails with Dask's reason). Start workers with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` to get the per-document bounds on a cluster too.
"""

from __future__ import annotations

import time
from collections.abc import Generator

from juesuan.batch.isolate import Outcome, TaskFailed, describe, run_one
from juesuan.batch.task import Job, check_file
from juesuan.limits import Limits


def check_remote(job: Job, lim: Limits) -> Outcome:
    """Runs on a Dask worker: one job, bounded when the worker allows a child process."""
    from juesuan import limits

    try:
        value = run_one(check_file, job, lim)
        return Outcome(0, job, "ok", value)
    except TaskFailed as e:
        return e.outcome
    except AssertionError:  # "daemonic processes are not allowed to have children"
        pass
    limits.use(lim)
    t0 = time.perf_counter()
    try:
        return Outcome(0, job, "ok", check_file(job), seconds=time.perf_counter() - t0)
    except MemoryError:
        return Outcome(0, job, "memory", reason=f"内存超过 {lim.memory_mb} MB", seconds=time.perf_counter() - t0)
    except Exception as e:
        return Outcome(0, job, "error", reason=describe(e), seconds=time.perf_counter() - t0)


class ClusterError(Exception):
    """The cluster cannot be used (Dask not installed, scheduler unreachable): Chinese."""


def connect(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("未安装 Dask：pip install 'juesuan[cluster]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"无法连接 Dask 调度器 {address}（{type(e).__name__}: {' '.join(str(e).split())[:160]}）") from None


def run_dask(client, jobs: list[Job], lim: Limits) -> Generator[Outcome, None, None]:
    """Outcomes of ``jobs`` run on the cluster of ``client``, in completion order; the client
    is closed at the end."""
    from distributed import as_completed

    try:
        futures = {client.submit(check_remote, job, lim, pure=False): (i, job) for i, job in enumerate(jobs)}
        for fut in as_completed(futures):
            index, job = futures[fut]
            try:
                out = fut.result()
                out.index = index
            except Exception as e:  # the worker died (KilledWorker) or the task could not run
                out = Outcome(index, job, "crashed", reason=f"Dask 任务失败（{type(e).__name__}: {describe(e)}）")
            yield out
    finally:
        client.close()
