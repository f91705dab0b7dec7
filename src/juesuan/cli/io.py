"""What every command does with files: load a disclosure (with a progress line, and one
Chinese error line naming the file on failure — never a traceback) and write an output
(atomically, never through a symlink: :func:`juesuan.safeio.write_atomic`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.cli.app import fail
from juesuan.i18n import read_error, t

if TYPE_CHECKING:  # the model (pydantic) is loaded when a command runs, not for --help
    from juesuan.model import Disclosure

# Exceptions a reader bug may raise: reported as "cannot read" with the file, exit 2.
READER_BUGS = (OSError, ValueError, KeyError, IndexError, RuntimeError, TypeError, AttributeError)


@contextmanager
def reading(path: Path, show: bool = True) -> Iterator[None]:
    """A spinner “正在读取 X …” on a terminal while a document is read (a scan can take minutes)."""
    if show and sys.stderr.isatty():
        from rich.console import Console

        with Console(stderr=True).status(t("progress.reading", path=path)):
            yield
    else:
        yield


def load_or_exit(path: Path, *, progress: bool = True) -> Disclosure:
    """Load a document for a command; any failure is one line naming the file, exit 2."""
    from juesuan.batch.task import load_bounded
    from juesuan.pipeline import ReadError

    # A bug in a reader surfaces from the worker as isolate.TaskFailed and is left to the
    # top-level guard (cli.main): one line, exit status 3, never "unreadable" (2).
    try:
        with reading(path, progress):
            return load_bounded(path)  # in a bounded worker process (juesuan.limits)
    except ReadError as e:
        raise fail(read_error(e.path, e.why)) from None
    except READER_BUGS as e:
        why = t("err.reader_bug", kind=type(e).__name__, why=str(e)[:160])
        raise fail(t("err.read", path=path, why=why)) from None


def write_output(path: Path, data: bytes | str) -> None:
    """Write a command's output file, or exit 2 with one line naming it."""
    from juesuan.safeio import write_atomic

    try:
        write_atomic(path, data)
    except OSError as e:
        raise fail(t("err.write", path=path, why=e.strerror or e)) from None


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
