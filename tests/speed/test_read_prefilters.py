"""The text reader's shortcuts (read.text, read.detect_format) give the plain answers: the
reader that classifies each line once and skips the page-number pattern for a line that cannot
match makes the lines the plain per-line reader made; the table-tag search finds what a search
of the lower-case copy finds. Synthetic inputs only."""

from __future__ import annotations

import sys
import unicodedata
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.read import _holds_table_tag
from juesuan.read import text as text_reader
from juesuan.read.text import (
    _BREAKS,
    _PAGE_NO_FIRST,
    _PAGE_NO_RE,
    decode_reporting,
    physical_lines,
    read_text,
)
from juesuan.read.types import Chunk, Line, Source, joined_lines, joined_texts
from juesuan.textnorm import nfkc, prose_punctuation_decomposed


def _plain_read_text(data: bytes, path: str) -> Source:
    """The reader as first written: each line normalised, stripped and classified on its own."""
    text, warning = decode_reporting(data, path)
    warnings = [warning] if warning else []
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"删除了 {nuls} 个空字符（NUL）")
    lines: list[Line] = []
    page, paged = 1, "\f" in text
    if not unicodedata.is_normalized("NFKC", text):
        text = prose_punctuation_decomposed(text)
    for no, (raw, breaks) in enumerate(physical_lines(text), start=1):
        page += breaks
        s = nfkc(raw).rstrip(" \r\n\u3000")
        at = page if paged else None
        if _PAGE_NO_RE.match(s):
            lines.append(Line(no, s.strip(), [Chunk(s.strip())], at, False, "page_number"))
        elif "\t" in s:
            cells = [c.strip() for c in s.split("\t")]
            lines.append(Line(no, "\t".join(cells), [Chunk(c) for c in cells], at, False, "", 0))
        else:
            joined = s.strip()
            lines.append(Line(no, joined, [Chunk(joined)] if joined else [], at, False, "",
                              len(s) - len(s.lstrip())))
    if text.endswith("\n") and lines and not lines[-1].text:
        lines.pop()
    return Source(path=path, format="text", lines=lines, pages=page if paged else None, warnings=warnings)


_PIECES = st.sampled_from(["表", "收入", "a", "1", "23", "１", "２", "第", "页", "共", "—", "–", "-", " ", "  ", "\u3000",
                           "\u2003", "\t", "\n", "\r\n", "\r", "\f", "\u2028", "\x85", "，", "（", "）", "…", "ｶﾞ",
                           "e", "\u0301", "ﬁ", "⼀", "\x00", "— 8 —", "第 3 页", "- 26 -", "第3页共9页"])


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_text_reader_makes_the_lines_the_plain_reader_made(text: str) -> None:
    data = text.encode()
    if text.count("\x00") > len(text) // 100:
        return  # refused as binary by both
    ours, plain = read_text(data, "x.txt"), _plain_read_text(data, "x.txt")
    assert ours == plain
    # (the joined lines the reader hands over are those joined_lines would make)
    assert joined_lines(ours) == joined_texts([ln.text for ln in ours.lines])


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=0, max_value=6))
def test_a_text_normalised_piece_by_piece_makes_the_lines_the_plain_reader_made(text: str, piece: int) -> None:
    """Pieces of a few characters: every cut (after a line feed) and a piece holding several
    lines, normalised or not, come up."""
    data = text.encode()
    if text.count("\x00") > len(text) // 100:
        return
    with mock.patch.object(text_reader, "_PIECE", piece):
        ours = read_text(data, "x.txt")
    assert ours == _plain_read_text(data, "x.txt")


def test_no_character_normalises_to_a_line_break_nor_a_line_break_to_another() -> None:
    """What lets the reader normalise pieces of whole lines instead of each line: every line
    break is its own NFKC and composes with nothing (no decomposition, combining class 0), and
    no other character's NFKC holds one (every code point, as this Python's Unicode has it).
    Nor does any character's NFKC hold a tab: a text without one has no row of cells once
    normalised (the reader asks the text for a tab before its lines)."""
    for ch in _BREAKS:
        assert unicodedata.normalize("NFKC", ch) == ch
        assert unicodedata.decomposition(ch) == "" and unicodedata.combining(ch) == 0
    breaks = set(_BREAKS)
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue  # (surrogates: not in a decoded text)
        ch = chr(cp)
        if ch not in breaks:
            assert breaks.isdisjoint(unicodedata.normalize("NFKC", ch)), hex(cp)
        if ch != "\t":
            assert "\t" not in unicodedata.normalize("NFKC", ch), hex(cp)


@settings(max_examples=500, deadline=None)
@given(st.from_regex(_PAGE_NO_RE.pattern, fullmatch=True))
def test_a_page_number_line_starts_with_a_character_the_reader_asks_of_the_pattern(line: str) -> None:
    assert _PAGE_NO_RE.match(line)
    t = line.strip()
    assert t and t[0] in _PAGE_NO_FIRST


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<", "<t", "table", "TABLE", "TaBlE", "<table", "<TABLE", "<tab", "le", "x", "表",
                                 "\xc4", "<<"]), max_size=12).map("".join))
def test_the_table_tag_is_found_where_the_lower_case_copy_holds_it(text: str) -> None:
    data = text.encode("utf-8")
    assert _holds_table_tag(data) == (b"<table" in data.lower())


def test_the_joined_lines_are_made_once_and_again_for_lines_a_pass_replaced() -> None:
    src = Source(path="x.txt", format="text", lines=[Line(k, t, [Chunk(t)]) for k, t in enumerate(["a", "表", "c"], 1)])
    first = joined_lines(src)
    assert first == joined_texts(["a", "表", "c"]) and joined_lines(src) is first
    src.lines[1] = Line(2, "b", [Chunk("b")])  # as many lines as before, one of them new
    assert joined_lines(src) == joined_texts(["a", "b", "c"])
