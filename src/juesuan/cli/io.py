"""What every command does with files: load a disclosure (with a progress line, and one
Chinese error line naming the file on failure — never a traceback) and write an output
(atomically, never through a symlink: :func:`juesuan.safeio.write_atomic`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.cli.app import fail
from juesuan.i18n import read_error, t

if TYPE_CHECKING:  # the model (pydantic) is loaded when a command runs, not for --help
    from juesuan.model import Disclosure

# Exceptions a reader bug may raise: reported as "cannot read" with the file, exit 2.
READER_BUGS = (OSError, ValueError, KeyError, IndexError, RuntimeError, TypeError, AttributeError)


PageHook = Callable[[int, int], None]


@contextmanager
def reading(path: Path, show: bool = True) -> Iterator[PageHook | None]:
    """“正在读取 X …” on a terminal while a document is read. A paged document fills a bar
    page by page, with the time left (a scan takes seconds a page): the block gets the
    ``on_page(done, total)`` hook to pass to the reader (None when nothing is shown)."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(), TextColumn("{task.fields[pages]}"),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(t("progress.reading", path=path), total=None, pages="")

        def on_page(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, pages=t("progress.pages", done=done, total=total))

        yield on_page


def load_or_exit(path: Path, *, progress: bool = True, prepare: Callable[[], None] | None = None) -> Disclosure:
    """Load a document for a command; any failure is one line naming the file, exit 2.
    ``prepare()``, what the command needs once the model is built (its modules), runs while
    the worker reads (``batch.task.load_bounded``)."""
    from juesuan.batch.task import load_bounded
    from juesuan.read.types import ReadError

    # A bug in a reader surfaces from the worker as isolate.TaskFailed and is left to the
    # top-level guard (cli.main): one line, exit status 3, never "unreadable" (2).
    try:  # in a bounded worker process (juesuan.limits), the progress shown once it runs
        return load_bounded(path, display=partial(reading, path, progress), prepare=prepare)
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
