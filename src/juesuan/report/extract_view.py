"""A readable terminal view of an extracted disclosure (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from juesuan.glossary import TABLES
from juesuan.i18n import translate_reason
from juesuan.model import Disclosure
from juesuan.money import fmt
from juesuan.report.terminal import stdout_console


def print_extraction(doc: Disclosure, console: Console | None = None) -> None:
    con = console or stdout_console()
    m = doc.meta
    found = doc.tables_found()
    con.print(Panel.fit(
        f"[b]{escape(m.department or '（未识别部门）')}[/b]  {m.year or ''}年度  单位：{escape(m.unit)}{'' if m.unit_stated else '（未注明）'}\n"
        f"来源：{escape(m.source)}  格式：{m.format}\n"
        f"表格：{len(found)}/9 已找到  单元格：{len(doc.all_cells())}  叙述数字：{len(doc.claims)}  修复：{len(doc.repairs)}",
        title=Text("juesuan extract"),  # (no markup, no emoji codes)
    ))
    for tid, spec in TABLES.items():
        t = doc.tables.get(tid)
        if t is None or not t.present:
            con.print(f"[red]{tid} {spec.title}: 未找到[/red]")
            continue
        # (what the document printed is shown as printed, never read as Rich markup)
        head = escape(f"{tid} {t.title or spec.title}" + (f"（公开{t.number}表）" if t.number else ""))
        if not t.cells:
            note = escape(t.empty_statement or "（无数据）")
            con.print(f"[b]{head}[/b]  [dim]{note}[/dim]")
            continue
        cols = list(dict.fromkeys(c.column for c in t.cells))
        rt = RichTable(title=head, title_justify="left", show_lines=False, header_style="bold")
        rt.add_column("行")
        rt.add_column("名称", overflow="fold", max_width=24)
        for col in cols:
            rt.add_column(col, justify="right")
        rows = t.rows()
        if tid == "T06":  # three printed column groups: show one list in code order, totals last
            rows = sorted(rows, key=lambda r: (not r.isdigit(), r[:3], len(r), r))
        for row in rows:
            cells = [t.get(row, col) for col in cols]
            if not any(cells):
                continue
            # Text, not markup strings: a table has hundreds of cells, and a string is parsed
            # for markup and emoji codes cell by cell (most of the view's time)
            rt.add_row(
                Text(row), Text(t.row_labels.get(row, "")),
                *[Text("") if c is None else (Text(f"{fmt(c.value)}*", style="yellow") if c.repaired or c.uncertain
                                            else Text(fmt(c.value))) for c in cells],
            )
        con.print(rt)
    if doc.repairs:
        rt = RichTable(title="修复记录（表中带 * 的数字）", title_justify="left")
        for h in ("表", "行", "列", "印刷", "修复为", "依据"):
            rt.add_column(h, overflow="fold")
        for r in doc.repairs:
            rt.add_row(*(Text(v) for v in (r.table, r.row, r.column, r.raw, r.value or "（删除）", translate_reason(r.reason))))
        con.print(rt)
    for w in doc.warnings:
        con.print(f"[dim]读取说明：{escape(translate_reason(w))}[/dim]")
