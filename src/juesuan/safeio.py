"""Output safety shared by every writer: atomic, symlink-safe files and spreadsheet text that
can never turn into a formula.

* :func:`write_atomic` — the bytes go to a temporary file in the target's directory, are
  flushed to disk, then ``os.replace``-d over the target: a reader sees the old file or the
  whole new one, never half of it, and a failure leaves no partial file. A target that is a
  symbolic link (or a device, a directory …) is refused rather than followed: ``-o out.html``
  must not overwrite whatever ``out.html`` points to.
* :func:`defuse_workbook` — every cell openpyxl would store as a formula (a string starting
  with ``=``) is stored as text instead; run on each workbook just before saving.
* :func:`csv_text` — CSV meant for Excel: text starting with ``= + - @`` (or a tab/CR) gets a
  leading apostrophe so Excel shows it as text; numbers (``-12.50``) stay numbers.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from juesuan import lazy

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = lazy.pattern(r"^[+-]?(?:\d[\d,]*)?(?:\.\d+)?%?$")


class UnsafeOutput(OSError):
    """The output path is not a regular file we may replace (a symlink, a device, a directory)."""

    def __init__(self, path: Path, why_id: str):
        from juesuan.i18n import t

        super().__init__(t(why_id))
        self.path = path
        self.strerror = t(why_id)


def check_target(path: Path) -> None:
    """Refuse a target we must not replace. A missing file is fine."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise UnsafeOutput(path, "err.symlink")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeOutput(path, "err.not_regular")


def write_atomic(path: str | Path, data: bytes | str, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically (temp file + ``os.replace`` in the same directory)."""
    if isinstance(data, str):
        data = data.encode(encoding)
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return Path(path)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """For writers that insist on a file name: yields a temporary path in the target's
    directory, then moves it over ``path``. The target is checked (no symlink, no device)
    before and again just before the swap, so a link planted meanwhile is not followed
    either; on any failure the temporary file is removed and the old file stays."""
    p = Path(path)
    check_target(p)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the usual mode
        check_target(p)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def defuse_workbook(wb: Any) -> Any:
    """Store every would-be formula of an openpyxl workbook as plain text."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    c.data_type = "s"
    return wb


def csv_text(value: object) -> str:
    """A CSV field for Excel: text that Excel would evaluate gets a leading apostrophe."""
    s = "" if value is None else str(value)
    if s.startswith(_FORMULA_START) and not _NUMBER.match(s):
        return "'" + s
    return s


__all__ = ["UnsafeOutput", "atomic_path", "check_target", "csv_text", "defuse_workbook", "write_atomic"]
