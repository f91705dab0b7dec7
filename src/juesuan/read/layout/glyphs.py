"""Glyphs and ruling edges (what a page reader gives the layout), and turning glyphs into text.

A glyph is one PDF character or one recognised OCR fragment; an edge one horizontal or
vertical ruling segment. Both are in PDF points from the page's top-left corner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from juesuan.read.types import TEXT


@dataclass(slots=True)
class Glyph:
    """One character (PDF) or one recognised text fragment (OCR), in page points."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline (top-down); glyphs of one printed line share it across fonts
    size: float  # font size (PDF) or box height (OCR)
    space_before: bool = False  # the text layer has a blank right before this glyph

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        # Vertical centre from the baseline, not from the font-dependent bbox: a digit set in
        # Times next to a character set in FangSong has the same baseline but a bbox shifted
        # by a third of the size.
        return self.base - 0.35 * self.size


@dataclass(slots=True)
class Edge:
    orientation: str  # "h" or "v"
    x0: float
    x1: float
    top: float
    bottom: float


def _remembered_round(digits: int) -> Callable[[float], float]:
    """``round(v, digits)``, remembered: rounding to digits converts through decimal
    (~0.5 µs), and a page repeats its coordinates (the edges of a grid line, the top and
    bottom of a printed line). Typed: an int stays an int, as ``round`` gives it."""

    @lru_cache(maxsize=8192, typed=True)
    def rnd(v: float) -> float:
        return round(v, digits)

    return rnd


round2 = _remembered_round(2)  # a coordinate as every Chunk carries it: to 0.01 pt
round1 = _remembered_round(1)  # a row's top when rows are put in reading order


_BASE_X = attrgetter("base", "x0")
_X0 = attrgetter("x0")
_BASE = attrgetter("base")


def blank_precedes(blank_at: tuple[float, float] | None, g: Glyph) -> bool:
    """Whether a blank the text layer put at ``blank_at`` (its x0, top) is a space before
    ``g``: on the same printed line and not to its right. Every text-layer reader (PDFium,
    pdfplumber) walks the characters in content order and asks this of the glyph after a
    blank."""
    return blank_at is not None and abs(blank_at[1] - g.top) < 0.8 * g.size and blank_at[0] <= g.x0 + 0.1


# ----------------------------------------------------------------------------- text


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch[0])
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK symbols & punctuation, kana, unified ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x20000 <= o <= 0x2FFFF
        or ch[0] in "“”‘’…—、"
    )


_CJK_PUNCT = set("。，、；：！？）》」』】〕”’．,;:")


def _needs_space(a: Glyph, b: Glyph, in_cell: bool) -> bool:
    gap = b.x0 - a.x1
    size = max(min(a.size, b.size), 1.0)
    if gap <= 0.15 * size:
        # Below every threshold that follows (a typed blank needs 0.15 of the size, the
        # narrowest script gap 0.22): the common case of glyphs set side by side, decided
        # without looking at the characters.
        return False
    ca, cb = a.text[-1:], b.text[:1]
    ja, jb = is_cjk(ca), is_cjk(cb)
    if b.space_before and not (in_cell and ja and jb):
        return True  # a typed blank (not inside a cell, where blanks only spread characters)
    if ja and jb:
        # Chinese is set without spaces; distributed (justified) text in a cell has wide gaps
        # that mean nothing. In prose keep a space only for a real em-wide blank.
        # (after full-width punctuation, whose glyph is narrower than its advance, only a
        # full em counts)
        return (not in_cell) and gap > (1.0 if ca in _CJK_PUNCT else 0.5) * size
    if ja or jb:
        return gap > (0.6 if in_cell else 0.45) * size
    return gap > 0.22 * size


def join_glyphs(glyphs: list[Glyph], in_cell: bool = False) -> str:
    """Glyphs of one printed line (already sorted by x) → text."""
    if not glyphs:
        return ""
    prev = glyphs[0]
    out: list[str] = [prev.text]
    for g in glyphs[1:]:
        # Glyphs set side by side (gap ≤ 0.15 pt, below _needs_space's least threshold of
        # 0.15 of a size ≥ 1) with no typed blank between them: no space, without the call.
        if (g.x0 - prev.x1 > 0.15 or g.space_before) and _needs_space(prev, g, in_cell):
            out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def join_lines(parts: list[str]) -> str:
    """Lines of one cell → one text: a wrapped Chinese name joins without a space."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif is_cjk(out[-1]) or is_cjk(p[0]) or out[-1] in "-/(（":
            out += p
        else:
            out += " " + p
    return out


def one_baseline(glyphs: list[Glyph]) -> list[Glyph] | None:
    """The glyphs as ``cluster_baselines`` gives them when they all sit on one baseline (to
    the bit: most cells hold one run of one font): one line, sorted left to right, found
    without sorting by baseline. None when the baselines differ (or are not numbers)."""
    bases = set(map(_BASE, glyphs))
    if len(bases) != 1:
        return None
    base = bases.pop()
    if base != base:  # NaN: cluster_baselines would put each glyph on a line of its own
        return None
    # (sorting by (base, x0) with one base makes the comparisons of sorting by x0)
    return sorted(glyphs, key=_X0)


def cluster_baselines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into printed lines by baseline; each line sorted left to right."""
    if not glyphs:
        return []
    gs = sorted(glyphs, key=_BASE_X)
    lines: list[list[Glyph]] = []
    cur: list[Glyph] = [gs[0]]
    cur_base = gs[0].base
    cur_size = gs[0].size  # the line's first glyph sets its tolerance
    for g in gs[1:]:
        tol = 0.3 * (cur_size if cur_size < g.size else g.size)  # min(g.size, cur_size), NaN included
        if abs(g.base - cur_base) <= (tol if tol > 1.0 else 1.0):
            cur.append(g)
        else:
            lines.append(cur)
            cur = [g]
            cur_base, cur_size = g.base, g.size
    lines.append(cur)
    for ln in lines:
        ln.sort(key=_X0)
    return lines


def _rounded(values: list[float]) -> list[int]:
    """``round`` of each value, through ``float.__round__`` when they are all floats (a third
    of the cost: ``round`` looks the method up on every call)."""
    try:
        return list(map(_FLOAT_ROUND, values))
    except TypeError:  # an int among them (an OCR box, a test's glyph)
        return list(map(round, values))


_FLOAT_ROUND = float.__round__


def dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs that print something, without those printed twice at (nearly) the same
    place (fake bold, shadow text): blank glyphs and repeats dropped, order kept.

    The keys are made by loops that run in C (``map``, one pass per attribute), and a page
    without repeats (most pages) is done when they are all distinct."""
    texts = list(map(TEXT, glyphs))
    if not all(texts) or any(map(str.isspace, texts)):
        glyphs = [g for g, t in zip(glyphs, texts) if t and not t.isspace()]
        texts = list(map(TEXT, glyphs))
    keys = list(zip(texts, _rounded(list(map(_X0, glyphs))), _rounded(list(map(_BASE, glyphs)))))
    if len(set(keys)) == len(keys):
        return list(glyphs)
    seen: set[tuple[str, int, int]] = set()
    add = seen.add
    out: list[Glyph] = []
    keep = out.append
    for g, key in zip(glyphs, keys):
        if key not in seen:
            add(key)
            keep(g)
    return out
