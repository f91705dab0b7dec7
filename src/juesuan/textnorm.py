"""Text normalisation shared by every stage that compares printed text with known names."""

from __future__ import annotations

import unicodedata

from juesuan import lazy
from juesuan.memo import memo

_QUOTE_MAP = {"“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"', "〝": '"', "〞": '"'}
_QUOTES = str.maketrans(_QUOTE_MAP)
_QUOTE_CHARS = tuple(_QUOTE_MAP)
_SPACE_RE = lazy.pattern(r"\s+")


# CJK unified ideographs (the basic block and extension A) are "stable" code points for NFKC
# (UAX #15 §9): no decomposition, combining class 0, and no composition with a neighbour on
# either side. Normalising a text therefore gives the same as normalising the runs between
# them and keeping the ideographs as they are.
_IDEOGRAPHS = lazy.pattern(r"([\u3400-\u4dbf\u4e00-\u9fff]+)")


# the full-width punctuation of Chinese prose → its compatibility decomposition (ASCII)
_PROSE_PUNCTUATION = tuple((ch, unicodedata.normalize("NFKD", ch)) for ch in "，（）：；")


def prose_punctuation_decomposed(s: str) -> str:
    """``s`` with the full-width punctuation of prose replaced by its compatibility
    decomposition: the same NFKC as ``s``."""
    for ch, ascii_ in _PROSE_PUNCTUATION:
        s = s.replace(ch, ascii_)
    return s


def nfkc(s: str) -> str:
    """Full-width → half-width (digits, Latin, punctuation), compatibility forms (Kangxi
    radicals that OCR emits for ordinary characters) → ordinary characters."""
    # Most text is already normal; the quick check is ten times cheaper than normalising.
    if unicodedata.is_normalized("NFKC", s):
        return s
    # Most lines that are not NFKC are so for the full-width punctuation of prose only ('，',
    # '（', '：'). Each of those replaced by its compatibility decomposition leaves a text with
    # the same NFKD, so the same NFKC; when that text is NFKC already, it is the answer — a
    # few scans of the line instead of the normaliser (a tenth of the time).
    s = prose_punctuation_decomposed(s)
    if unicodedata.is_normalized("NFKC", s):
        return s
    # CPython's normaliser spends ~10x longer on an ideograph than on an ASCII character, and a
    # disclosure's lines are mostly ideographs: only the runs between them are normalised
    # (same result, see _IDEOGRAPHS), a third of the time on a Chinese line.
    parts = _IDEOGRAPHS.split(s)
    parts[::2] = [unicodedata.normalize("NFKC", p) for p in parts[::2]]
    return "".join(parts)


@memo(16384)  # the same titles and labels are compared over and over
def norm(s: str) -> str:
    """Key for comparing names: NFKC, no whitespace, straight quotes."""
    t = s or ""
    # nfkc's own first test, asked here without a call: most texts a cache misses are NFKC already
    if not unicodedata.is_normalized("NFKC", t):
        t = nfkc(t)
    # (each line of a document is normalised once on its first read, and most hold no curly
    # quote: a translation through the table costs five times the few scans that show it is
    # not needed. str.split drops what \s matches — both ask Py_UNICODE_ISSPACE — at a third
    # of the pattern's cost.)
    for q in _QUOTE_CHARS:
        if q in t:
            t = t.translate(_QUOTES)
            break
    return "".join(t.split())


def squash(s: str) -> str:
    """Collapse whitespace runs to one space (for display)."""
    return _SPACE_RE.sub(" ", s or "").strip()


# ---- numbered items (1、 / (1) / 一、 / （一）): the style and number an item starts with

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """'三' → 3, '十二' → 12; None when ``s`` is not a number up to 99."""
    if not s:
        return None
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        tens = CN_DIGITS.get(a, 1) if a else 1
        ones = CN_DIGITS.get(b, 0) if b else 0
        return tens * 10 + ones
    if len(s) == 1:
        return CN_DIGITS.get(s)
    return None


MARKERS = (
    ("paren-cn", lazy.pattern(r"^[（(]([一二三四五六七八九十]{1,3})[)）]")),
    ("cn", lazy.pattern(r"^([一二三四五六七八九十]{1,3})、")),
    ("paren-num", lazy.pattern(r"^[（(](\d{1,2})[)）]")),
    ("num", lazy.pattern(r"^(\d{1,2})[\.．、](?!\d)")),
)

# what may stand before an item marker: spaces, bullets
MARKER_LEAD = " \t-•·*>　"
# what a marker above starts with, besides a decimal digit (\d is any decimal digit: isdecimal)
_MARKER_FIRST = "（(一二三四五六七八九十"


def item_marker(text: str) -> tuple[str, int] | None:
    """(style, number) of the numbered item ``text`` starts with ('1、' → ('num', 1)), else None."""
    t = (text or "").lstrip(MARKER_LEAD)
    if not t or not (t[0] in _MARKER_FIRST or t[0].isdecimal()):
        return None  # (most lines: no marker's first character, the patterns not asked)
    return marker_by_patterns(t)


def marker_by_patterns(t: str) -> tuple[str, int] | None:
    """``item_marker`` of a text already stripped of ``MARKER_LEAD``, asking every pattern."""
    for style, rx in MARKERS:
        m = rx.match(t)
        if m:
            g = m.group(1)
            n = int(g) if g.isdigit() else cn_number(g)
            if n is not None:
                return style, n
    return None
