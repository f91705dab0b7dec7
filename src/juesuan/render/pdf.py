"""PDF through reportlab, with an embedded CJK TrueType font (WenQuanYi Micro Hei, installed by
scripts/system-deps.sh as Debian's fonts-wqy-microhei). Prose pages are A4 portrait; each
table starts a new page, landscape when it is wide. No network, no font download."""

from __future__ import annotations

import os
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from juesuan.money import fmt
from juesuan.render.layout import TableLayout
from juesuan.render.narrative import Document, Heading, Para, TableBlock, TocEntry
from juesuan.render.narrative import PageBreak as DocPageBreak

FONT_NAME = "WQYMicroHei"
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
FONT_ENV = "JUESUAN_CJK_FONT"  # override: a .ttf/.ttc path


class FontMissing(Exception):
    pass


def _font_path() -> str:
    env = os.environ.get(FONT_ENV)
    for p in ((env,) if env else ()) + FONT_PATHS:
        if p and Path(p).is_file():
            return p
    raise FontMissing(
        f"CJK font not found at {FONT_PATHS[0]}: install fonts-wqy-microhei (make system-deps) "
        f"or set {FONT_ENV} to a TrueType font")


def register_font() -> str:
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    path = _font_path()
    kw = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, **kw))
    return FONT_NAME


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = dict(fontName=font, wordWrap="CJK")
    return {
        "cover": ParagraphStyle("cover", fontSize=26, leading=40, alignment=TA_CENTER, spaceBefore=60, **base),
        "h1": ParagraphStyle("h1", fontSize=17, leading=26, alignment=TA_CENTER, spaceBefore=12, spaceAfter=12, **base),
        "h2": ParagraphStyle("h2", fontSize=13.5, leading=22, spaceBefore=10, spaceAfter=4, **base),
        "h3": ParagraphStyle("h3", fontSize=12, leading=20, spaceBefore=6, spaceAfter=2, firstLineIndent=24, **base),
        "p": ParagraphStyle("p", fontSize=11.5, leading=21, firstLineIndent=23, spaceAfter=3, alignment=TA_LEFT, **base),
        "toc1": ParagraphStyle("toc1", fontSize=12, leading=22, **base),
        "toc2": ParagraphStyle("toc2", fontSize=11, leading=19, leftIndent=24, **base),
        "ttitle": ParagraphStyle("ttitle", fontSize=15, leading=22, alignment=TA_CENTER, **base),
        "small": ParagraphStyle("small", fontSize=8.5, leading=12, **base),
        "smallr": ParagraphStyle("smallr", fontSize=8.5, leading=12, alignment=TA_RIGHT, **base),
        "smallc": ParagraphStyle("smallc", fontSize=8.5, leading=12, alignment=TA_CENTER, **base),
        "note": ParagraphStyle("note", fontSize=8.5, leading=12, spaceBefore=4, **base),
        "cell": ParagraphStyle("cell", fontSize=7.8, leading=9.5, **base),
        "cellc": ParagraphStyle("cellc", fontSize=7.8, leading=9.5, alignment=TA_CENTER, **base),
    }


def _markup(text: str) -> str:
    """Escape (every piece of document text reaches reportlab's mini-HTML Paragraph only
    through ``escape``: an ``<img src=…>`` in a model must stay text), and colour the 【请填写：…】 placeholders so an author sees them."""
    out = escape(text)
    return out.replace("【", '<font color="#b35c00">【').replace("】", "】</font>")


def _table_flowables(lay: TableLayout, department: str, year, st: dict, width: float) -> list:
    out: list = [Paragraph(escape(lay.title), st["ttitle"]), Spacer(1, 2)]
    if lay.preamble is not None:  # the performance forms: only their year under the title
        out += [Paragraph(escape(line), st["smallc"]) for line in lay.preamble]
    else:
        out.append(_meta(lay, department, year, st, width))
    step = lay.page_rows or max(1, len(lay.body))
    for start in range(0, max(1, len(lay.body)), step):
        if start:
            out.append(PageBreak())  # a forced page break; the header rows are printed again
        out.append(_grid_table(lay, start, min(len(lay.body), start + step), st, width))
    for n in lay.notes:
        out.append(Paragraph(escape(n), st["note"]))
    if lay.statement:
        out.append(Paragraph(escape(lay.statement), st["note"]))
    return out


def _meta(lay: TableLayout, department: str, year, st: dict, width: float) -> Table:
    meta = Table([[Paragraph(escape(f"部门：{department}"), st["small"]),
                   Paragraph(escape(f"{year}年度") if year else "", st["smallc"]),
                   Paragraph(f"{escape(f'公开{lay.number}表')}<br/>{escape(f'单位：{lay.unit}')}", st["smallr"])]],
                 colWidths=[width * 0.5, width * 0.2, width * 0.3])
    meta.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return meta


# Cell padding of a table set solid (variants: ``tight_rows``): a one-line row is 9.5 + 2 × 0.6
# = 10.7 pt for 7.8 pt type, 1.37 × the size (the real forms: 17.3 pt rows for 12 pt type, 1.44 ×);
# pdftotext's block builder joins lines whose baselines are within 1.5 × the size, so a column's
# cells become one block. The default 1.2 gives 11.9 pt rows, 1.53 ×: a block per cell.
TIGHT_PADDING = 0.6


def _grid_table(lay: TableLayout, lo: int, hi: int, st: dict, width: float) -> Table:
    """The header rows and body rows lo..hi as one reportlab table (header repeated on every
    page the table runs over); a newline inside a name is a line break in its cell."""
    grid: list[list] = []
    for r in lay.header_grid():
        grid.append([Paragraph(escape(x), st["cellc"]) if x else "" for x in r])
    # a body row the form prints again on every page after it (a performance form's indicator
    # header) heads the rows lo..hi; pos maps a body row to its row in this table
    rows = [r for r in lay.repeat_rows if r < lo] + list(range(lo, hi))
    pos = {r: k for k, r in enumerate(rows)}
    for row in (lay.body[r] for r in rows):
        cells: list = []
        for j, v in enumerate(row):
            if v is None:
                cells.append("")
            elif isinstance(v, Decimal):
                cells.append(fmt(v))
            elif lay.kinds[j] == "label" or "\n" in v:
                cells.append(Paragraph(escape(str(v)).replace("\n", "<br/>"), st["cell"]))
            else:
                cells.append(str(v))
        grid.append(cells)
    total_w = sum(lay.widths)
    col_w = [width * w / total_w for w in lay.widths]
    pad = TIGHT_PADDING if lay.tight_rows else 1.2
    style = [
        ("FONTNAME", (0, 0), (-1, -1), st["cell"].fontName),
        ("FONTSIZE", (0, 0), (-1, -1), 7.8),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if lay.header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, lay.header_rows - 1), colors.HexColor("#EFEFEF")))
    for h in lay.header:
        if h.rowspan > 1 or h.colspan > 1:
            style.append(("SPAN", (h.col, h.row), (h.col + h.colspan - 1, h.row + h.rowspan - 1)))
    hr = lay.header_rows
    for j, kind in enumerate(lay.kinds):
        align = {"amount": "RIGHT", "lineno": "CENTER", "code": "CENTER"}.get(kind, "LEFT")
        style.append(("ALIGN", (j, hr), (j, -1), align))
    for s in lay.body_spans:
        if s.row in pos:  # a merge never runs past a page break (nor over rows left out here)
            top = hr + pos[s.row]
            bottom = hr + max(pos[r] for r in range(s.row, s.row + s.rowspan) if r in pos)
            style.append(("SPAN", (s.col, top), (s.col + s.colspan - 1, bottom)))
            if lay.span_style == "header":
                style.append(("ALIGN", (s.col, top), (s.col, top), "CENTER"))
            elif s.rowspan > 1:  # a section label at the top of its rows, on its header line (as printed)
                style.append(("VALIGN", (s.col, top), (s.col, top), "TOP"))
    for i in lay.bold_rows:
        if i in pos:
            style.append(("BACKGROUND", (0, hr + pos[i]), (-1, hr + pos[i]), colors.HexColor("#F7F7F7")))
    t = Table(grid, colWidths=col_w, repeatRows=hr)
    t.setStyle(TableStyle(style))
    return t


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT_NAME, 9)
    w, _ = canvas._pagesize
    canvas.drawCentredString(w / 2, 5 * mm if w > canvas._pagesize[1] else 10 * mm, f"— {doc.page} —")
    canvas.restoreState()


def render_pdf(doc: Document) -> bytes:
    font = register_font()
    st = _styles(font)
    buf = BytesIO()
    margin = 18 * mm
    pw, ph = A4
    lw, lh = landscape(A4)
    portrait_frame = Frame(margin, margin, pw - 2 * margin, ph - 2 * margin, id="p")
    lmargin = 12 * mm  # landscape table pages: the 34-row tables fit on one page
    landscape_frame = Frame(lmargin, lmargin, lw - 2 * lmargin, lh - 2 * lmargin, id="l")
    dt = BaseDocTemplate(buf, pagesize=A4, title=doc.title, author="juesuan", creator="juesuan",
                         invariant=1,
                         pageTemplates=[
                             PageTemplate(id="portrait", frames=[portrait_frame], pagesize=A4, onPage=_footer),
                             PageTemplate(id="landscape", frames=[landscape_frame], pagesize=landscape(A4),
                                          onPage=_footer)])
    story: list = []
    pending = False  # the next content starts a new page
    for b in doc.blocks:
        if isinstance(b, DocPageBreak):
            pending = True
            continue
        if isinstance(b, TableBlock):
            want = "landscape" if b.layout.landscape else "portrait"
            story.append(NextPageTemplate(want))
            if story[:-1]:
                story.append(PageBreak())
            width = (lw - 2 * lmargin) if want == "landscape" else (pw - 2 * margin)
            story += _table_flowables(b.layout, doc.department, doc.year, st, width)
            pending = True
            continue
        if pending:
            story += [NextPageTemplate("portrait"), PageBreak()]
            pending = False
        if isinstance(b, Heading):
            style = {0: "cover", 1: "h1", 2: "h2"}.get(b.level, "h3")
            story.append(Paragraph(_markup(b.text), st[style]))
        elif isinstance(b, TocEntry):
            story.append(Paragraph(_markup(b.text), st["toc1" if b.level == 1 else "toc2"]))
        elif isinstance(b, Para):
            story.append(Paragraph(_markup(b.text), st["p"]))
    dt.build(story)
    return buf.getvalue()
