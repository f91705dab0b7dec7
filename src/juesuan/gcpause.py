"""Pause Python's cyclic garbage collector over one bounded stage of work.

Building a document's model and auditing it allocate tens of thousands of small objects that
all stay alive until the stage ends (lines, cells, indicators, findings). Each of those
allocations counts towards the collector's thresholds, so the collector runs again and again
over objects that cannot be garbage yet — and over everything the process already holds
(catalogues, compiled patterns, model schemas): about a tenth of the in-process time of a
text disclosure. The stages make no reference cycles that need collecting while they run, and
what they leave is collected as usual once the pause ends. Only stages whose allocations are
bounded by one document's model use it, and a PDF page's layout (not the parsing libraries'
own objects, which make cycles: ``read.pdf`` pauses around its glyph, ruling and line building only).

Nested and concurrent pauses (threads of the API server) are counted: the collector is
enabled again when the last pause ends, and only if it was enabled when the first began.

A process that reads document after document (a batch worker) also sets aside what its first
document made it load for good — modules, catalogues, compiled patterns, caches
(``settle``): every full collection would traverse them again, about half the collector's
time on a document with many self-evaluation forms.

A process that does one job and ends (a command, ``no_collection_at_exit``) sets aside
everything as it exits: the interpreter's shutdown collects once more over every object it
holds, only to free memory the operating system takes back a moment later — 5 to 10 ms of a
command's run.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def settle() -> None:
    """Collect once, then leave every object alive now out of all later collections
    (``gc.freeze``): call it when a long-lived process has loaded what it keeps (after its first
    document). Frozen objects are still freed when nothing refers to them; only a reference
    cycle among them would outlive the process's need — none is made by loading."""
    gc.collect()
    gc.freeze()


def no_collection_at_exit() -> None:
    """Have this process leave every object out of the collection Python's shutdown runs
    (``gc.freeze`` when the interpreter exits, ``atexit``): for a process that does one job and
    ends, such as a command. Objects are still freed as their modules are cleared; only objects
    in reference cycles are left to the operating system. A process that calls this and goes
    on (a test calling the command's entry point) is unaffected until it exits."""
    global _exit_hooked
    with _lock:
        if _exit_hooked:
            return
        _exit_hooked = True
    import atexit

    atexit.register(gc.freeze)


_exit_hooked = False
