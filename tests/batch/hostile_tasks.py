"""Module-level task functions for the isolation tests (a worker imports them by name)."""

from __future__ import annotations

import time


def behave(kind: str) -> str:
    if kind.startswith("burn"):  # about 0.4 s of CPU, then a normal result
        end = time.process_time() + 0.4
        while time.process_time() < end:
            pass
    elif kind == "sleep":
        time.sleep(600)
    elif kind == "spin":
        while True:
            pass
    elif kind == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(10**7))
    elif kind == "segfault":
        import ctypes

        ctypes.string_at(0)
    elif kind == "raise":
        raise ValueError("boom\nsecond line")
    elif kind == "unreadable":
        from juesuan.read.types import ReadError

        raise ReadError("x.pdf", "损坏的文件")
    return kind.upper()


def frozen(_: str) -> int:
    """How many objects the collector has set aside for good in this worker (gcpause.settle)."""
    import gc

    return gc.get_freeze_count()


def wait_for_mark(path: str) -> str:
    """Write a mark file, then wait (up to a minute) for the parent to remove it: a task that
    only ends if the parent does something while it runs."""
    import os

    with open(path, "w") as f:
        f.write("started")
    end = time.monotonic() + 60
    while os.path.exists(path) and time.monotonic() < end:
        time.sleep(0.01)
    return "seen" if not os.path.exists(path) else "not seen"
