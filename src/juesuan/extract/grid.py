"""Shared mechanics for turning a table region's lines into values: what a printed value
looks like, where the header says each column is, and what a row label means.

Two layouts reach here. *Tabbed*: a line is a row, its chunks are cells, empty cells kept,
so a cell's position says its column. *Flat*: empty cells dropped, names wrapped over lines,
so positions mean nothing and values come as a compact list (see ``columns.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from juesuan import lazy
from juesuan.memo import memo
from juesuan.money import Parsed, parse_amount
from juesuan.read.types import Line
from juesuan.textnorm import norm

# A token that is a printed amount: digits with a decimal point or thousands commas, OCR
# variants ('3, 042. 92' once spaces are squeezed; the separators confused, '14,344,12' and
# '2.995.39', which money.parse_amount reads), or a dash meaning zero.
_AMOUNT_RE = lazy.pattern(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?$|^-?\d+(?:\.\d{1,2})?$|^-?\d{1,3}(?:,\d{3})*,\d{2}$"
                        r"|^-?\d{1,3}(?:\.\d{3})+\.\d{2}$")
_DASH = {"-", "—", "–", "－", "——"}
_SPLIT_NUMBER_RE = lazy.pattern(r"(\d[,.])\s+(?=\d)")
_ENUM_RE = lazy.pattern(
    r"^[-_•·\s、]*(?:其中[:：]?\s*)?"
    r"(?:[（(]\s*\d{1,2}\s*[)）]|(?:[一二三四五六七八九十]+|\d{1,2}|[A-Za-z])\s*[、.．,，])?[\s、]*"
)
NOTE_RE = lazy.pattern(r"^\s*(?:注|主|说明)\s*[:：]|本表反映|本表金额|如本表为空|本套报表")


@memo(1 << 14)  # every amount cell of every table is squeezed, some several times
def squeeze_number(text: str) -> str:
    """'3, 042. 92' → '3,042.92' (OCR puts spaces after separators)."""
    t = text.strip()
    # (asked first: a template's group costs a call into the re module even where nothing matches)
    return _SPLIT_NUMBER_RE.sub(r"\1", t) if _SPLIT_NUMBER_RE.search(t) else t


@memo(1 << 14)  # every token of every table line is asked, often more than once
def is_amount(text: str) -> bool:
    t = squeeze_number(text).replace(" ", "")
    return bool(t) and (t in _DASH or bool(_AMOUNT_RE.match(t)))


def amount(text: str) -> Parsed | None:
    t = squeeze_number(text)
    if not t:
        return None
    return parse_amount(t)


@memo(16384)  # row labels are compared with every known label, again and again
def strip_enum(label: str) -> str:
    """Drop list numbering before a row label: '一、', '5、' (OCR of 五、), '- 、', '（1）',
    '其中：'. The numbering is noise for identifying the row; the words are not."""
    s = norm(label)
    prev = None
    while prev != s:
        prev = s
        s = _ENUM_RE.sub("", s, count=1)
    return s.strip(".。:：")


@memo(16384)  # asked of every line of a table by each reader that goes over it
def is_note(text: str) -> bool:
    return bool(NOTE_RE.search(norm(text)))


@dataclass
class LabelMatch:
    key: str
    score: float


def match_label(label: str, choices: dict[str, str], cutoff: float = 72) -> LabelMatch | None:
    """Best canonical key for a printed label. ``choices`` maps normalised printed forms
    (several per key allowed, e.g. aliases) to canonical keys."""
    s = strip_enum(label)
    if not s:
        return None
    if s in choices:
        return LabelMatch(choices[s], 100.0)
    best = process.extractOne(s, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    if best is None:
        return None
    return LabelMatch(choices[best[0]], float(best[1]))


def header_positions(lines: list[Line], columns: dict[str, str], cutoff: float = 80) -> dict[int, str]:
    """Map chunk positions to canonical columns from header lines, by header text.

    ``columns`` maps normalised header texts (canonical names and their printed variants)
    to canonical column keys. Deeper header lines override shallower ones at the same
    position (a 本年支出 band over 小计/基本支出/项目支出)."""
    pos: dict[int, str] = {}
    for ln in lines:
        for i, ch in enumerate(ln.chunks):
            t = norm(ch.text)
            if not t or is_amount(t):
                continue
            m = match_label(t, columns, cutoff)
            if m is not None:
                pos[i] = m.key
    return pos


# bare digit groups (a code's 类/款/项 cells, a 栏次 number): asked of every token, compiled once
DIGITS_1_3 = lazy.pattern(r"\d{1,3}")
DIGITS_2 = lazy.pattern(r"\d{2}")
DIGITS_1_2 = lazy.pattern(r"\d{1,2}")
_LANCI = lazy.pattern(r"栏.?次")


def lanci_positions(line: Line) -> list[int]:
    """Positions of the column numbers in a 栏次 line ('栏次 | | 1 | 2 | 3')."""
    out = []
    for i, ch in enumerate(line.chunks):
        t = norm(ch.text)
        if DIGITS_1_2.fullmatch(t):
            out.append(i)
    return out


def is_lanci(line: Line) -> bool:
    """The 栏次 row (column numbers), also as OCR prints it ('栏兰次', '栏 次')."""
    t = norm(line.text)
    return "栏次" in t or bool(_LANCI.search(t))
