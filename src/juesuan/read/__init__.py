"""read: bytes → pages and lines (with positions where the format has them).

``read_source`` detects the format from the content (magic bytes), never the extension.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path

from juesuan import lazy, limits
from juesuan.read.types import Chunk, Line, ReadError, Source, joined_lines

# Every bound (file size, pages, rows, cells, unpacked size, time, memory) is in
# juesuan.limits; each reader checks its own before the expensive work.
_PDF_HEADER_RE = lazy.pattern(rb"(?:^|[\r\n])%PDF-[12]\.\d")


__all__ = ["Chunk", "Line", "ReadError", "Source", "detect_format", "page_done", "page_progress", "read_source",
           "reads_text", "require_regular"]

# Per-page progress of a long read (OCR takes seconds a page): the reader of a paged format
# calls page_done(done, total) after each page; whoever shows progress (the CLI's bar, the
# bounded worker passing it to its parent) installs a hook with page_progress.
PageHook = Callable[[int, int], None]
_page_hook: ContextVar[PageHook | None] = ContextVar("juesuan_page_hook", default=None)


@contextmanager
def page_progress(hook: PageHook | None) -> Iterator[None]:
    """While the block runs, ``hook(done, total)`` is called after each page read."""
    token = _page_hook.set(hook)
    try:
        yield
    finally:
        _page_hook.reset(token)


def page_done(done: int, total: int) -> None:
    """A reader has finished page ``done`` of ``total``. A failing hook never fails the read."""
    hook = _page_hook.get()
    if hook is not None:
        try:
            hook(done, total)
        except Exception:  # progress is a courtesy: a broken pipe or a closed bar is not an error
            pass


# How far into a file detect_format looks (the html test is the furthest): the first SNIFF_BYTES
# of a file give the same answer as the whole file, a zip's kind apart (reads_text).
SNIFF_BYTES = 200_000


def detect_format(data: bytes) -> str:
    head = data[:16]
    if head.startswith(b"%PDF") or _PDF_HEADER_RE.search(data[:1024]):
        return "pdf"  # some writers put a few bytes of junk before the header
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .xls/.doc (or an encrypted OOXML file, which is an OLE container): read.xls
    if (
        head[:4] == b"\x89PNG"
        or head[:3] == b"\xff\xd8\xff"
        or head[:4] in (b"II*\x00", b"MM\x00*")  # TIFF
        or head[:6] in (b"GIF87a", b"GIF89a")
        or (head[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00" and len(data) > 26)  # BMP
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return "image"
    sniff = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        sniff.startswith(b"<!doctype html")
        or sniff.startswith(b"<html")
        or (sniff.startswith(b"<?xml") and b"<html" in sniff)
        or _holds_table_tag(data[:SNIFF_BYTES])
    ):
        return "html"
    if sniff.startswith(b"{"):
        return "json"
    return "text"


def _holds_table_tag(data: bytes) -> bool:
    """Whether ``data`` holds "<table" in any case of its letters (bytes.lower: ASCII only):
    the next "<" found each time (memchr), instead of a lower-case copy of the whole file."""
    at = data.find(b"<")
    while at >= 0:
        if data[at + 1 : at + 6].lower() == b"table":
            return True
        at = data.find(b"<", at + 1)
    return False


def reads_text(path: str | Path) -> bool:
    """Whether ``read_source`` reads ``path`` with the text reader (its first bytes are enough:
    SNIFF_BYTES); False when it cannot be opened (read_source says why)."""
    try:
        with open(path, "rb") as f:
            return detect_format(f.read(SNIFF_BYTES)) == "text"
    except OSError:
        return False


def is_model_json(path: str | Path) -> bool:
    """Whether ``path`` is a juesuan model JSON (``juesuan extract --format json``), which is
    loaded whole (``pipeline.load_json``) instead of read: by its suffix, or an object as its
    first character."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        return True
    try:
        with p.open("rb") as f:
            return f.read(64).lstrip().startswith(b"{")
    except OSError:
        return False


def _zip_kind(data: bytes) -> str:
    """Office Open XML is a zip; which one is told by the part names inside."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:
        # A damaged archive: guess from the names in the raw bytes, so the reader for that
        # format reports the damage.
        if b"word/" in data[:65536]:
            return "docx"
        if b"xl/" in data[:65536]:
            return "xlsx"
        return "zip"
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "zip"


def read_source(path: str | Path) -> Source:
    return _cut_long_lines(_read_source(path))


def _cut_long_lines(src: Source) -> Source:
    """``max_line_chars`` holds for every format: a longer line (100 MB of text without a line
    break, a page-wide cell) is cut there, with a warning — each pass of the locator over it
    would otherwise take seconds, and no disclosure prints such a line."""
    cap = limits.current().max_line_chars
    # No line is longer than the lines joined, which the locator's passes ask for anyway (made
    # here, it is kept for them): one length instead of a loop over the thousands of lines
    # of a document shorter than the cap, as every disclosure is.
    whole = joined_lines(src)
    if whole is not None and len(whole) <= cap:
        return src
    for i, ln in enumerate(src.lines):
        if len(ln.text) <= cap:
            continue
        src.warnings.append(f"第 {ln.no} 行过长（{len(ln.text):,} 个字符），只读取了前 {cap:,} 个字符")
        budget, kept = cap, []
        for c in ln.chunks:
            if budget <= 0:
                break
            # a new chunk, not the old one cut: a chunk may be shared by other lines (Chunk)
            c = Chunk(c.text[:budget], c.x0, c.x1, c.top, c.bottom)
            budget -= len(c.text) + 1  # the tab that joins it to the next
            kept.append(c)
        # a new line too, as every pass that changes one makes (joined_lines, made above of the
        # line as read, then knows to join the lines again)
        src.lines[i] = replace(ln, text=ln.text[:cap], chunks=kept)
    return src


def require_regular(path: str | Path) -> None:
    """Refuse, before anything opens it, what is not a regular file: a FIFO, socket or
    device would block a reader forever (ReadError naming the file)."""
    import os
    import stat

    p = str(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise ReadError(p, "no such file") from None
    except OSError as e:
        raise ReadError(p, f"无法访问（{e.strerror or e}）") from None
    if stat.S_ISDIR(mode):
        raise ReadError(p, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise ReadError(p, "不是普通文件（管道、设备或套接字），不读取")


def _read_source(path: str | Path) -> Source:
    p = Path(path)
    require_regular(p)
    size = p.stat().st_size
    if size == 0:
        raise ReadError(str(p), "empty file")
    limits.check(str(p), "max_bytes", size)
    data = p.read_bytes()
    fmt = detect_format(data)
    if fmt == "text":
        from juesuan.gcpause import gc_paused
        from juesuan.read.text import read_text

        if len(data) > limits.current().max_lines:  # (fewer bytes than the limit: fewer lines)
            limits.check(str(p), "max_lines", data.count(b"\n"))  # before decoding and splitting
        # a line's objects (the line, its chunks) all stay alive with the source: the
        # collector running every few hundred of them would only walk them again and again
        with gc_paused():
            return read_text(data, str(p))
    readers = _format_readers()
    if fmt in readers:
        try:
            return readers[fmt](data, str(p))
        except ReadError:
            raise
        except MemoryError:
            raise ReadError(str(p), f"out of memory while reading the {fmt} file") from None
        except RecursionError:
            raise ReadError(str(p), f"{fmt} file is nested too deeply to read") from None
        except Exception as e:  # a library failing on a malformed file: one line, no traceback
            raise ReadError(str(p), f"cannot read {fmt} file ({type(e).__name__}: {str(e)[:120]})") from e
    if fmt == "ole":
        raise ReadError(str(p), "legacy Office format (.doc/.xls) or password-protected Office file is not supported; save it as .docx/.xlsx")
    if fmt == "zip":
        raise ReadError(str(p), "a zip archive, not a disclosure (unpack it and read the files inside)")
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
        from juesuan.read.xls import read_ole

        out["ole"] = read_ole  # .xls read; .doc and encrypted files refused with the reason
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
