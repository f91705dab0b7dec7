"""Plain text in the tab-separated layout of the seed conversions.

Prose is one paragraph a line with a blank line between paragraphs; a table is its title,
公开NN表, 部门：…, YYYY年度, 单位：万元, the header rows, the 栏次 row and the data rows with
cells separated by tabs (a merged cell's text sits in its first slot), then 注：… and, for a
table with no data, the 说明 statement. juesuan's text reader reads it back.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.money import fmt
from juesuan.render.layout import TableLayout
from juesuan.render.narrative import Document, Heading, PageBreak, Para, TableBlock, TocEntry


def cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return fmt(v)
    return str(v)


def table_lines(lay: TableLayout, department: str, year) -> list[str]:
    out = [lay.title, "", f"公开{lay.number}表", "", f"部门：{department}", ""]
    if year:
        out += [f"{year}年度", ""]
    out += ["单位：万元", ""]
    for row in lay.header_grid():
        out.append("\t".join(row))
    for row in lay.body:
        out.append("\t".join(cell_text(v) for v in row))
    out.append("")
    for note in lay.notes:
        out += [note, ""]
    if lay.statement:
        out += [lay.statement, ""]
    return out


def render_txt(doc: Document) -> str:
    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, (Heading, Para, TocEntry)):
            lines += [b.text, ""]
        elif isinstance(b, TableBlock):
            lines += table_lines(b.layout, doc.department, doc.year)
        elif isinstance(b, PageBreak):
            continue
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
