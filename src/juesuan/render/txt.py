"""Plain text in the tab-separated layout of the seed conversions, or in the space-separated
layout of a pdftotext dump.

Prose is one paragraph a line with a blank line between paragraphs; a table is its title,
公开NN表, 部门：…, YYYY年度, 单位：万元, the header rows, the 栏次 row and the data rows, then 注：…
and, for a table with no data, the 说明 statement. In ``tab`` mode cells are separated by tabs
(a merged cell's text sits in its first slot, empty cells are kept); in ``space`` mode the
non-empty cells of a row are joined by single spaces and empty cells vanish, as in a PDF text
dump, where a name wrapped over two lines (a newline inside the cell) continues on the next
line.
A layout with ``page_rows`` breaks its body every N rows: a page number, a form feed, and the
header rows again. juesuan's text reader reads every form back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from juesuan.money import fmt
from juesuan.render.layout import TableLayout
from juesuan.render.narrative import Document, Heading, PageBreak, Para, TableBlock, TocEntry

Mode = Literal["tab", "space"]


def cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return fmt(v)
    return str(v)


def _row_lines(cells: list[str], mode: Mode) -> list[str]:
    """One printed row → one line, or more when a cell holds a newline (its continuation goes
    on the next line, in the same slot)."""
    # A tab-separated conversion keeps a cell on one line; a PDF dump breaks a wrapped name.
    parts = [c.split("\n") if mode == "space" else [c.replace("\n", "")] for c in cells]
    depth = max((len(p) for p in parts), default=1)
    out = []
    for k in range(depth):
        slot = [p[k] if k < len(p) else "" for p in parts]
        if mode == "tab":
            out.append("\t".join(slot))
        else:
            line = " ".join(s for s in slot if s)
            if line:
                out.append(line)
    return out


class _Pager:
    """Page numbers for form-fed tables (a document-wide counter, as in a PDF dump)."""

    def __init__(self) -> None:
        self.page = 1

    def next(self) -> list[str]:
        self.page += 1
        return [f"— {self.page - 1} —", "\f"]


def table_lines(lay: TableLayout, department: str, year, mode: Mode = "tab", pager: _Pager | None = None) -> list[str]:
    out = [lay.title, "", f"公开{lay.number}表", "", f"部门：{department}", ""]
    if year:
        out += [f"{year}年度", ""]
    out += [f"单位：{lay.unit}", ""]
    header: list[str] = []
    for hrow in lay.header_grid():
        header += _row_lines(hrow, mode)
    out += header
    pager = pager or _Pager()
    for i, row in enumerate(lay.body):
        if lay.page_rows and i and i % lay.page_rows == 0:
            brk = pager.next()
            out += brk[:1]
            out.append(brk[1] + header[0])  # the form feed starts the next page's first line
            out += header[1:]
        out += _row_lines([cell_text(v) for v in row], mode)
    out.append("")
    for note in lay.notes:
        out += [note, ""]
    if lay.statement:
        out += [lay.statement, ""]
    return out


def render_txt(doc: Document, mode: Mode = "tab") -> str:
    lines: list[str] = []
    pager = _Pager()
    for b in doc.blocks:
        if isinstance(b, (Heading, Para, TocEntry)):
            lines += [b.text, ""]
        elif isinstance(b, TableBlock):
            lines += table_lines(b.layout, doc.department, doc.year, mode, pager)
        elif isinstance(b, PageBreak):
            continue
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
