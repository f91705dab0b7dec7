"""Plain text in the tab-separated layout of the seed conversions, or in the space-separated
layout of a pdftotext dump, or in the one of a pdfplumber dump.

Prose is one paragraph a line with a blank line between paragraphs; a table is its title,
公开NN表, 部门：…, YYYY年度, 单位：万元, the header rows, the 栏次 row and the data rows, then 注：…
and, for a table with no data, the 说明 statement. In ``tab`` mode cells are separated by tabs
(a merged cell's text sits in its first slot, empty cells are kept); in ``space`` mode the
non-empty cells of a row are joined by single spaces and empty cells vanish, as in a PDF text
dump, where a row with a name wrapped over two lines breaks into several lines; in ``line``
mode (a table's own, ``TableLayout.text``) every non-empty cell is a line of its own.
A layout with ``page_rows`` breaks its body every N rows: a page number, a form feed, and the
header rows again. juesuan's text reader reads every form back.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from juesuan.money import fmt
from juesuan.render.layout import TableLayout
from juesuan.render.narrative import Document, Heading, PageBreak, Para, TableBlock, TocEntry

Mode = Literal["tab", "space", "plumber", "line"]


def cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return fmt(v)
    return str(v)


def _row_lines(cells: list[str], mode: Mode) -> list[str]:
    """One printed row → its line(s). A tab-separated conversion keeps every cell on one line.
    A PDF dump prints a row with a wrapped name (a newline inside a cell) as the cells before it,
    each piece of the name, and the cells after it, each on a line of its own (as pdftotext
    does: "2080505" / "机关事业单位基本养老保险缴费" / "支出" / "738.48 738.48"); in ``plumber`` mode the
    row's other cells are set level with the middle of the name (``_centred_lines``)."""
    if mode == "tab":
        return ["\t".join(c.replace("\n", "") for c in cells)]
    if mode == "line":  # one cell a line, row after row (a form's cells dumped in reading order)
        return [piece for c in cells for piece in c.split("\n") if piece]
    if mode == "plumber":
        return _centred_lines(cells)
    out: list[str] = []
    run: list[str] = []
    for c in cells:
        if "\n" not in c:
            if c:
                run.append(c)
            continue
        if run:
            out.append(" ".join(run))
            run = []
        out += [piece for piece in c.split("\n") if piece]
    if run:
        out.append(" ".join(run))
    return out


def _centred_lines(cells: list[str]) -> list[str]:
    """A row as pdfplumber ``extract_text`` prints it: a text line per height on the page, each
    cell vertically centred in the row. A row whose tallest cell (a wrapped name) has n lines
    spans 2n half-lines; a cell of k lines starts n − k half-lines down, a line every two. So
    the one-line cells sit level with the name's middle line when n is odd ('国有土地使用权出让' /
    '21219 收入对应专项债务收 0 2,000.00 …' / '入安排的支出'), on a line of their own between its
    two middle lines when n is even ('地方旅游开发项目补' / '2070904 0 2.80 …' / '助'). Cells at one
    height share a line, in column order; empty cells vanish."""
    parts = [[p for p in c.split("\n") if p] for c in cells]
    height = max((len(p) for p in parts), default=0)
    at: dict[int, list[str]] = {}
    for p in parts:
        for k, piece in enumerate(p):
            at.setdefault(height - len(p) + 2 * k, []).append(piece)
    return [" ".join(at[pos]) for pos in sorted(at)]


class _Pager:
    """Page numbers for form-fed tables (a document-wide counter, as in a PDF dump)."""

    def __init__(self) -> None:
        self.page = 1

    def next(self) -> list[str]:
        self.page += 1
        return [f"— {self.page - 1} —", "\f"]


def table_lines(lay: TableLayout, department: str, year, mode: Mode = "tab", pager: _Pager | None = None) -> list[str]:
    mode = lay.text or mode  # type: ignore[assignment]  # a table printed in its own mode
    out = [lay.title, ""]
    label = [f"公开{lay.number}表", ""]
    if lay.preamble is None and lay.label != "公开":  # the number before the title, or over it
        n = int(lay.number) if lay.number.isdigit() else lay.number
        out = [f"表{n}：{lay.title}", ""] if lay.label == "表N：" else [f"附表{n}", "", lay.title, ""]
        label = []
    if lay.preamble is not None:  # the performance forms: only their year under the title
        for line in lay.preamble:
            out += [line, ""]
    elif lay.meta_line:
        out += [*label, " ".join(x for x in (f"部门：{department}", f"{year}年度" if year else "",
                                                            f"金额单位：{lay.unit}") if x), ""]
    else:
        out += [*label, f"部门：{department}", ""] + ([f"{year}年度", ""] if year else []) + [
            f"单位：{lay.unit}", ""]
    header: list[str] = []
    for hrow in lay.header_grid():
        header += _row_lines(hrow, mode)
    out += header
    pager = pager or _Pager()
    for i, row in enumerate(lay.body):
        if lay.page_rows and i and i % lay.page_rows == 0:
            brk = pager.next()
            out += brk[:1]
            again = header + [x for r in lay.repeat_rows if r < i
                              for x in _row_lines([cell_text(v) for v in lay.body[r]], mode)]
            out.append(brk[1] + (again[0] if again else ""))  # the form feed starts the next page's first line
            out += again[1:]
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
