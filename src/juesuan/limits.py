"""Resource bounds for reading one document — every limit in one place.

A disclosure is a few hundred pages and a few thousand table rows at most; anything far
beyond is a mistake or an attack, and is refused *before* the expensive work starts, with an
exit-2 error naming the limit (``LimitExceeded``). Each limit can be changed with an
environment variable ``JUESUAN_<NAME>`` (e.g. ``JUESUAN_MAX_PAGES=1000``) or, for a batch,
with ``juesuan batch --limit NAME=VALUE``.

``seconds``, ``cpu_seconds`` and ``memory_mb`` bound a whole document and are enforced by the
worker process that reads it (``juesuan.batch.isolate``): the parent kills a worker that
overruns its wall-clock deadline, and the worker itself runs under RLIMIT_CPU / RLIMIT_AS.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from juesuan.read.types import ReadError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024  # file size
    max_pages: int = 500  # PDF pages (a disclosure has tens to a few hundred)
    max_page_chars: int = 60_000  # characters in one PDF page's text layer (a dense A3 page has ~6,000)
    max_rows: int = 100_000  # rows in a workbook / table rows in a Word or HTML file / objects in a model JSON
    max_cells: int = 2_000_000  # cells in a workbook (rows × columns, counted from the sheet XML)
    max_unpacked_bytes: int = 150 * 1024 * 1024  # Office zip members, uncompressed (a big workbook is ~10 MB)
    max_span: int = 200  # a colspan / rowspan / gridSpan beyond this is clamped
    max_line_chars: int = 100_000  # one text line (a longer one is cut, with a warning)
    max_lines: int = 100_000  # lines of a text file (a disclosure has a few thousand; counted before decoding)
    seconds: float = 600.0  # wall-clock time for one document
    cpu_seconds: float = 600.0  # CPU time for one document
    memory_mb: int = 3072  # address space of the process reading one document
    page_seconds: float = 60.0  # one PDF page (a slow page is skipped with a warning)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        source: Mapping[str, str] = os.environ if env is None else env
        lim = cls()
        for f in fields(cls):
            raw = source.get(f"JUESUAN_{f.name.upper()}")
            if raw:
                lim = lim.with_value(f.name, raw)
        return lim

    def with_value(self, name: str, raw: str) -> Limits:
        """A copy with one limit changed (``raw`` as typed by a user). ValueError names it."""
        kinds = {f.name: f.type for f in fields(self)}
        if name not in kinds:
            raise ValueError(f"未知的限制 {name}（可用：{', '.join(kinds)}）")
        try:
            value: float | int = float(raw) if kinds[name] in ("float", float) else int(float(raw))
        except ValueError:
            raise ValueError(f"限制 {name} 的值 {raw!r} 不是数字") from None
        if value <= 0:
            raise ValueError(f"限制 {name} 必须大于 0")
        return replace(self, **{name: value})  # type: ignore[arg-type]


LABELS = {
    "max_bytes": "文件大小",
    "max_pages": "页数",
    "max_page_chars": "单页字符数",
    "max_rows": "行数",
    "max_cells": "单元格数",
    "max_unpacked_bytes": "解压后大小",
    "max_span": "合并单元格跨度",
    "max_line_chars": "单行字符数",
    "max_lines": "文本行数",
    "seconds": "单个文件处理时间（秒）",
    "cpu_seconds": "单个文件 CPU 时间（秒）",
    "memory_mb": "单个文件内存（MB）",
    "page_seconds": "单页处理时间（秒）",
}

_override: Limits | None = None


def current() -> Limits:
    """The limits in force: those installed by ``use`` (a worker process gets its parent's),
    else the defaults with the environment's overrides."""
    return _override if _override is not None else Limits.from_env()


def use(limits: Limits | None) -> None:
    global _override
    _override = limits


class LimitExceeded(ReadError):
    """A document exceeds one of the limits: a reading failure (exit 2), never a finding."""

    def __init__(self, path: str, name: str, value: float | int, limit: float | int):
        label = LABELS.get(name, name)
        env = f"JUESUAN_{name.upper()}"
        super().__init__(path, f"超出限制：{label} {_num(value)} > {_num(limit)}（可用环境变量 {env} 调整）")
        self.name = name


def _num(v: float | int) -> str:
    return f"{v:,}" if isinstance(v, int) else f"{v:g}"


def check(path: str, name: str, value: float | int) -> None:
    """Raise LimitExceeded when ``value`` is over the current limit ``name``."""
    limit = getattr(current(), name)
    if value > limit:
        raise LimitExceeded(path, name, value, limit)


def out_of_time(seconds: float) -> str:
    """Why a document's work was stopped at its wall-clock bound (``seconds``)."""
    return f"处理时间超过 {seconds:g} 秒，已终止"


class _OutOfTime(BaseException):
    """Raised by ``deadline``'s timer inside the block it guards: a BaseException, so that no
    ``except Exception`` in the code under it takes running out of time for a failure of its
    own and carries on."""


@contextmanager
def deadline(path: str, seconds: float) -> Iterator[None]:
    """The block ends with a ReadError (``out_of_time``) when it runs longer than ``seconds``
    of wall-clock time: the bound of work this process does itself after a bounded worker's
    part (a command builds the model from what its worker read, ``batch.task.load_bounded``).
    A timer signal interrupts Python code and the regular-expression engine alike (it checks
    for signals as it backtracks). Where no timer can be set — not the main thread, or no
    SIGALRM — the block runs unbounded."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = current().seconds
    seconds = max(seconds, 0.001)

    def expire(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise ReadError(path, out_of_time(limit)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
