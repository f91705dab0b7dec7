"""How many cores this process can use that no other work is using now.

Measured, on Linux, over a short window: the machine's CPU time (``/proc/stat``) less what
this process and the one that started it used in that window (``/proc/<pid>/stat``). The
process that started this one is a command waiting for this read, or a batch's
coordinator: it may be busy for a moment (importing what it will need once the read is
done), but it is this job's own work, not competing work.

Not the load average: it is a one-minute mean, so work that ended a minute ago still counts
— after a first scan OCR'd on one core, the load stays near 1 and every scan read after it
would be read on one core again. It is what is left where there is no ``/proc``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

WINDOW_S = 0.1  # long enough for 10 clock ticks per core, short beside a page of OCR (seconds)


def usable(read: Callable[[str], str] | None = None) -> int:
    """The cores this process may use, at least 1: those it may run on (its affinity), no
    more than its container's CPU quota allows (cgroups, rounded up) — a container limited to
    2 CPUs on a 64-core host sees all 64 in its affinity and ``os.cpu_count()``, and 64
    workers or OCR threads there would only queue for the two and take 64 times the memory.
    The same rule as loky's ``cpu_count``. (``read``: for tests.)"""
    cores = len(_affinity()) or os.cpu_count() or 1
    quota = _quota(read or _read_text)
    return max(1, min(cores, quota) if quota is not None else cores)


# The container's CPU quota, where Linux exposes it: cgroup v2's "QUOTA PERIOD" (QUOTA "max":
# none), then cgroup v1's two files (quota -1: none). Microseconds of CPU per period.
_QUOTA_V2 = "/sys/fs/cgroup/cpu.max"
_QUOTA_V1 = ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def _quota(read: Callable[[str], str]) -> int | None:
    """The CPUs the quota allows (rounded up), or None when there is none or none is known."""
    try:
        quota, period = read(_QUOTA_V2).split()[:2]
    except (OSError, ValueError):
        try:
            quota, period = (read(path).strip() for path in _QUOTA_V1)
        except (OSError, ValueError):
            return None
    try:
        q, p = int(quota), int(period)
    except ValueError:  # "max"
        return None
    return -(-q // p) if q > 0 and p > 0 else None


def _affinity() -> set[int]:
    try:
        return os.sched_getaffinity(0)
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return set()


def free(window: float = WINDOW_S, read: Callable[[str], str] | None = None,
         sleep: Callable[[float], None] = time.sleep) -> int:
    """The usable cores not taken by other work now, at least 1 (``read``, ``sleep``: for
    tests)."""
    cores = usable()
    try:
        busy = _others_busy(window, read or _read_text, sleep) * cores
    except (OSError, ValueError, IndexError, ZeroDivisionError):  # no /proc: the load average
        try:
            busy = os.getloadavg()[0]
        except (AttributeError, OSError):  # pragma: no cover
            busy = 0.0
    return max(1, min(cores, int(cores - busy + 0.5)))


def _others_busy(window: float, read: Callable[[str], str], sleep: Callable[[float], None]) -> float:
    """The share (0–1) of the CPU time of this process's cores over ``window`` spent by other
    processes than this one and its parent. Time the hypervisor took (steal) counts as taken."""
    mine = _affinity()
    busy0, total0 = _cpus(read("/proc/stat"), mine)
    own0 = _own_ticks(read)
    sleep(window)
    busy1, total1 = _cpus(read("/proc/stat"), mine)
    own1 = _own_ticks(read)
    others = (busy1 - busy0) - (own1[0] - own0[0])
    if own0[1] is not None and own1[1] is not None:  # the parent, when it can be read both times
        others -= own1[1] - own0[1]
    return min(1.0, max(0.0, others / (total1 - total0)))


def _own_ticks(read: Callable[[str], str]) -> tuple[int, int | None]:
    """This process's clock ticks, and its parent's (None when there is none to read: the
    first process of a container, a parent that is gone or not readable)."""
    own = _process_ticks(read(f"/proc/{os.getpid()}/stat"))
    ppid = os.getppid()
    try:
        return own, _process_ticks(read(f"/proc/{ppid}/stat")) if ppid > 1 else None
    except (OSError, ValueError, IndexError):
        return own, None


def _cpus(stat: str, cpus: set[int]) -> tuple[int, int]:
    """(busy, total) clock ticks of the given CPUs (all of them if none is given), from
    /proc/stat's ``cpuN`` lines: user nice system idle iowait irq softirq steal (guest time is
    already in user). Only this process's CPUs: in a container pinned to two of a host's 64
    CPUs, the host's other 62 say nothing of these two."""
    busy = total = 0
    for line in stat.splitlines():
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or name == "cpu" or (cpus and int(name[3:]) not in cpus):
            continue
        fields = [int(v) for v in rest.split()[:8]]
        total += sum(fields)
        busy += sum(fields) - fields[3] - fields[4]
    return busy, total


def _process_ticks(stat: str) -> int:
    """A process's user + system clock ticks (all its threads), from /proc/<pid>/stat: the
    14th and 15th fields, counted after the command name (which may hold spaces)."""
    after = stat.rsplit(")", 1)[1].split()
    return int(after[11]) + int(after[12])


def _read_text(path: str) -> str:
    with open(path, encoding="ascii", errors="replace") as f:
        return f.read()
