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
time on a document with many self-evaluation forms. A settled process also raises the young
generation's threshold above the size of a document's model, so the model built in a pause is
not walked as the pause ends (``SETTLED_YOUNG_THRESHOLD``).

A command on one document (``extract``, ``check``: ``cli.main``), its reading done in a
bounded worker (as always unless ``JUESUAN_ISOLATE=0``), runs with the collector paused from
its start to its end. It allocates what it loads for its life (modules, classes,
Pydantic's schemas: about a hundred young collections and ten older ones, 10–20 ms, walked
objects that can never be garbage), and what one document's build, audit and report make
(bounded by the document, and the build and the audit pause anyway). A process forked
while a pause is in force (its reading worker) starts without it, the collector as it was
before the pause (``_after_fork``): a reader's libraries make cycles, and a worker may serve
task after task.

A process that does one job and ends (a command, ``no_collection_at_exit``) sets aside
everything as it exits: the interpreter's shutdown collects once more over every object it
holds, only to free memory the operating system takes back a moment later — 5 to 10 ms of a
command's run.
"""

from __future__ import annotations

import gc
import os
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


@contextmanager
def for_command() -> Iterator[None]:
    """The collector paused over a command on one document (see the module's doc). When the
    pause ends, what the command allocated moves to the oldest generation first (frozen and
    thawed: ``gc.unfreeze`` puts the frozen objects there), as a young collection would have
    moved what outlived it: else the first young collection after the pause would walk all of
    it at once, 15–30 ms as the command ends. A caller that goes on (a test calling the entry
    point) has its collector as it was. (Objects someone else froze stay frozen, and then so
    do the command's.)"""
    with gc_paused():
        try:
            yield
        finally:
            alone = gc.get_freeze_count() == 0
            gc.freeze()
            if alone:
                gc.unfreeze()


def _after_fork() -> None:
    """In a forked child: the parent's pause is the parent's. The child starts with none in
    force and the collector as it was before it (and a lock no thread of the parent holds)."""
    global _lock, _depth
    _lock = threading.Lock()
    if _depth:
        _depth = 0
        if _was_enabled:
            gc.enable()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork)


# The young generation's threshold in a settled process: more objects than one document's
# model holds when its build ends (a long text disclosure: 10–20 thousand; see ``settle``).
SETTLED_YOUNG_THRESHOLD = 50_000


def settle() -> None:
    """Collect once, then leave every object alive now out of all later collections
    (``gc.freeze``): call it when a long-lived process has loaded what it keeps (after its first
    document). Frozen objects are still freed when nothing refers to them; only a reference
    cycle among them would outlive the process's need — none is made by loading.

    A settled process then reads document after document, each one's model built in a pause
    and freed by reference counting when the document is done. With the default young
    threshold (700 objects), the first allocation after the build's pause starts a young
    collection that walks the whole model, alive and in use: 2–6 ms of a long disclosure's
    first read, for nothing. Above the size of a model (``SETTLED_YOUNG_THRESHOLD``), the young
    collection runs only when that many objects outlive their documents (garbage in reference
    cycles, e.g. a PDF parser's): the same work per such object, collected a little later."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(SETTLED_YOUNG_THRESHOLD, older, oldest)


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
