"""Word (.docx) and Excel (.xlsx) readers (and the sheet-to-lines step the .xls reader shares).

Both keep the table grid: a row becomes one Line whose i-th chunk is the i-th grid column
(``gridded=True``). A merged cell gives its text to its first (top-left) grid position and
empty chunks to the positions it covers — the same convention as the PDF reader, so a header
cell spanning two columns looks like ``收入\t\t支出\t`` in every format.

.docx: the body is walked in document order, so paragraphs and tables interleave as printed.
Pages are counted from Word's rendered page breaks when the file has them (else from explicit
page breaks); each page's lines are numbered from 1. Automatic list numbering (一、 1. …) is
not part of the text and is not reproduced.

.xlsx: each sheet is a page, in workbook order. Cached values are read (formulas without a
cached value are reported in a warning). Numbers are printed as the cell's number format says
(``#,##0.00`` → ``1,234.50``); a number with the General format prints with two decimals
unless it is a whole number (a code or a line number: ``2080101``, ``27``).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass

from juesuan import lazy, limits
from juesuan.read.layout import join_lines as _join_lines
from juesuan.read.types import Chunk, Line, ReadError, Source
from juesuan.textnorm import nfkc

# Bounds (juesuan.limits): unpacked size of the zip members, rows and cells (counted from the
# XML before any parser builds objects), span of a merged cell.
_WS_RE = lazy.pattern(r"[ \t\u00a0\u3000]+")


def _clean(s: str) -> str:
    return _WS_RE.sub(" ", nfkc(s or "")).strip()


def _check_zip(data: bytes, path: str, kind: str) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(path, f"corrupt or truncated {kind} (not a valid zip archive)") from None
    try:
        infos = zf.infolist()
        if any(i.flag_bits & 0x1 for i in infos):
            raise ReadError(path, f"encrypted {kind} (password protected)")
        # zipfile never inflates a member beyond its declared size, so the declared sizes bound
        # what any parser below can be made to read (a zip bomb is refused here).
        limits.check(path, "max_unpacked_bytes", sum(i.file_size for i in infos))
        bad = zf.testzip()
        if bad is not None:
            raise ReadError(path, f"corrupt {kind} (damaged part {bad})")
    except ReadError:
        raise
    except Exception as e:
        raise ReadError(path, f"corrupt or truncated {kind} ({type(e).__name__})") from None
    finally:
        zf.close()


# ============================================================================= docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, path: str) -> Source:
    _check_zip(data, path, "Word file")
    _prescan_docx(data, path)
    try:
        import docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(path, "python-docx is not installed") from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise ReadError(path, f"not a readable Word document ({type(e).__name__}: {str(e)[:80]})") from None
    body = doc.element.body
    rendered = any(True for _ in body.iter(_W + "lastRenderedPageBreak"))
    st = _DocxState(rendered)
    for child in body.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            _docx_paragraph(child, st)
        elif tag == _W + "tbl":
            _docx_table(child, st)
        elif tag == _W + "sdt":  # content control wrapping paragraphs/tables (e.g. a TOC)
            content = child.find(_W + "sdtContent")
            if content is not None:
                for sub in content.iterchildren():
                    if sub.tag == _W + "p":
                        _docx_paragraph(sub, st)
                    elif sub.tag == _W + "tbl":
                        _docx_table(sub, st)
    if not any(ln.text.strip() for ln in st.lines):
        raise ReadError(path, "Word document has no text")
    return Source(path=path, format="docx", lines=st.lines, pages=st.page, warnings=st.warnings)


class _DocxState:
    def __init__(self, rendered: bool):
        self.rendered = rendered
        self.page = 1
        self.no = 0
        self.lines: list[Line] = []
        self.warnings: list[str] = []

    def new_page(self):
        self.page += 1
        self.no = 0

    def add(self, chunks: list[Chunk], gridded: bool):
        self.no += 1
        self.lines.append(Line(no=self.no, text="\t".join(c.text for c in chunks), chunks=chunks, page=self.page, gridded=gridded))


def _is_page_break(el, rendered: bool) -> bool:
    if rendered:
        return el.tag == _W + "lastRenderedPageBreak"
    return el.tag == _W + "br" and el.get(_W + "type") == "page"


def _docx_paragraph(p, st: _DocxState) -> None:
    """A paragraph → prose lines (soft line breaks and page breaks split it)."""
    ppr = p.find(_W + "pPr")
    if ppr is not None and ppr.find(_W + "pageBreakBefore") is not None and not st.rendered and st.lines:
        st.new_page()
    buf: list[str] = []

    def flush():
        text = _clean("".join(buf))
        buf.clear()
        if text:
            st.add([Chunk(text)], False)

    for el in p.iter():
        tag = el.tag
        if tag == _W + "t":
            buf.append(el.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            buf.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            if _is_page_break(el, st.rendered):
                flush()
                st.new_page()
            else:
                flush()
        elif tag == _W + "lastRenderedPageBreak" and st.rendered:
            # Word's own layout: the page turned here (usually inside or before the run).
            flush()
            if st.lines:
                st.new_page()
    flush()
    if ppr is not None and ppr.find(_W + "sectPr") is not None and not st.rendered:
        st.new_page()  # a section break (next page)


def _cell_text(tc) -> str:
    parts: list[str] = []
    for p in tc.iter(_W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == _W + "t":
                buf.append(el.text or "")
            elif el.tag in (_W + "tab",):
                buf.append(" ")
            elif el.tag in (_W + "br", _W + "cr"):
                buf.append("\n")
        parts.extend("".join(buf).split("\n"))
    return _clean(_join_lines([_clean(x) for x in parts]))


def _int_attr(el, name: str, default: int) -> int:
    """An integer attribute (gridSpan, gridBefore …) in 0…max_span. A larger one is garbage
    (no table is that wide) and is read as ``default``: a span of 10^9 would otherwise make
    10^9 empty cells, and even clamped it would spread every cell over max_span columns."""
    if el is None:
        return default
    v = el.get(_W + name)
    try:
        n = int(v) if v is not None else default
    except ValueError:
        return default
    return max(0, n) if n <= limits.current().max_span else default


def _count_tags(zf: zipfile.ZipFile, member: str, tags: tuple[bytes, ...]) -> list[int]:
    """Occurrences of each tag opening in a zip member, streamed (never held whole)."""
    counts = [0] * len(tags)
    tail = b""
    with zf.open(member) as f:
        while chunk := f.read(1 << 20):
            buf = tail + chunk
            for k, t in enumerate(tags):
                counts[k] += buf.count(t) - tail.count(t)
            tail = buf[-16:]
    return counts


def _prescan_docx(data: bytes, path: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/document.xml" in zf.namelist():
            limits.check(path, "max_rows", sum(_count_tags(zf, "word/document.xml", (b"<w:tr>", b"<w:tr "))))


def _docx_table(tbl, st: _DocxState) -> None:
    for tr in tbl.iterchildren(_W + "tr"):
        trpr = tr.find(_W + "trPr")
        chunks: list[Chunk] = []
        before = _int_attr(trpr.find(_W + "gridBefore") if trpr is not None else None, "val", 0)
        after = _int_attr(trpr.find(_W + "gridAfter") if trpr is not None else None, "val", 0)
        chunks.extend(Chunk("") for _ in range(before))
        cells = []
        for child in tr.iterchildren():
            if child.tag == _W + "tc":
                cells.append(child)
            elif child.tag == _W + "sdt":  # a content control around cells
                content = child.find(_W + "sdtContent")
                if content is not None:
                    cells.extend(content.iterchildren(_W + "tc"))
        for tc in cells:
            tcpr = tc.find(_W + "tcPr")
            span = _int_attr(tcpr.find(_W + "gridSpan") if tcpr is not None else None, "val", 1)
            vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
            continued = vmerge is not None and (vmerge.get(_W + "val") in (None, "continue"))
            text = "" if continued else _cell_text(tc)
            chunks.append(Chunk(text))
            chunks.extend(Chunk("") for _ in range(max(span, 1) - 1))
        chunks.extend(Chunk("") for _ in range(after))
        # Word marks a row that starts a new page with a rendered break in its first cell.
        if st.rendered and st.lines and any(True for _ in tr.iter(_W + "lastRenderedPageBreak")):
            st.new_page()
        if any(c.text for c in chunks):
            st.add(chunks, True)


# ============================================================================= xlsx

_DEFAULT_SHEET = lazy.pattern(r"^(sheet|工作表|表)\s*\d*$", re.I)


_CELL_REF = lazy.pattern(rb'<c r="([A-Z]{1,3})(\d{1,7})"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _prescan_xlsx(data: bytes, path: str) -> None:
    """Rows, cells and the area the reader would walk (rows × columns up to the farthest
    cell), from each sheet's XML, streamed, before openpyxl builds a single cell object."""
    lim = limits.current()
    total_cells = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            rows = cells = max_row = max_col = 0
            tail = b""
            with zf.open(name) as f:
                while chunk := f.read(1 << 20):
                    buf = tail + chunk
                    rows += sum(buf.count(t) - tail.count(t) for t in (b"<row ", b"<row>"))
                    cells += buf.count(b"<c ") - tail.count(b"<c ")
                    for m in _CELL_REF.finditer(buf):
                        max_row = max(max_row, int(m.group(2)))
                        max_col = max(max_col, _col_number(m.group(1)))
                    tail = buf[-32:]
            limits.check(path, "max_rows", rows)
            total_cells += cells
            limits.check(path, "max_cells", total_cells)
            if max_row * max_col > lim.max_cells:
                raise limits.LimitExceeded(path, "max_cells", max_row * max_col, lim.max_cells)


@dataclass
class Sheet:
    """One worksheet as the readers of both Excel formats hand it over: the text of every
    cell as printed, by row (1-based row numbers, rows with no text left out), and where its
    merged ranges start (1-based (row, column) → the number of columns the range spans)."""

    title: str
    hidden: bool
    ncols: int
    rows: list[tuple[int, list[str]]]
    merged_first: dict[tuple[int, int], int]


def read_xlsx(data: bytes, path: str) -> Source:
    _check_zip(data, path, "Excel file")
    _prescan_xlsx(data, path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(path, "openpyxl is not installed") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:
        raise ReadError(path, f"not a readable Excel workbook ({type(e).__name__}: {str(e)[:80]})") from None
    sheets: list[Sheet] = []
    total = 0
    missing_cache = 0
    for ws in wb.worksheets:
        nrows, ncols = ws.max_row or 0, ws.max_column or 0
        total += nrows * ncols
        limits.check(path, "max_cells", total)
        merged_first = {(rng.min_row, rng.min_col): rng.max_col - rng.min_col + 1 for rng in ws.merged_cells.ranges}
        grid: list[tuple[int, list[str]]] = []
        for row in ws.iter_rows(min_row=1, max_row=nrows, max_col=ncols):
            vals = []
            for cell in row:
                v = getattr(cell, "value", None)
                if v is None and getattr(cell, "data_type", None) == "f":
                    missing_cache += 1
                vals.append(cell_text(v, getattr(cell, "number_format", "General")))
            if any(vals):
                grid.append((row[0].row if row else 0, vals))
        sheets.append(Sheet(ws.title, getattr(ws, "sheet_state", "visible") != "visible", ncols, grid, merged_first))
    warnings = []
    if missing_cache:
        warnings.append(f"{missing_cache} formula cell(s) have no saved value (open and save the file in Excel to compute them)")
    return workbook_source(sheets, path, "xlsx", warnings)


def workbook_source(sheets: list[Sheet], path: str, fmt: str, warnings: list[str]) -> Source:
    """The lines of a workbook, each sheet a page: a row with cells in two or more columns is a
    gridded line (its i-th chunk the i-th used column); a lone cell merged across columns, or
    alone above the first such row, is prose (a title, a unit line, a note); the sheet's name
    comes first when it is not a default one and the sheet does not print it."""
    lines: list[Line] = []
    page = 0
    for sheet in sheets:
        page += 1
        if sheet.hidden:
            warnings.append(f"sheet {sheet.title!r} is hidden; read anyway")
        grid, merged_first = sheet.rows, sheet.merged_first
        if not grid:
            continue
        used = [i for i in range(sheet.ncols) if any(i < len(v) and v[i] for _, v in grid)]
        lo, hi = used[0], used[-1] + 1
        no = 0
        title = _clean(sheet.title)
        first_rows = " ".join(" ".join(v) for _, v in grid[:5])
        if title and not _DEFAULT_SHEET.match(title) and title not in first_rows:
            no += 1
            lines.append(Line(no=no, text=title, chunks=[Chunk(title)], page=page))
        header_zone = True
        for r, vals in grid:
            vals = vals[lo:hi]
            filled = [i for i, v in enumerate(vals) if v]
            if len(filled) >= 2:
                header_zone = False
            single = len(filled) == 1
            span = merged_first.get((r, filled[0] + lo + 1), 1) if single else 1
            no += 1
            if single and (span >= 2 or header_zone):
                # A title, a unit line or a note spread over the sheet: prose, as in a PDF.
                t = vals[filled[0]]
                lines.append(Line(no=no, text=t, chunks=[Chunk(t)], page=page))
            else:
                chunks = [Chunk(v) for v in vals]
                lines.append(Line(no=no, text="\t".join(vals), chunks=chunks, page=page, gridded=True))
    if not lines:
        raise ReadError(path, "Excel workbook has no data")
    return Source(path=path, format=fmt, lines=lines, pages=page, warnings=warnings)


def _decimals(fmt: str) -> int | None:
    fmt = (fmt or "General").split(";")[0]
    if fmt == "General" or not any(c in fmt for c in "0#"):
        return None
    m = re.search(r"\.([0#]+)", fmt)
    return len(m.group(1)) if m else 0


def cell_text(v, fmt: str) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            return ""
        f = (fmt or "General").split(";")[0]
        if "%" in f:
            d = _decimals(f.replace("%", "")) or 0
            return f"{v * 100:.{d}f}%"
        d = _decimals(f)
        if d is None:
            if float(v).is_integer():
                return str(int(v))
            d = 2
        sep = "," if "," in f else ""
        return f"{v:{sep}.{d}f}"
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    s = str(v)
    if "\n" in s:
        return _clean(_join_lines([_clean(x) for x in s.splitlines()]))
    return _clean(s)
