"""Terminal rendering of a report with Rich."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from juesuan.rules.base import FAMILIES

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def render(report, console: Console) -> None:
    d = report.document
    s = report.summary
    head = Text()
    head.append(f"{d.department or '（未识别部门）'}  {d.year or ''} 年度部门决算\n", style="bold")
    head.append(f"来源 {d.source}   单位 {d.unit}   表 {' '.join(d.tables_found) or '无'}\n")
    head.append(f"错误 {s['error']}", style=STYLE["error"])
    head.append("  ")
    head.append(f"警告 {s['warning']}", style=STYLE["warning"])
    head.append("  ")
    head.append(f"提示 {s['info']}", style=STYLE["info"])
    console.print(Panel(head, title="juesuan check", expand=False))
    if not report.findings:
        console.print("[green]未发现问题。[/green]")
        return
    t = Table(show_lines=False, expand=True, header_style="bold")
    t.add_column("级别", no_wrap=True)
    t.add_column("规则", no_wrap=True)
    t.add_column("位置", no_wrap=True)
    t.add_column("说明", ratio=1)
    for f in report.findings:
        loc = f.location
        where = ""
        if loc.page:
            where += f"p{loc.page}"
        if loc.line:
            where += f" L{loc.line}"
        msg = Text(f.message)
        if f.extraction_uncertain:
            msg.append("  [提取存疑]", style="magenta")
        t.add_row(Text(LABEL[f.severity], style=STYLE[f.severity]),
                  Text(f"{f.rule}\n{FAMILIES[f.family]}", style="dim" if f.severity == "info" else ""),
                  where.strip(), msg)
    console.print(t)


def render_text(report, width: int = 120) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"), color_system=None)
    render(report, console)
    return console.export_text()
