"""The text report (Rich). On a terminal: a table of findings. Piped or redirected (email, a
file, grep): one finding a block of plain lines, never cut to the width of a terminal that
is not there. Performance findings are gathered per project under its name. Both end with the coverage summary and the reading notes, in Chinese.

What comes from the document (project names, reading notes, reasons quoting its text) is printed
as text, never read as Rich markup: a ``[b]`` or ``[/x]`` in a document is shown as printed."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from juesuan.findings import PERF_TABLE
from juesuan.i18n import t
from juesuan.report.views import (
    coverage_by_table,
    coverage_lines,
    coverage_totals_line,
    get,
    grouped_findings,
    reading_notes,
    rule_title,
    shown,
    status_headers,
    table_title,
)

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _head(report: Any) -> Text:
    d = get(report, "document") or {}
    s = get(report, "summary") or {}
    head = Text()
    head.append(t("report.title", department=get(d, "department") or t("report.unknown_department"),
                  year=get(d, "year") or ""), style="bold")
    head.append("\n")
    head.append(f"{t('report.source')}：{get(d, 'source')}　{t('report.unit')}：{get(d, 'unit')}　"
                f"{t('report.tables')}：{' '.join(get(d, 'tables_found') or []) or t('report.none')}\n")
    for i, sev in enumerate(("error", "warning", "info")):
        if i:
            head.append("　")
        head.append(f"{t('sev.' + sev)} {s.get(sev, 0)}", style=STYLE[sev])
    return head


def _where(f: Any) -> str:
    loc = get(f, "location") or {}
    parts = []
    if get(loc, "page"):
        parts.append(f"第 {get(loc, 'page')} 页")
    if get(loc, "line"):
        parts.append(f"第 {get(loc, 'line')} 行")
    return " ".join(parts)


def _message(f: Any) -> Text:
    msg = Text(get(f, "message") or "")
    nums = []
    for key, label in (("expected", "col.expected"), ("actual", "col.actual"), ("difference", "col.difference")):
        if shown(f, key) is not None:
            nums.append(f"{t(label)} {shown(f, key)}")
    if nums:
        msg.append(f"（{'，'.join(nums)}）", style="dim")
    if get(f, "extraction_uncertain"):
        msg.append(f"  [{t('report.uncertain')}]", style="magenta")
    for sub in get(f, "consequences") or ():  # findings that share this one's root cause
        msg.append(f"\n  └ {rule_title(get(sub, 'rule'))}：{get(sub, 'message')}", style="dim")
    return msg


def _project_head(project: str) -> Text:
    """The line above a project's performance findings."""
    return Text(table_title(PERF_TABLE + project), style="bold")


def _findings_table(findings: list[tuple[str | None, Any]], console: Console) -> None:
    tab = Table(show_lines=False, expand=True, header_style="bold")
    tab.add_column(t("col.severity"), overflow="fold")
    tab.add_column(t("col.rule"), overflow="fold", max_width=28)
    tab.add_column(t("col.where"), overflow="fold")
    tab.add_column(t("col.message"), ratio=1, overflow="fold")
    current = None
    for project, f in findings:
        if project is not None and project != current:
            tab.add_row("", "", "", _project_head(project))
        current = project
        sev = get(f, "severity")
        tab.add_row(Text(t(f"sev.{sev}"), style=STYLE.get(sev, "")), Text(rule_title(get(f, "rule")), style="dim"),
                    _where(f), _message(f))
    console.print(tab)


def _findings_lines(findings: list[tuple[str | None, Any]], console: Console) -> None:
    current = None
    for i, (project, f) in enumerate(findings, start=1):
        if project is not None and project != current:
            console.print(_project_head(project), soft_wrap=True)
        current = project
        sev = get(f, "severity")
        line = Text(f"{i}. [{t(f'sev.{sev}')}] ", style=STYLE.get(sev, ""))
        line.append(rule_title(get(f, "rule")))
        if _where(f):
            line.append(f"　{_where(f)}")
        console.print(line, soft_wrap=True)
        console.print(Text("   ").append(_message(f)), soft_wrap=True)


def _coverage(report: Any, console: Console) -> None:
    lines = coverage_lines(report)
    console.print(Text(t("report.coverage"), style="bold"), soft_wrap=True)
    if lines is None:
        console.print(t("report.coverage_missing"), soft_wrap=True)
        return
    console.print(coverage_totals_line(lines), soft_wrap=True)
    if console.is_terminal:
        tab = Table(show_lines=False, header_style="bold")
        tab.add_column(t("col.table"), overflow="fold")
        for h in status_headers():
            tab.add_column(h, justify="right", overflow="fold", min_width=len(h) * 2)
        for title, counts in coverage_by_table(lines):
            tab.add_row(console.render_str(title, markup=False), *[str(n) for n in counts.values()])
        console.print(tab)
    else:  # piped: plain lines, nothing cut to a width
        for title, counts in coverage_by_table(lines):
            parts = "　".join(f"{h} {n}" for h, n in zip(status_headers(), counts.values(), strict=True))
            console.print(f"  {title}：{parts}", soft_wrap=True, markup=False)
    for x in lines:
        if x.status == "not_checked":
            why = f"：{x.reason}" if x.reason else ""
            console.print(f"  {t('cov.not_checked')}　{table_title(x.table)}　{rule_title(x.rule)}{why}", soft_wrap=True,
                          markup=False)
    console.print(Text(t("report.coverage_note"), style="dim"), soft_wrap=True)


def _notes(report: Any, console: Console) -> None:
    warnings, repairs = reading_notes(report)
    for label, lines in ((t("report.reading"), warnings), (t("report.repairs"), repairs)):
        if lines:
            console.print(Text(label, style="bold"), soft_wrap=True)
            for line in lines:
                console.print(f"  {line}", soft_wrap=True, markup=False)


def render(report: Any, console: Console) -> None:
    console.print(Panel(_head(report), title=Text("juesuan check"), expand=False))  # (no markup, no emoji codes)
    findings = grouped_findings(report)
    if not findings:
        console.print(f"[green]{t('report.no_findings')}[/green]")
    elif console.is_terminal:
        _findings_table(findings, console)
    else:
        _findings_lines(findings, console)
    console.print()
    _coverage(report, console)
    _notes(report, console)


def render_text(report: Any, width: int = 120) -> str:
    """The plain-text report (no colour, no table): what a pipe or a file receives."""
    buf = io.StringIO()
    console = Console(width=width, file=buf, color_system=None, force_terminal=False, soft_wrap=True, emoji=False,
                      highlight=False)  # no colour, nothing to highlight (report.terminal)
    render(report, console)
    return buf.getvalue()
