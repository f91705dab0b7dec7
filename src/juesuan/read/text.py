"""Plain-text / markdown reader (the form of the seed conversions).

Two layouts occur and both arrive here unchanged: rows with tab-separated cells, and a
flattened layout with one cell per line (or space-separated cells) where empty cells are
dropped. Splitting into cells is the only structural decision made here: a tab separates
cells; without tabs a line is a single chunk and later stages split it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from juesuan import lazy
from juesuan.read.types import Chunk, Line, ReadError, Source
from juesuan.textnorm import nfkc, prose_punctuation_decomposed

# A page-number line such as "— 8 —", "- 26 -", "第 3 页", or a bare number alone on a line
# between tables. Such lines mark page breaks in converted text.
_PAGE_NO_RE = lazy.pattern(r"^\s*(?:[—–\-]\s*(\d{1,3})\s*[—–\-]|第\s*(\d{1,3})\s*页(?:\s*共\s*\d+\s*页)?)\s*$")


def decode(data: bytes, path: str) -> str:
    return decode_reporting(data, path)[0]


def decode_reporting(data: bytes, path: str) -> tuple[str, str | None]:
    """``decode``, and a warning when a few damaged bytes were replaced (a cut character
    or one bad byte must not make a whole UTF-8 text unreadable)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        if bad <= max(8, len(data) // 5000):  # UTF-8 with a few damaged bytes, not another encoding
            line = data[:e.start].count(b"\n") + 1
            return text, f"第 {line} 行起有 {bad} 处无法解码的字节，已替换为 �"
    return _decode_detected(data, path), None


def _decode_detected(data: bytes, path: str) -> str:
    """What charset-normalizer finds, preferring GB18030 for Chinese legacy encodings."""
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, "not a text file (unknown encoding)")
    enc = (best.encoding or "").lower()
    if enc in ("gb2312", "gbk", "hz", "gb18030", "big5") or "gb" in enc:
        enc = "gb18030"
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError) as e:  # pragma: no cover - defensive
        raise ReadError(path, f"cannot decode text ({e})") from e


# Every character that ends a line in text that real tools write: CR/LF, form feed (a page
# break: pdftotext, pages joined by hand), vertical tab, NEL, the Unicode line and paragraph
# separators, and the ASCII file/group/record separators that str.splitlines() also honours.
_BREAKS = "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RE = lazy.pattern(r"\r\n|[" + _BREAKS + "]")


def physical_lines(text: str) -> list[tuple[str, int]]:
    """Split text into lines: (line, page breaks since the previous line). A page break always
    ends a line — a page's last line and the next page's first are never glued — and a form
    feed alone between two line breaks adds no empty line."""
    if "\f" not in text:
        # no page break: str.splitlines ends lines at the same characters (_BREAK_RE), and
        # keeps no empty last line where the text ends with a break
        lines = text.splitlines()
        if not text or text[-1] in _BREAKS:
            lines.append("")
        return [(ln, 0) for ln in lines]
    return _split_at_breaks(text)


def _split_at_breaks(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = feeds = 0
    for m in _BREAK_RE.finditer(text):
        seg, pos = text[pos : m.start()], m.end()
        if seg or m.group() != "\f":
            out.append((seg, feeds))
            feeds = 0
        if m.group() == "\f":
            feeds += 1
    out.append((text[pos:], feeds))
    return out


def read_text(data: bytes, path: str) -> Source:
    text, warning = decode_reporting(data, path)
    warnings = [warning] if warning else []
    nuls = text.count("\x00")
    if nuls > len(text) // 100:
        raise ReadError(path, "binary data, not a text document")
    if nuls:  # a few stray NULs (a damaged copy): drop them, say so
        text = text.replace("\x00", "")
        warnings.append(f"删除了 {nuls} 个空字符（NUL）")
    lines: list[Line] = []
    page = 1
    paged = "\f" in text
    # A text already in NFKC has every line in it (a line break never composes with its
    # neighbours): one check of the whole text instead of one per line.
    normal = unicodedata.is_normalized("NFKC", text)
    if not normal:
        # Most lines that are not NFKC are so for the full-width punctuation of prose only:
        # decomposed over the whole text in a few passes, each line keeps its NFKC (nfkc's
        # second step), and most lines then pass the quick check below without a call to nfkc.
        text = prose_punctuation_decomposed(text)
    # (the loop below runs once per line of the file, thousands of times: the names it calls
    # are bound locally and the lines and chunks made by position)
    page_no, add, is_normal = _PAGE_NO_RE.match, lines.append, unicodedata.is_normalized
    # One chunk per distinct cell text (chunks are values: read.types.Chunk): a form prints
    # the same few texts thousands of times (empty cells, 10, 100), and a chunk costs as much
    # to make and to free as a small line.
    shared: dict[str, Chunk] = {}
    known, keep = shared.get, shared.setdefault
    for no, (raw, breaks) in enumerate(physical_lines(text), start=1):
        # A form feed starts a new page (PDF tools join pages with one). Printed page numbers
        # ("— 8 —") are marked as furniture but do not set the page: converted text often
        # keeps only some of them, and a wrong page is worse than none.
        page += breaks
        # Keep trailing tabs: they are the empty cells at the end of a row.
        # (a text that is not NFKC as a whole has most lines that are: asked here first, as
        # nfkc would, without a call for each of them)
        s = (raw if normal or is_normal("NFKC", raw) else nfkc(raw)).rstrip(" \r\n\u3000")
        if ("-" in s or "—" in s or "–" in s or "第" in s) and page_no(s):  # (each form needs one)
            add(Line(no, s.strip(), [Chunk(s.strip())], page if paged else None, False, "page_number"))
            continue
        if "\t" in s:
            cells = [c.strip() for c in s.split("\t")]
            joined, indent = "\t".join(cells), 0
            chunks = [known(c) or keep(c, Chunk(c)) for c in cells]
        else:
            # one cell, or none when blank (most lines of a flattened text): made as such, with
            # no list of cells to join and go over
            joined, indent = s.strip(), len(s) - len(s.lstrip())
            chunks = [known(joined) or keep(joined, Chunk(joined))] if joined else []
        add(Line(no, joined, chunks, page if paged else None, False, "", indent))
    if text.endswith("\n") and lines and not lines[-1].text:
        lines.pop()
    return Source(path=path, format="text", lines=lines, pages=page if paged else None, warnings=warnings)


def read_text_file(path: str | Path) -> Source:
    p = Path(path)
    return read_text(p.read_bytes(), str(p))
