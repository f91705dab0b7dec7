"""One cache file: records keyed by what they were compiled from, kept for the interpreter that
wrote them, written atomically, never a source of errors.

A :class:`CacheFile` is ``<directory>/<kind>-<cache_tag>.bin``: a marshal of
``(header, {key: record})``, written by its owner only (mode 0600) and read only when it is
the user's own and nobody else can write it. The header names the interpreter
(implementation, exact version, marshal's format) and whatever else the kind's records depend
on; a file with another header is a miss. Reading is lazy (the first :meth:`get`), writing is
:meth:`flush`: the records remembered since the last flush, merged with the file as it is
then (other processes may have added theirs), written to a temporary file and moved into
place. A file missing, unreadable, corrupt or foreign is a miss; where nothing can be written
nothing is recorded (:meth:`CacheFile.writable`). The cost of any failure is the compile
time, never a result.

Every file is flushed when the process exits (``atexit``), or by :func:`flush_all` where
``atexit`` does not run (a forked worker, ``batch.isolate``).
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
import threading
from pathlib import Path
from typing import Any

ENV = "JUESUAN_CACHE_DIR"
_OFF = ("", "off", "0")

_files: list[CacheFile] = []
_exit_hooked = False
_hook_lock = threading.Lock()


def directory() -> Path | None:
    """Where the caches live: ``JUESUAN_CACHE_DIR``, else the user's cache directory, as
    platformdirs' ``user_cache_dir("juesuan", appauthor=False)`` names it, as the store's and
    the web's directories are named (written out here because importing platformdirs costs
    7–10 ms of every command's start; a test holds the two equal). None when turned off (the
    variable empty, ``off`` or ``0``)."""
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env)
    if sys.platform == "win32":  # pragma: no cover - not tested on this platform
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "juesuan" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "juesuan"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return Path(xdg if xdg else Path.home() / ".cache") / "juesuan"


def _own(st: os.stat_result) -> bool:
    """A file only its owner, this user, can have written. A cache holds code that is run (as
    ``__pycache__`` does): in a directory others can write to (``JUESUAN_CACHE_DIR=/tmp/x``),
    a file someone else put or left writable there is not read. (Checked on the open file:
    what is checked is what is read.)"""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - not POSIX: the user's own profile directory
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


class CacheFile:
    """The records of one kind (``patterns``, ``generated``), for this interpreter."""

    def __init__(self, kind: str, header: tuple[Any, ...], max_records: int):
        self.kind = kind
        # marshal's format and the interpreter's exact build: records are only ever read back
        # by the interpreter that wrote them
        self.header = (kind, sys.implementation.name, sys.version, marshal.version, *header)
        self.max_records = max_records  # a fixed set in use; more would mean keys built from data
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._loaded: dict[Any, Any] | None = None  # the file as read once per process
        self.new: dict[Any, Any] = {}  # remembered since the last flush
        self._writable: bool | None = None
        _files.append(self)

    @property
    def path(self) -> Path | None:
        """The file (None when the cache is off); fixed at the first use in a process."""
        self._records()
        return self._path

    def _file(self) -> Path | None:
        try:
            d = directory()
        except Exception:  # no home directory to be found (HOME unset, no passwd entry): off
            return None
        return None if d is None else d / f"{self.kind}-{sys.implementation.cache_tag}.bin"

    def read(self, path: Path | None) -> dict[Any, Any]:
        """The records of the file at ``path``: empty when it is missing, unreadable, corrupt,
        written by another interpreter, or not the user's own."""
        if path is None:
            return {}
        try:
            with open(path, "rb") as f:
                if not _own(os.fstat(f.fileno())):
                    return {}
                header, records = marshal.loads(f.read())
        except Exception:  # missing, unreadable, truncated, not marshal data: a miss
            return {}
        return records if header == self.header and isinstance(records, dict) else {}

    def _records(self) -> dict[Any, Any]:
        with self._lock:
            if self._loaded is None:
                self._path = self._file()
                self._loaded = self.read(self._path)
            return self._loaded

    def writable(self) -> bool:
        """Whether what is remembered can be kept: the cache is on and its directory exists
        (made if need be) and can be written. Asked once per process, at the first miss: a
        read-only home (a container) then pays no recording on every run for nothing."""
        if self._writable is None:
            path = self.path
            try:
                if path is not None:
                    path.parent.mkdir(parents=True, exist_ok=True)
                self._writable = path is not None and os.access(path.parent, os.W_OK)
            except OSError:
                self._writable = False
        return self._writable

    def get(self, key: Any) -> Any:
        """The record for ``key`` (from the file or this process), or None."""
        rec = self._records().get(key)
        return self.new.get(key) if rec is None else rec

    def remember(self, key: Any, record: Any) -> None:
        """Keep ``record`` for the next flush (at exit at the latest)."""
        global _exit_hooked
        with self._lock:
            self.new[key] = record
        with _hook_lock:
            if not _exit_hooked:
                _exit_hooked = True
                atexit.register(flush_all)

    def flush(self) -> None:
        """Write what was remembered since the last flush, merged with the file as it is now.
        Never raises."""
        if not self.new:
            return
        self._records()  # the file's place, fixed at the first use
        with self._lock:
            path = self._path
            if not self.new or path is None:
                return
            new = dict(self.new)
            self.new.clear()
        try:
            import tempfile  # only a run that compiled something new writes (tempfile imports random)

            merged = self.read(path)
            if len(merged) + len(new) > self.max_records:  # start afresh rather than grow without end
                merged = {}
            merged.update(new)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.kind}-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps((self.header, merged)))
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
            with self._lock:
                self._loaded = merged
        except Exception:  # a read-only or full disk: the cache is an optimisation, never a failure
            pass

    def forget(self) -> None:
        """Drop what this process has loaded and remembered (tests: another directory)."""
        with self._lock:
            self._loaded = self._path = self._writable = None
            self.new.clear()


def flush_all() -> None:
    """Flush every cache file of the process. Never raises."""
    for f in list(_files):
        f.flush()


def forget_all() -> None:
    for f in list(_files):
        f.forget()
