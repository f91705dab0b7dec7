"""`juesuan check FILE`: audit a disclosure against the rule catalogue (spec §5–§6).

Exit status: 0 no error findings, 1 at least one error finding, 2 the input could not be read.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from juesuan.cli.app import app, fail


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"
    checklist = "checklist"


@app.command()
def check(
    file: Path = typer.Argument(..., help="The disclosure to audit (PDF, text, Word, Excel, HTML or model JSON)."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text | json | html | csv | checklist（检查表 xlsx，须配合 -o）"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here instead of stdout."),
    rules: str | None = typer.Option(None, "--rules", help="只运行这些规则：逗号分隔的规则编号或规则族字母，如 A,X-T05-T06-basic。"),
    exclude: str | None = typer.Option(None, "--exclude", help="不运行这些规则：逗号分隔的规则编号或规则族字母，如 N,K。"),
) -> None:
    """Audit a disclosure: run every rule and report the findings."""
    import juesuan
    from juesuan.read import ReadError
    from juesuan.report import to_csv, to_html, to_text

    try:
        doc = juesuan.read(file)
    except ReadError as e:
        raise fail(str(e))
    except (OSError, ValueError) as e:
        raise fail(f"{file}: {e}")
    try:
        report = juesuan.audit(doc, rules=rules, exclude=exclude)
    except ValueError as e:
        raise fail(str(e))
    if format is Format.checklist:
        if output is None:
            raise fail("检查表为 xlsx 文件，请用 -o 指定输出文件，如 -o 检查表.xlsx")
        from juesuan.report.checklist import checklist, write_xlsx

        m = doc.meta
        write_xlsx(checklist(doc, report.findings), output, title=f"{m.department} {m.year or ''} 年度部门决算公开检查表")
    elif format is Format.text and output is None:
        from rich.console import Console

        from juesuan.report.text import render

        render(report, Console())
    else:
        text = {
            Format.text: lambda: to_text(report),
            Format.json: lambda: report.to_json(),
            Format.html: lambda: to_html(report),
            Format.csv: lambda: to_csv(report),
        }[format]()
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    raise typer.Exit(1 if report.has_errors else 0)
