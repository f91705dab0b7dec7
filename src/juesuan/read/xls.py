"""Legacy Office files (OLE compound documents): Excel 97–2003 workbooks (.xls) are read;
Word 97–2003 documents (.doc) and password-protected Office files are refused with the reason.

Departments still publish their tables as .xls workbooks. xlrd reads them (cached formula
values included) with the cell formats, so a number prints as its format says, exactly as an
.xlsx cell does, and the sheets become lines by the same step as .xlsx
(:func:`juesuan.read.office.workbook_source`): one department gives the same cells in either
format.
"""

from __future__ import annotations

import io

from juesuan import limits
from juesuan.read.office import Sheet, cell_text, workbook_source
from juesuan.read.types import ReadError, Source

# What an OLE file holds, by the name of its main stream (the names are Microsoft's).
_WORD_STREAM = "WordDocument"
_ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")  # an encrypted .docx/.xlsx


def read_ole(data: bytes, path: str) -> Source:
    """An OLE compound document: an .xls workbook is read, anything else refused."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(path, "xlrd is not installed") from None
    streams = _stream_names(data, path)
    if "Workbook" not in streams and "Book" not in streams:
        if any(s in streams for s in _ENCRYPTED_STREAMS):
            raise ReadError(path, "password-protected Office file; remove the password and save it again")
        if _WORD_STREAM in streams:
            raise ReadError(path, "legacy Word document (.doc) is not supported; save it as .docx or PDF")
        raise ReadError(path, "an Office file that is neither an Excel workbook nor a Word document")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as e:
        why = str(e)
        if "encrypt" in why.lower():
            raise ReadError(path, "password-protected Excel workbook; remove the password and save it again") from None
        raise ReadError(path, f"not a readable Excel 97–2003 workbook ({why[:80]})") from None
    try:
        return workbook_source(_sheets(book, path), path, "xls", [])
    finally:
        book.release_resources()


def _stream_names(data: bytes, path: str) -> set[str]:
    import xlrd.compdoc

    try:
        doc = xlrd.compdoc.CompDoc(data, logfile=io.StringIO())
    except Exception as e:  # xlrd raises CompDocError and plain exceptions on damaged files
        raise ReadError(path, f"corrupt Office file ({type(e).__name__}: {str(e)[:80]})") from None
    return {d.name for d in doc.dirlist}


def _sheets(book, path: str) -> list[Sheet]:
    import xlrd

    formats = book.format_map
    xfs = book.xf_list
    out: list[Sheet] = []
    total = 0
    for k in range(book.nsheets):
        sh = book.sheet_by_index(k)
        total += sh.nrows * sh.ncols
        limits.check(path, "max_cells", total)  # bounded before a cell is turned into text
        rows: list[tuple[int, list[str]]] = []
        for r in range(sh.nrows):
            vals = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                kind, v = cell.ctype, cell.value
                fmt = formats[xfs[cell.xf_index].format_key].format_str if cell.xf_index is not None else "General"
                if kind == xlrd.XL_CELL_DATE:
                    try:
                        v = xlrd.xldate_as_datetime(v, book.datemode)
                    except (xlrd.XLDateError, ValueError, OverflowError):
                        v = None
                elif kind == xlrd.XL_CELL_BOOLEAN:
                    v = bool(v)
                elif kind == xlrd.XL_CELL_ERROR:
                    v = xlrd.error_text_from_code.get(v, "#ERR")
                elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    v = None
                vals.append(cell_text(v, fmt))
            if any(vals):
                rows.append((r + 1, vals))
        # xlrd's ranges are 0-based and half-open: (row0, row1, col0, col1)
        merged = {(r0 + 1, c0 + 1): c1 - c0 for r0, _r1, c0, c1 in sh.merged_cells}
        out.append(Sheet(sh.name, sh.visibility != 0, sh.ncols, rows, merged))
        book.unload_sheet(k)
    return out
