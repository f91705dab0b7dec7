"""juesuan.cores: the cores free now, from the machine's CPU time less this job's own."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from juesuan import cores


def _proc(machine: list[tuple[int, int]], own: list[int], parent: list[int]):
    """A fake /proc over two looks: machine (busy, idle) ticks, this process's and its
    parent's ticks."""
    state = {"i": 0}

    def read(path: str) -> str:
        i = state["i"]
        if path == "/proc/stat":
            busy, idle = machine[i]
            # (cpu1, always busy, is not this process's: neither it nor the machine's line "cpu",
            # which sums both, counts)
            return (f"cpu  {busy + 100 * i} 0 0 {idle} 0 0 0 0 0 0\ncpu0 {busy} 0 0 {idle} 0 0 0 0 0 0\n"
                    f"cpu1 {100 * i} 0 0 0 0 0 0 0 0 0\nintr 1 2 3\n")
        ticks = own[i] if path == f"/proc/{os.getpid()}/stat" else parent[i]
        # (a command name with spaces and a parenthesis, as /proc allows)
        return f"123 (a (b) c) S 1 1 1 0 -1 0 0 0 0 0 {ticks} 0 0 0 20 0 1 0 0 0 0\n"

    def sleep(_s: float) -> None:
        state["i"] = 1

    return read, sleep


@pytest.mark.parametrize(("machine", "own", "parent", "free"), [
    ([(0, 0), (1, 199)], [0, 0], [0, 0], 2),        # idle
    ([(0, 0), (100, 100)], [0, 0], [0, 0], 1),      # another process on one core
    ([(0, 0), (200, 0)], [0, 0], [0, 0], 1),        # both cores taken: still one
    ([(0, 0), (100, 100)], [0, 20], [0, 80], 2),    # only this job's own processes
    ([(0, 0), (150, 50)], [0, 50], [0, 0], 1),      # this process on half a core, another on one
])
def test_free_counts_other_work_only(monkeypatch, machine, own, parent, free):
    monkeypatch.setattr(cores, "usable", lambda: 2)
    monkeypatch.setattr(cores, "_affinity", lambda: {0})
    read, sleep = _proc(machine, own, parent)
    assert cores.free(read=read, sleep=sleep) == free


def test_a_parent_that_cannot_be_read_is_left_out(monkeypatch):
    """The first process of a container has no parent to read: its own time still is."""
    monkeypatch.setattr(cores, "usable", lambda: 2)
    monkeypatch.setattr(cores, "_affinity", lambda: {0})
    read, sleep = _proc([(0, 0), (100, 100)], [0, 100], [0, 0])

    def no_parent(path: str) -> str:
        if path == f"/proc/{os.getppid()}/stat":
            raise PermissionError(path)
        return read(path)

    assert cores.free(read=no_parent, sleep=sleep) == 2


def test_without_proc_the_load_average_is_used(monkeypatch):
    monkeypatch.setattr(cores, "usable", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 0.0, 0.0))

    def missing(path: str) -> str:
        raise FileNotFoundError(path)

    assert cores.free(read=missing, sleep=lambda s: None) == 3


@pytest.mark.skipif(not os.path.exists("/proc/stat") or cores.usable() < 2, reason="needs /proc and two cores")
def test_a_busy_process_takes_a_core_and_this_ones_own_work_does_not():
    """On the real machine: a process spinning takes one core from what is free. (What else
    runs is not known here: only the difference is asserted.)"""
    spin = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # (running, not starting)
        with_spin = cores.free(window=0.3)
    finally:
        spin.kill()
        spin.wait()
    assert with_spin <= cores.usable() - 1


@pytest.mark.parametrize(("files", "usable"), [
    ({"/sys/fs/cgroup/cpu.max": "200000 100000\n"}, 2),                 # cgroup v2: 2 CPUs
    ({"/sys/fs/cgroup/cpu.max": "150000 100000\n"}, 2),                 # 1.5 CPUs: rounded up
    ({"/sys/fs/cgroup/cpu.max": "max 100000\n"}, 64),                   # no quota
    ({"/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "300000\n",
      "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n"}, 3),          # cgroup v1
    ({"/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n",
      "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n"}, 64),         # v1, no quota
    ({"/sys/fs/cgroup/cpu.max": "garbage\n"}, 64),                      # unreadable: no limit known
    ({}, 64),                                                           # no cgroup files
])
def test_usable_cores_are_the_affinity_within_the_containers_quota(monkeypatch, files, usable):
    """A container limited to a few CPUs on a big host sees the host's cores in its affinity:
    its quota bounds the workers and OCR threads (as loky's cpu_count does)."""
    monkeypatch.setattr(cores, "_affinity", lambda: set(range(64)))

    def read(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        return files[path]

    assert cores.usable(read=read) == usable
