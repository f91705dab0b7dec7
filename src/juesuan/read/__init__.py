"""read: bytes → pages and lines (with positions where the format has them).

``read_source`` detects the format from the content (magic bytes), never the extension.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.read.types import Chunk, Line, ReadError, Source

MAX_BYTES = 200 * 1024 * 1024  # a disclosure larger than this is not a disclosure

__all__ = ["Chunk", "Line", "ReadError", "Source", "detect_format", "read_source"]


def detect_format(data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        # Office Open XML is a zip; which one is told by the part names inside.
        if b"word/" in data[:65536] or b"word/document.xml" in data:
            return "docx"
        if b"xl/" in data[:65536] or b"xl/workbook.xml" in data:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc/.xls
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xdb") or head[:3] == b"\xff\xd8\xff":
        return "image"
    sniff = data[:4096].lstrip().lower()
    if sniff.startswith(b"<!doctype html") or sniff.startswith(b"<html") or b"<table" in data[:200000].lower():
        return "html"
    if sniff.startswith(b"{"):
        return "json"
    return "text"


def read_source(path: str | Path) -> Source:
    p = Path(path)
    if not p.exists():
        raise ReadError(str(p), "no such file")
    if p.is_dir():
        raise ReadError(str(p), "is a directory, not a file")
    size = p.stat().st_size
    if size == 0:
        raise ReadError(str(p), "empty file")
    if size > MAX_BYTES:
        raise ReadError(str(p), f"file too large ({size // (1024 * 1024)} MiB > {MAX_BYTES // (1024 * 1024)} MiB)")
    data = p.read_bytes()
    fmt = detect_format(data)
    if fmt == "text":
        from juesuan.read.text import read_text

        return read_text(data, str(p))
    readers = _format_readers()
    if fmt in readers:
        return readers[fmt](data, str(p))
    if fmt == "ole":
        raise ReadError(str(p), "legacy Office format (.doc/.xls) is not supported; save it as .docx/.xlsx")
    raise ReadError(str(p), f"unsupported format ({fmt})")


def _format_readers():
    """Readers for binary formats, imported lazily so a text run never loads PDF libraries."""
    out = {}
    try:
        from juesuan.read.pdf import read_pdf

        out["pdf"] = read_pdf
    except ImportError:  # pragma: no cover - reader not installed yet
        pass
    try:
        from juesuan.read.office import read_docx, read_xlsx

        out["docx"] = read_docx
        out["xlsx"] = read_xlsx
    except ImportError:  # pragma: no cover
        pass
    try:
        from juesuan.read.html import read_html

        out["html"] = read_html
    except ImportError:  # pragma: no cover
        pass
    try:
        from juesuan.read.image import read_image

        out["image"] = read_image
    except ImportError:  # pragma: no cover
        pass
    return out
