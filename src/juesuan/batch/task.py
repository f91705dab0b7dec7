"""What a worker process does with one document (module-level functions, so they pickle)."""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure
from juesuan.read.types import ReadError


def load_document(path: str) -> Disclosure:
    """read → model for one file, refusing what cannot be read (ReadError)."""
    from juesuan.pipeline import load

    p = Path(path)
    _refuse_special(p)
    return load(p)


def _refuse_special(p: Path) -> None:
    """A FIFO, socket or device would block a reader forever: refuse it up front."""
    import stat

    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        return  # the reader names it
    except OSError as e:
        raise ReadError(str(p), f"无法访问（{e.strerror or e}）") from None
    if stat.S_ISDIR(mode):
        raise ReadError(str(p), "是目录，不是文件")
    if not stat.S_ISREG(mode):
        raise ReadError(str(p), "不是普通文件（管道、设备或套接字），不读取")


def load_bounded(path: str | Path) -> Disclosure:
    """``load_document`` in a bounded worker process (juesuan.limits: time, CPU, memory).
    Every failure is a ReadError naming the file and the reason; a bug in a reader raises
    ``isolate.TaskFailed`` with status "error"."""
    from juesuan.batch.isolate import TaskFailed, run_one

    p = str(path)
    _refuse_special(Path(p))
    try:
        return run_one(load_document, p)
    except TaskFailed as e:
        if e.outcome.status == "error":
            raise
        raise ReadError(p, e.outcome.reason) from None
