"""What a command line will read, known before Typer is imported.

Typer, the command modules and the Pydantic they bring take the first ~150 ms of every
command, one after the other, on one core. A command that reads a document (``extract``,
``check``) can have its bounded worker read it meanwhile (``batch.task.start_reading``), if
the document's path is known before Typer parses the line: :func:`document_to_read` finds it
with what Click's parser would do for these commands' options. It is only a guess: the
command, once parsed, takes the early read only if it loads exactly that path
(``batch.task.load_bounded``), and a read no command takes is dropped. A command on one
document also runs with the collector paused (``cli.main``, ``juesuan.gcpause``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

# Options that take a value (the rest are flags), of the app (``cli/app.py``) and of each
# command whose first argument is a document it loads in a bounded worker (``cli/io.py``
# ``load_or_exit``). tests/batch/test_early_read.py holds this to the commands' Typer parameters.
APP_VALUE_OPTIONS = frozenset({"--lang"})
DOCUMENT_COMMANDS = {
    "extract": frozenset({"--format", "-f", "--output", "-o"}),
    "check": frozenset({"--format", "-f", "--output", "-o", "--rules", "--exclude", "--previous"}),
}
HELP = "--help"


def _first_positional(args: Sequence[str], value_options: frozenset[str]) -> int | None:
    """Where the first positional argument of ``args`` is, as Click parses them for a command
    with these value options; None if a help request comes first or there is none."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":  # the rest is positional
            return i + 1 if i + 1 < len(args) else None
        if a == HELP:
            return None
        if a == "-" or not a.startswith("-"):
            return i
        if a in value_options:  # "-f csv"; "--format=csv" and "-fcsv" are one token, as are flags
            i += 1
        i += 1
    return None


def document_to_read(args: Sequence[str]) -> str | None:
    """The path of the document the command line ``args`` (without the program name) will
    load in a bounded worker, if it names a command that does and an existing file; else
    None (a help request, another command, a missing file)."""
    at = _first_positional(args, APP_VALUE_OPTIONS)  # the app's options, then the command
    if at is None or args[at] not in DOCUMENT_COMMANDS:
        return None
    rest = args[at + 1:]
    if HELP in rest:
        return None
    first = _first_positional(rest, DOCUMENT_COMMANDS[args[at]])
    if first is None:
        return None
    path = str(Path(rest[first]))  # as the command gets it (a Path)
    return path if os.path.isfile(path) else None


__all__ = ["document_to_read"]
