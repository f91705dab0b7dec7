"""The console a report is printed to on standard output.

Two of Rich's defaults do not suit a report of a document:

- emoji codes: Rich replaces ``:name:`` in printed text by the emoji of that name. A report
  quotes the document's own text, which is printed as the document has it;
- highlighting: Rich colours numbers, quoted strings and the like in every string printed,
  by a dozen regular expressions run over each one. Where the output shows no colour (a pipe,
  a file, ``NO_COLOR``) that is work whose result is thrown away: a few milliseconds of a
  ``check`` piped to another program. Where colours show, they are kept.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console


def stdout_console(**options: Any) -> Console:
    """A Rich console on standard output for a report (``options`` as ``Console`` takes them)."""
    console = Console(emoji=False, **options)
    if console.color_system is None:  # nothing will be coloured: nothing to highlight
        console = Console(emoji=False, highlight=False, **options)
    return console


__all__ = ["stdout_console"]
