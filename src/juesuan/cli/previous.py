"""``juesuan check FILE --previous LAST_YEAR_FILE``: the cross-year rules on two files,
without a database."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from juesuan.cli.app import fail
from juesuan.compare.crossyear import YearMismatch, cross_year
from juesuan.model import Disclosure
from juesuan.rules.base import sort_findings


def add_cross_year(report: Any, doc: Disclosure, previous_path: Path) -> None:
    """``juesuan check FILE --previous LAST_YEAR_FILE``: read the previous year's file and add
    the Y findings to ``report``. Raises typer.Exit (status 2, one line) when the previous
    file cannot be read or is not the year before."""
    from juesuan.batch.task import load_bounded
    from juesuan.cli.io import reading
    from juesuan.i18n import read_error
    from juesuan.read import ReadError

    try:
        prev = load_bounded(previous_path, display=partial(reading, previous_path))
    except ReadError as e:
        raise fail(read_error(e.path, e.why)) from None  # one Chinese line, as for the main file
    except (OSError, ValueError) as e:
        raise fail(f"{previous_path}: {e}") from None
    try:
        found = cross_year(doc, prev)
    except YearMismatch as e:
        raise fail(f"{previous_path}: {e}") from None
    report.findings = sort_findings(list(report.findings) + found)
