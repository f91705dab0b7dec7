"""Time bounds for reading a page: a block interrupted after N seconds, a document deadline."""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager


class PageTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after ``seconds`` (POSIX main thread only; elsewhere a no-op, and
    callers also check elapsed time between pages)."""
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _handler(signum, frame):  # pragma: no cover - depends on timing
        raise PageTimeout(f"took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _handler)
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if old_timer and old_timer[0] > 0:  # restore an outer timer, roughly
            signal.setitimer(signal.ITIMER_REAL, old_timer[0])


class Deadline:
    def __init__(self, seconds: float | None):
        self.end = time.monotonic() + seconds if seconds else None

    def left(self) -> float | None:
        return None if self.end is None else self.end - time.monotonic()

    def expired(self) -> bool:
        return self.end is not None and time.monotonic() > self.end
