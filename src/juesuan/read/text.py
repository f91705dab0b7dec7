"""Plain-text / markdown reader (the form of the seed conversions).

Two layouts occur and both arrive here unchanged: rows with tab-separated cells, and a
flattened layout with one cell per line (or space-separated cells) where empty cells are
dropped. Splitting into cells is the only structural decision made here: a tab separates
cells; without tabs a line is a single chunk and later stages split it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import accumulate, count, repeat
from operator import add
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from juesuan import lazy
from juesuan.read.types import Chunk, Line, ReadError, Source, keep_joined
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
    lines, breaks = _lines_and_breaks(text)
    return list(zip(lines, breaks or repeat(0)))


def _lines_and_breaks(text: str) -> tuple[list[str], list[int] | None]:
    """``physical_lines`` as two lists, the lines and their page breaks (None: no page break)."""
    if "\f" not in text:
        # no page break: str.splitlines ends lines at the same characters (_BREAK_RE), and
        # keeps no empty last line where the text ends with a break
        lines = text.splitlines()
        if not text or text[-1] in _BREAKS:
            lines.append("")
        return lines, None
    pairs = _split_at_breaks(text)
    return [ln for ln, _ in pairs], [f for _, f in pairs]


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


# What read_text strips from the end of a blank line to tell its indent (trailing tabs stay:
# they are the empty cells at the end of a row).
_TRAILING = " \r\n\u3000"
# What a page-number line starts with once stripped (_PAGE_NO_RE past its leading \s*).
_PAGE_NO_FIRST = "—–-第"


class _SharedChunks(dict[str, Chunk]):
    """One chunk per distinct cell text (chunks are values: read.types.Chunk), made when first
    asked: a form prints the same few texts thousands of times (empty cells, 10, 100), and a
    chunk costs as much to make and to free as a small line."""

    def __missing__(self, text: str) -> Chunk:
        chunk = self[text] = Chunk(text)
        return chunk


def read_text(data: bytes, path: str) -> Source:
    text, warning = decode_reporting(data, path)
    warnings = [warning] if warning else []
    nuls = text.count("\x00")
    if nuls > len(text) // 100:
        raise ReadError(path, "binary data, not a text document")
    if nuls:  # a few stray NULs (a damaged copy): drop them, say so
        text = text.replace("\x00", "")
        warnings.append(f"删除了 {nuls} 个空字符（NUL）")
    raws, breaks = _nfkc_lines(text)
    lines: list[Line] = []
    texts: list[str] = []  # (the lines' texts, for joined_lines: no line holds a NUL now)
    # A form feed starts a new page (PDF tools join pages with one). Printed page numbers
    # ("— 8 —") are marked as furniture but do not set the page: converted text often
    # keeps only some of them, and a wrong page is worse than none.
    pages: Iterable[int | None] = repeat(None) if breaks is None else map(add, accumulate(breaks), repeat(1))
    # (the loop below runs once per line of the file, thousands of times: the names it calls
    # are bound locally, and each line is made by setting its slots: a dataclass's __init__
    # called through the class enters a frame from C for each line, which costs more)
    page_no, add_line, new = _PAGE_NO_RE.match, lines.append, object.__new__
    shared = _SharedChunks()
    # (a cell of a row: the mapping asked by map(); a line of one cell, most often printed once:
    # asked by get, and its chunk made here, without a call of __missing__ for each)
    chunk, known = shared.__getitem__, shared.get
    # (a text without a tab has no line to ask for one)
    tabbed = "\t" in text
    t: str
    for no, raw, page in zip(count(1), raws, pages):
        marker, indent = "", 0
        if not raw:  # an empty line (a third of some texts): no cell, no indent, nothing to ask
            t, chunks = raw, []
        # A line's text is raw.strip(): the end it loses first, _TRAILING, is whitespace. Nor
        # does losing that end change whether the line holds a tab or its cells once stripped.
        # Printed page numbers ("— 8 —", "第 3 页"): layout furniture (and each starts with
        # one of _PAGE_NO_FIRST: most lines are not asked of the pattern)
        elif (t := raw.strip()) and t[0] in _PAGE_NO_FIRST and page_no(t):
            chunks, marker = [Chunk(t)], "page_number"
        elif tabbed and "\t" in raw:  # a row: its cells split at the tabs
            printed = raw.split("\t")
            cells = list(map(str.strip, printed))
            # (most rows' cells hold no space to strip: str.strip hands each back as it is,
            # and the row's text is the line as read, not joined again)
            t, chunks = raw if cells == printed else "\t".join(cells), list(map(chunk, cells))
        elif t:
            # one cell (most lines of a flattened text): made as such, with no list of cells
            # to join and go over; its indent asked only when stripping took something
            c = known(t)
            if c is None:  # (a text first seen: its chunk made by setting its slots, as a line is)
                c = shared[t] = new(Chunk)
                c.text = t
                c.x0 = c.x1 = c.top = c.bottom = None
            chunks = [c]
            if t is not raw:
                indent = len(raw) - len(raw.lstrip())
        else:  # blank: no cell, indented by all it holds but the end _TRAILING
            chunks, indent = [], len(raw.rstrip(_TRAILING))
        ln = new(Line)  # Line(no, t, chunks, page, False, marker, indent)
        ln.no = no
        ln.text = t
        ln.chunks = chunks
        ln.page = page
        ln.gridded = False
        ln.marker = marker
        ln.indent = indent
        add_line(ln)
        texts.append(t)
    if text.endswith("\n") and lines and not lines[-1].text:
        lines.pop()
        texts.pop()
    src = Source(path=path, format="text", lines=lines, pages=None if breaks is None else 1 + sum(breaks),
                 warnings=warnings)
    keep_joined(src, texts)
    return src


_NFKC: Literal["NFKC"] = "NFKC"  # (repeated for map(): typed as the form it is)


def _nfkc_lines(text: str) -> tuple[list[str], list[int] | None]:
    """``_lines_and_breaks`` of ``text``, each line in NFKC. A text in NFKC has every line in
    it (a line break never composes with its neighbours): one check of the whole text first."""
    if unicodedata.is_normalized("NFKC", text):
        return _lines_and_breaks(text)
    # Most lines that are not NFKC are so for the full-width punctuation of prose only:
    # decomposed over the whole text in a few passes, each line keeps its NFKC (nfkc's second
    # step), and the text then often is NFKC, else most of its lines are.
    text = prose_punctuation_decomposed(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _nfkc_by_pieces(text)
    return _lines_and_breaks(text)


# About how many characters of a text _nfkc_by_pieces asks at once: enough that a call costs
# little beside the check of its characters, few enough that the odd piece to normalise is short.
_PIECE = 1024


def _nfkc_by_pieces(text: str) -> str:
    """``text`` with each of its lines in NFKC, asked a piece of whole lines at a time (cut
    after a line feed) and normalised only where a piece is not: a line break is a character
    NFKC leaves as it is and never composes with its neighbours, so a piece's NFKC is its
    lines' NFKC, and the line breaks stay where they were (no character's NFKC holds one:
    tests/speed/test_read_prefilters.py)."""
    out: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        end = text.find("\n", pos + _PIECE)  # (a piece holds _PIECE characters at least: pos advances)
        end = n if end < 0 else end + 1
        piece = text[pos:end]
        out.append(piece if unicodedata.is_normalized(_NFKC, piece) else nfkc(piece))
        pos = end
    return "".join(out)


def read_text_file(path: str | Path) -> Source:
    p = Path(path)
    return read_text(p.read_bytes(), str(p))
