"""Entry point: the app with every command module's commands registered on it (``app``), and
the guard of the whole run, so that no traceback ever reaches a user (``main``).

The app (Typer) is imported when first asked for: ``main`` first starts the read of the
document the command line names, if any (``cli.early``), so that the worker reads while
Typer loads and parses."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

COMMAND_MODULES = ("extract", "check", "render", "batch", "store")


def _app() -> typer.Typer:
    """The Typer app, its commands registered (each command module adds its own)."""
    from juesuan.cli.app import app

    for mod in COMMAND_MODULES:
        try:
            importlib.import_module(f"juesuan.cli.{mod}")
        except ModuleNotFoundError as e:  # a command module not written yet
            if e.name != f"juesuan.cli.{mod}":
                raise
    return app


def __getattr__(name: str) -> Any:  # ``from juesuan.cli.main import app`` (PEP 562)
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Exit statuses: 0 no error findings, 1 error findings, 2 input unreadable, 3 internal error
# (a bug in juesuan: never 1, which would claim the document has errors), 130 interrupted.
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
BUG_HINT = "这是 juesuan 的缺陷，请将此行和所用命令报告给维护者（https://github.com/juesuan/juesuan/issues），设置 JUESUAN_DEBUG=1 可看到详细信息"


def quiet_libraries() -> None:
    """Library warnings (pdfminer, openpyxl …) never reach stderr: readers report what
    matters as reading warnings. A handler on the root logger stops Python's last-resort
    handler from printing WARNING records of libraries that log without configuring."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    for name in ("pdfminer", "pdfplumber", "openpyxl", "fontTools", "PIL"):
        logging.getLogger(name).setLevel(logging.ERROR)


def one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    if hasattr(e, "outcome"):  # isolate.TaskFailed: the worker already named the exception
        return text[:300]
    return f"{type(e).__name__}: {text[:300]}" if text else type(e).__name__


def main(argv: list[str] | None = None) -> None:
    """The ``juesuan`` console script: the Typer app under a top-level guard."""
    # Pydantic looks for plugins (entry points of every installed distribution, through
    # importlib.metadata) when it builds the first validator of a process. A command builds
    # only juesuan's own models, which no plugin is meant to observe: skip the search, as
    # Typer does around its parameter adapters (typer._adapters.disabled_pydantic_plugins).
    # An explicit setting of the variable is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        from juesuan.cli.early import document_to_read
        from juesuan.gcpause import for_command, no_collection_at_exit

        document = _ahead(document_to_read, sys.argv[1:] if argv is None else argv)
        global _one_document
        _one_document = document is not None
        # A command on one document runs with the collector paused (juesuan.gcpause): what it
        # allocates is what it loads for its life, or bounded by the document.
        with ExitStack() as paused:
            if document is not None:
                paused.enter_context(for_command())
                if not _isolating():  # it reads in its own process: a PDF parser's objects make cycles
                    paused.close()
            # what the standard library compiles from here on (the worker's too: dataclasses'
            # methods, typing's annotations) is compiled once and kept (juesuan.codecache)
            from juesuan import codecache

            codecache.install()
            if document is not None:  # first, so that the worker reads while everything below loads
                from juesuan.batch.task import start_reading

                _ahead(start_reading, document)
            quiet_libraries()
            _skip_plugin_search_imports()
            no_collection_at_exit()  # the process ends with the command (juesuan.gcpause)
            _app()(args=argv, prog_name="juesuan")  # usage errors exit 2, Ctrl-C 130 (Typer's own)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("juesuan: 已中断\n")
        sys.exit(EXIT_INTERRUPTED)
    except BaseException as e:  # the guard: a bug becomes one clear line, never a traceback
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        sys.stderr.write(f"juesuan: 内部错误（{one_line(e)}）。{BUG_HINT}\n")
        sys.exit(EXIT_INTERNAL)
    finally:  # a read started early that the command never took (a usage error, say)
        task = sys.modules.get("juesuan.batch.task")  # (not imported: no read was started)
        if task is not None:
            task.drop_early_read()


def entry() -> None:
    """The ``juesuan`` console script and ``python -m juesuan``: :func:`main`, and then, for
    a command on one document, the end of the process at once (:func:`end_process`)."""
    try:
        main()
        code: str | int | None = 0
    except SystemExit as e:
        code = e.code
    if _one_document:
        end_process(code)
    sys.exit(code)


def end_process(code: str | int | None) -> None:
    """End this process with exit status ``code`` now, without the interpreter's teardown:
    what Python's exit does that anyone can observe is done first, in its order — waiting for
    threads (none is left running: else this returns), the ``atexit`` functions (compile cache,
    logging, multiprocessing's children, coverage), flushing stdout and stderr — and what is
    left is freeing every module and object one by one, which the operating system does at
    once: 12–18 ms of a 0.3 s command. Returns (for the ordinary exit) when the status is not
    an int or None, a thread is still running, or flushing fails (a closed pipe: Python's
    own exit reports it)."""
    import threading

    if code is not None and not isinstance(code, int):  # a message: sys.exit prints it
        return
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    import atexit

    atexit._run_exitfuncs()  # (each runs once: the list is cleared)
    try:  # (the original streams too, should a library have put a wrapper in their place)
        for stream in dict.fromkeys((sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__)):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)


# Whether the last ``main`` ran a command on one document (extract, check): a process that
# ends with it (``entry``).
_one_document = False


def _skip_plugin_search_imports() -> None:
    """Pydantic's plugin loader imports importlib.metadata (about 15 ms) for the search it
    skips when plugins are disabled (above): unless they are enabled, the loader gets a
    stand-in, which imports the module only if it is ever used (juesuan.lazy)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true"):  # (pydantic's own test)
        from juesuan.lazy import defer_while_importing

        defer_while_importing("pydantic.plugin._loader", {"importlib.metadata": ()})


def _ahead(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, a step taken before the command line is parsed (``cli.early``): guessing
    the document it will load, starting the worker's read of it. A failure there is never the
    user's: None, and the command goes on as it would have without the step
    (``JUESUAN_DEBUG``: raised)."""
    try:
        return fn(*args)
    except Exception:
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        return None


def _isolating() -> bool:
    from juesuan.batch.isolate import isolating

    return isolating()


__all__ = ["app", "main", "entry", "EXIT_INTERNAL"]  # noqa: F822 (app: served by __getattr__)

if __name__ == "__main__":  # pragma: no cover
    entry()
