"""Narrative paragraphs: wrapped lines joined, OCR/markup noise removed by deletions only
(so every character keeps the line it came from)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.read.types import Source

# ---- paragraphs ---------------------------------------------------------------------------

_MARKER_RE = re.compile(
    r"^[\s\-*•·#>]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|"
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))"
)
_PARA_START_RE = re.compile(r"^[\s\-*•·]*(?:与(?:上年|20\d\d\s*年度?|年初预算)[^,，]{0,4}相比)")
_CHART_RE = re.compile(r"^[\s■●◆▲]*图\s*\d|^[■●◆]")


@dataclass
class Para:
    text: str
    lines: list[int]  # per character: index into src.lines
    start: int  # index of first line


# Deletions that undo OCR / markup noise. Each pattern's group 'd' (or the whole match) is
# removed; everything else is kept.
_DELETE_RES = (
    re.compile(r"</?u>|</?b>|</?i>|\*\*|</?sub>|</?sup>|\$"),
    re.compile(r"(?<=\d)(?P<d>\s+)(?=\.\s*\d)"),  # '10855 .22'
    re.compile(r"(?<=\d\.)(?P<d>\s+)(?=\d)"),  # '10855. 22'
    re.compile(r"(?<=\d)(?P<d>\s+)(?=%)"),  # '42.86 %'
    re.compile(r"(?<=\d)(?P<d>,\s?)(?=\d{3}(?:\.\d|[^\d]|$))"),  # thousands separators
    re.compile(r"(?<=\d)(?P<d>\s+)(?=万元|亿元|元|辆|个|人次|批次|台|套|人\b|人[、,，。;；)])"),
    re.compile(r"(?<=[\u4e00-\u9fff(（)）])(?P<d>\s+)(?=[\u4e00-\u9fff(（)）])"),  # '支 出决算'
)


def _delete(text: str, lmap: list[int], pat: re.Pattern[str]) -> tuple[str, list[int]]:
    spans = []
    for m in pat.finditer(text):
        if "d" in pat.groupindex and m.group("d") is not None:
            spans.append(m.span("d"))
        else:
            spans.append(m.span())
    if not spans:
        return text, lmap
    out, omap, pos = [], [], 0
    for a, b in spans:
        out.append(text[pos:a])
        omap.extend(lmap[pos:a])
        pos = b
    out.append(text[pos:])
    omap.extend(lmap[pos:])
    return "".join(out), omap


def clean_text(text: str, lmap: list[int]) -> tuple[str, list[int]]:
    for pat in _DELETE_RES:
        text, lmap = _delete(text, lmap, pat)
    return text, lmap


def strip_noise(text: str) -> str:
    """``clean_text``'s text without the line map (a table cell's noise, read thousands of
    times per document). Each pattern's group 'd' is its whole match (the rest are
    lookarounds), so deleting matches is deleting groups."""
    for pat in _DELETE_RES:
        text = pat.sub("", text)
    return text


def _is_table_row(ln) -> bool:
    if len(ln.chunks) < 3:
        return False
    nums = sum(1 for c in ln.chunks if re.fullmatch(r"[\d,.\s%-]+", c.text or "x"))
    return nums >= 2


def paragraphs(src: Source, a: int, b: int, skip_first_heading: bool = True) -> list[Para]:
    """Join the lines in [a, b) into paragraphs (see module doc)."""
    paras: list[Para] = []
    cur_t: list[str] = []
    cur_m: list[int] = []
    start = a

    def flush():
        nonlocal cur_t, cur_m
        if cur_t:
            t = "".join(cur_t)
            if t.strip():
                ct, cm = clean_text(t, cur_m)
                paras.append(Para(ct, cm, start))
        cur_t, cur_m = [], []

    for i in range(a, b):
        ln = src.lines[i]
        if ln.marker or _is_table_row(ln):
            continue
        t = ln.text.replace("\t", " ").strip()
        if not t or _CHART_RE.match(t) or t.startswith("注:") or t.startswith("注："):
            continue
        if _MARKER_RE.match(t) or _PARA_START_RE.match(t):
            flush()
            start = i
        elif not cur_t:
            start = i
        if cur_t and cur_t[-1] and cur_t[-1][-1].isascii() and cur_t[-1][-1].isalpha() and t[0].isascii() and t[0].isalpha():
            t = " " + t
        cur_t.append(t)
        cur_m.extend([i] * len(t))
        if (len(t) <= 30 and _MARKER_RE.match(t) and re.search(r"(?:情况|结果|说明|评价)[。.]?$", t)
                and not re.search(r"[,，;；:：]|\d\s*(?:万元|%)", t)):
            flush()  # a short numbered heading ('2. 项目绩效自评结果') stands alone
            continue
        # a heading line (chapter title with no figure) stands alone
        if i == a and skip_first_heading:
            flush()
    flush()
    return paras
