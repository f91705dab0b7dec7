"""HTML reader (lxml): data tables → grid rows, everything else → prose lines.

A data table is a ``<table>`` that holds no other table (outer tables used for page layout
are walked into as ordinary blocks). Each ``<tr>`` is one Line; ``colspan``/``rowspan`` are
expanded so that the i-th chunk is the i-th grid column: a spanning cell gives its text to its
first position and empty chunks to the rest (the same convention as the PDF and Office
readers; ``gridded=True``). Text outside data tables is split into lines at block elements
and ``<br>``. HTML has no pages: ``page`` is None and lines are numbered through the file.
"""

from __future__ import annotations

import re

from juesuan import lazy, limits
from juesuan.read.layout import join_lines
from juesuan.read.types import Chunk, Line, ReadError, Source
from juesuan.textnorm import nfkc

_WS_RE = lazy.pattern(r"[ \t\r\n\u00a0\u3000]+")
_SKIP = {"script", "style", "head", "noscript", "template", "title", "meta", "link", "iframe", "object", "svg"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "center", "form", "hr",
    "address", "figure", "figcaption", "caption", "main", "body", "html", "tr", "td", "th",
    "thead", "tbody", "tfoot", "table",
}
_CHARSET_RE = lazy.pattern(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _clean(s: str) -> str:
    return _WS_RE.sub(" ", nfkc(s or "")).strip()


def _parse(data: bytes, path: str):
    import lxml.html
    from lxml import etree

    m = _CHARSET_RE.search(data[:4096])
    try:
        if m:
            enc = m.group(1).decode("ascii", "replace").lower()
            if enc in ("gb2312", "gbk", "gb18030"):
                enc = "gb18030"
            parser = lxml.html.HTMLParser(encoding=enc)
            return lxml.html.document_fromstring(data, parser=parser)
        from juesuan.read.text import decode

        text = decode(data, path)
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError, LookupError) as e:
        raise ReadError(path, f"not a readable HTML page ({e})") from None


def _prescan(data: bytes, path: str) -> None:
    """Table rows and cells counted in the bytes, before lxml builds a tree of them (a 100 MB
    page of 20,000 rows takes a minute to parse and walk). Spans are not expanded here: the
    walk checks the expanded count as it goes."""
    low = data.lower()
    limits.check(path, "max_rows", low.count(b"<tr"))
    limits.check(path, "max_cells", low.count(b"<td") + low.count(b"<th"))


def read_html(data: bytes, path: str) -> Source:
    _prescan(data, path)
    root = _parse(data, path)
    st = _State(path)
    body = root.find("body")
    _walk(body if body is not None else root, st)
    st.flush()
    lines = st.lines
    if not any(ln.text.strip() for ln in lines):
        raise ReadError(path, "HTML page has no text")
    return Source(path=path, format="html", lines=lines, pages=None, warnings=st.warnings)


class _State:
    def __init__(self, path: str = ""):
        self.path = path
        self.cells = 0  # table cells so far (spans expanded): bounded by max_cells
        self.buf: list[str] = []
        self.lines: list[Line] = []
        self.warnings: list[str] = []

    def text(self, s: str | None):
        if s:
            self.buf.append(s)

    def flush(self):
        t = _clean("".join(self.buf))
        self.buf.clear()
        if t:
            self.lines.append(Line(no=len(self.lines) + 1, text=t, chunks=[Chunk(t)], page=None))

    def row(self, cells: list[str]):
        self.flush()
        self.lines.append(Line(no=len(self.lines) + 1, text="\t".join(cells), chunks=[Chunk(c) for c in cells], page=None, gridded=True))


def _tag(el) -> str:
    t = el.tag
    return t.lower() if isinstance(t, str) else ""


def _walk(el, st: _State) -> None:
    tag = _tag(el)
    if not tag:  # comment / processing instruction: only its tail is text
        st.text(el.tail)
        return
    if tag in _SKIP:
        st.text(el.tail)
        return
    if tag == "table" and el.find(".//table") is None:
        st.flush()
        _table(el, st)
        st.text(el.tail)
        return
    if tag == "br":
        st.flush()
        st.text(el.tail)
        return
    block = tag in _BLOCK
    if block:
        st.flush()
    st.text(el.text)
    for child in el:
        _walk(child, st)
    if block:
        st.flush()
    st.text(el.tail)


def _cell_text(td) -> str:
    parts: list[str] = []
    buf: list[str] = []

    def walk(e):
        t = _tag(e)
        if t and t in _SKIP:
            if e.tail:
                buf.append(e.tail)
            return
        if t == "br" or (t in _BLOCK and buf and t not in ("td", "th")):
            parts.append("".join(buf))
            buf.clear()
        if t and e.text:
            buf.append(e.text)
        for c in e:
            walk(c)
        if t in _BLOCK and t not in ("td", "th"):
            parts.append("".join(buf))
            buf.clear()
        if e is not td and e.tail:
            buf.append(e.tail)

    walk(td)
    parts.append("".join(buf))
    return _clean(join_lines([_clean(p) for p in parts]))


def _span(el, name: str) -> int:
    try:
        v = int(str(el.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    # A larger span is garbage (no table is that wide): read as no span, as the Word reader does.
    return max(1, v) if v <= limits.current().max_span else 1


def _table(tbl, st: _State) -> None:
    caption = tbl.find("caption")
    if caption is not None:
        t = _clean(caption.text_content())
        if t:
            st.lines.append(Line(no=len(st.lines) + 1, text=t, chunks=[Chunk(t)], page=None))
    rows = [tr for tr in tbl.iter("tr") if tr.getparent() is tbl or tr.getparent().getparent() is tbl]
    carry: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    grid: list[list[str]] = []
    for tr in rows:
        cells: list[str] = []
        col = 0

        def fill_carried():
            nonlocal col
            while carry.get(col, 0) > 0:
                cells.append("")  # noqa: B023
                carry[col] -= 1
                col += 1

        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            fill_carried()
            cs, rs = _span(td, "colspan"), _span(td, "rowspan")
            cells.append(_cell_text(td))
            for k in range(cs):
                if k:
                    cells.append("")
                if rs > 1:
                    carry[col + k] = rs - 1
            col += cs
        fill_carried()
        st.cells += len(cells)
        if st.cells > limits.current().max_cells:
            raise limits.LimitExceeded(st.path, "max_cells", st.cells, limits.current().max_cells)
        # columns still carried beyond this row's last cell
        while any(v > 0 for c, v in carry.items() if c >= col):
            if carry.get(col, 0) > 0:
                carry[col] -= 1
            cells.append("")
            col += 1
        grid.append(cells)
    width = max((len(r) for r in grid), default=0)
    for cells in grid:
        cells = cells + [""] * (width - len(cells))
        if any(cells):
            st.row(cells)
