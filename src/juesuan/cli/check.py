"""`juesuan check FILE`: audit a disclosure against the rule catalogue (spec §5–§6).

Exit status: 0 no error findings, 1 at least one error finding, 2 the input could not be read.
"""

from __future__ import annotations

from enum import Enum
from functools import partial
from pathlib import Path

import typer

from juesuan.cli.app import app, fail
from juesuan.cli.io import load_or_exit, write_output, write_stdout
from juesuan.i18n import t


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"
    checklist = "checklist"


def _import_rules(text_report: bool) -> None:
    """The rule catalogue's modules, and the text report's (Rich) when it is to be drawn,
    imported while the worker reads (cli.io.load_or_exit)."""
    import juesuan.rules  # noqa: F401

    if text_report:
        import juesuan.report.text  # noqa: F401


@app.command(help=t("check.help"))
def check(
    file: Path = typer.Argument(..., help=t("check.file"), show_default=False),
    format: Format = typer.Option(Format.text, "--format", "-f", help=t("check.format")),
    output: Path | None = typer.Option(None, "--output", "-o", help=t("check.output"), show_default=False),
    coverage: bool = typer.Option(False, "--coverage", help=t("check.coverage")),
    rules: str | None = typer.Option(None, "--rules", help=t("check.rules"), show_default=False),
    exclude: str | None = typer.Option(None, "--exclude", help=t("check.exclude"), show_default=False),
    previous: Path | None = typer.Option(None, "--previous", help=t("check.previous"), show_default=False),
) -> None:
    import juesuan

    if format in (Format.xlsx, Format.checklist) and output is None:
        raise fail(t("err.xlsx_needs_output"))
    doc = load_or_exit(file, prepare=partial(_import_rules, format is Format.text))
    try:
        report = juesuan.audit(doc, rules=rules, exclude=exclude)
    except ValueError as e:
        raise fail(str(e)) from None
    if previous is not None:
        from juesuan.cli.previous import add_cross_year

        add_cross_year(report, doc, previous)
    if format is Format.checklist and output is not None:
        from juesuan.report.checklist import checklist, write_xlsx
        from juesuan.safeio import atomic_path

        m = doc.meta
        try:
            with atomic_path(output) as tmp:  # atomic, never through a symlink
                write_xlsx(checklist(doc, report.findings), tmp, title=f"{m.department} {m.year or ''} 年度部门决算公开检查表")
        except OSError as e:
            raise fail(t("err.write", path=output, why=e.strerror or e)) from None
        raise typer.Exit(1 if report.has_errors else 0)
    if format is Format.text and output is None:
        from juesuan.report.terminal import stdout_console
        from juesuan.report.text import render

        render(report, stdout_console(soft_wrap=False))
        raise typer.Exit(1 if report.has_errors else 0)
    data = _render(report, format, coverage)
    if output is not None:
        write_output(output, data)
    elif isinstance(data, bytes):
        import sys

        sys.stdout.buffer.write(data)
    else:
        write_stdout(data)
    raise typer.Exit(1 if report.has_errors else 0)


def _render(report, format: Format, coverage: bool = False) -> bytes | str:
    from juesuan.report.sheets import coverage_csv, excel_csv, findings_csv, findings_xlsx

    if coverage and format is Format.csv:
        return excel_csv(coverage_csv(report))
    if format is Format.xlsx:
        return findings_xlsx(report)
    if format is Format.csv:
        return excel_csv(findings_csv(report))
    if format is Format.json:
        return report.to_json()
    if format is Format.html:
        from juesuan.report.html import render_html

        return render_html(report)
    from juesuan.report.text import render_text

    return render_text(report)
