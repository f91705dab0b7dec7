"""Narrative paragraphs: wrapped lines joined, OCR/markup noise removed by deletions only
(so every character keeps the line it came from)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from juesuan import lazy
from juesuan.extract.claims.line_swaps import PhraseIndex
from juesuan.extract.claims.reading_order import reading_order
from juesuan.memo import memo
from juesuan.read.types import TEXT, Source, joined_lines

# ---- paragraphs ---------------------------------------------------------------------------

# a line opening with a list marker, and one opening with a '与上年相比' sentence: each starts a
# paragraph. One match tells both (most lines open with neither: one failed match instead of
# two), the marker by its group.
_MARKER = (r"[\s\-*•·#>]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|"
           r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))")
_PARA_START = r"[\s\-*•·]*(?:与(?:上年|20\d\d\s*年度?|年初预算)[^,，]{0,4}相比)"
_OPENS_RE = lazy.pattern(f"(?P<marker>{_MARKER})|{_PARA_START}")
# a chart's caption or a bulleted chart label (layout furniture); a stripped line that is one
# starts with a bullet or 图 (a screen: most lines start with neither)
_CHART_BULLETS = "■●◆▲"
_CHART_RE = lazy.pattern(rf"^[\s{_CHART_BULLETS}]*图\s*\d|^[■●◆]")
_CHART_FIRST = _CHART_BULLETS + "图"
_NOTES = ("注:", "注：")


@dataclass(frozen=True)
class Para:
    text: str
    lines: list[int]  # per character: index into src.lines
    start: int  # index of first line


# Deletions that undo OCR / markup noise. Each pattern's group 'd' (or the whole match) is
# removed; everything else is kept. With each, whether it deletes whitespace only, and what the
# text must hold for it ever to match (its patterns start with a lookbehind, so a scan tries
# every position of a paragraph): whitespace, and markup, the point, %, a comma after a figure
# or the first character of a unit a figure is kept with. Deleting never adds a character, and
# only the markup's deletion can bring a figure up to a comma (the others delete whitespace
# before a point, a figure, % or a word): a text without what a deletion needs when cleaning
# starts is without it at that deletion, which is skipped.
class _Need:
    """What a deletion needs a text to hold: one of ``chars``, and where ``context`` is given,
    a match of it (every match of which is one of ``chars``). ``pattern`` spells the need as
    one pattern. Most texts are told by a few ``in`` scans (each a quick search for one
    character) instead of a regex search over the text, which costs several times as much
    (tests/speed: every match of a need is one of its characters)."""

    def __init__(self, chars: str, context: str | None = None):
        self.chars = chars
        self.pattern = context if context is not None else "[" + re.escape(chars) + "]"
        self._context = lazy.pattern(context) if context is not None else None

    def found(self, text: str) -> bool:
        for ch in self.chars:
            if ch in text:
                return self._context is None or self._context.search(text) is not None
        return False


class _Deletion(NamedTuple):
    pattern: re.Pattern[str]
    spaces: bool  # deletes whitespace only (and so needs some)
    needs: _Need | None  # what the text must hold, besides
    # the same deletion for a text whose only whitespace is the space (most are): a deletion of
    # whitespace spelt to open with ' ' instead of \s, so the regex engine jumps from one space
    # to the next (a literal's quick scan) instead of asking of every character whether it is
    # whitespace (a fifth of the time over a paragraph); any other deletion as it is
    in_spaces: re.Pattern[str]


_UNITS_KEPT = r"万元|亿元|元|辆|个|人次|批次|台|套|人\b|人[、,，。;；)]"
# A figure's comma, or markup (the markup's deletion can bring a figure up to a comma): plainly
# ``\d,|[<*$]``, spelt to open with the class of the characters it finds (then a lookbehind) so
# the scan jumps from one to the next instead of trying every character (tests/speed).
_COMMA_OR_MARKUP = r"[,<*$](?:(?<=\d,)|(?<=[<*$]))"
_MARKUP = _Need("<*$")
_POINT = _Need(".")


def _after(before: str, first: str, more: str) -> str:
    """The group 'd' of a deletion, ``first`` then ``more`` where ``before`` ends just before
    it. The plain spelling is ``(?<=before)(?P<d>first more)``; this one matches the same but
    opens with ``first`` (a character class or a literal), so the regex engine skips to where
    a match can start instead of trying the lookbehind at every character of a paragraph (a
    tenth of the time)."""
    return rf"(?P<d>{first}(?<={before}{first}){more})"


def _of_spaces(before: str, ahead: str, needs: _Need | None) -> _Deletion:
    """The deletion of the whitespace after ``before`` and before ``ahead`` (a lookahead)."""
    return _Deletion(lazy.pattern(_after(before, r"\s", r"\s*") + f"(?={ahead})"), True, needs,
                     lazy.pattern(_after(before, " ", r"\s*") + f"(?={ahead})"))


def _of_more(pattern: str, needs: _Need) -> _Deletion:
    """A deletion of more than whitespace."""
    compiled = lazy.pattern(pattern)
    return _Deletion(compiled, False, needs, compiled)


_DELETIONS_NEEDING: tuple[_Deletion, ...] = (
    _of_more(r"</?u>|</?b>|</?i>|\*\*|</?sub>|</?sup>|\$", _MARKUP),
    _of_spaces(r"\d", r"\.\s*\d", _POINT),  # '10855 .22'
    _of_spaces(r"\d\.", r"\d", _POINT),  # '10855. 22'
    _of_spaces(r"\d", r"%", _Need("%")),  # '42.86 %'
    # thousands separators
    _of_more(_after(r"\d", ",", r"\s?") + r"(?=\d{3}(?:\.\d|[^\d]|$))", _Need(",<*$", _COMMA_OR_MARKUP)),
    _of_spaces(r"\d", _UNITS_KEPT, _Need("万亿元辆个人批台套")),
    _of_spaces(r"[\u4e00-\u9fff(（)）]", r"[\u4e00-\u9fff(（)）]", None),  # '支 出决算'
)
_DELETE_RES = tuple(dl.pattern for dl in _DELETIONS_NEEDING)


def _delete(text: str, lmap: list[int], pat: re.Pattern[str]) -> tuple[str, list[int]]:
    # (a deletion's group 'd' is its whole match, the rest lookarounds: tests/speed. So the
    # matches are deleted, without asking each pattern for its groups — a lazy pattern's
    # groupindex is a Python property, asked for every deletion of every paragraph)
    spans = [m.span() for m in pat.finditer(text)]
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


# what the deletions need besides whitespace, each asked once of a text
_NEED_KEYS = tuple(dict.fromkeys(dl.needs for dl in _DELETIONS_NEEDING if dl.needs is not None))


def _deletions(text: str) -> tuple[re.Pattern[str], ...]:
    """The deletions that can match ``text`` (``_DELETIONS_NEEDING``), in order, each spelt
    for the whitespace ``text`` holds. A printable text holds no whitespace but the space
    (every other whitespace character is not printable: tests/speed), and so does what its
    deletions leave of it (deleting never adds a character)."""
    spaced = text.isprintable()
    key = (" " in text if spaced else _SPACE.search(text) is not None, spaced,
           *[needs.found(text) for needs in _NEED_KEYS])
    got = _DELETIONS.get(key)
    if got is None:  # (a few dozen combinations at most: each tuple made once)
        has = dict(zip(_NEED_KEYS, key[2:]))
        got = _DELETIONS[key] = tuple(dl.in_spaces if spaced else dl.pattern for dl in _DELETIONS_NEEDING
                                      if (key[0] or not dl.spaces) and (dl.needs is None or has[dl.needs]))
    return got


_DELETIONS: dict[tuple[bool, ...], tuple[re.Pattern[str], ...]] = {}


def noise_changes_key(text: str) -> bool:
    """Whether ``norm(strip_noise(text))`` may differ from ``norm(text)``: only when a deletion
    of something other than whitespace (markup, a thousands comma) can match. The whitespace
    deletions remove a run between characters that compose with nothing across it (figures,
    the point, %, units, ideographs, brackets), which is all ``norm`` does to that run anyway."""
    if _CHANGES_KEY is None:
        return True
    for need in _CHANGES_KEY:
        if need.found(text):
            return True
    return False


# what the deletions of more than whitespace need (None: one needs nothing)
_CHANGES_KEY = None if any(not dl.spaces and dl.needs is None for dl in _DELETIONS_NEEDING) else tuple(
    dict.fromkeys(dl.needs for dl in _DELETIONS_NEEDING if not dl.spaces and dl.needs))


def clean_text(text: str, lmap: list[int]) -> tuple[str, list[int]]:
    for pat in _deletions(text):
        text, lmap = _delete(text, lmap, pat)
    return text, lmap


_SPACE = lazy.pattern(r"\s")


@memo(1 << 14)
def strip_noise(text: str) -> str:
    """``clean_text``'s text without the line map (a table cell's noise, read thousands of
    times per document: cached by text). Each pattern's group 'd' is its whole match (the
    rest are lookarounds), so deleting matches is deleting groups. (A table's cells are
    mostly one word or one figure: only the deletions whose needs the text holds are run, as
    in ``clean_text``.)"""
    for pat in _deletions(text):
        text = pat.sub("", text)
    return text


# ---- figures set on their own line -------------------------------------------------------
# Some PDF text tools (pdfplumber's extract_text) group characters into lines by their top
# edge; figures set in a Latin font sit a little lower than the Chinese around them and come
# out as a line of their own below the text they belong in, which keeps a gap where each was:
#   上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，
#   2024 2995.39 2023
# Quote marks and colons of another font go the same way (“ ” 0.95 0.00 below 三公 经费…为 万元).
# A line of such marks only is put back into the line above when it has exactly as many gaps
# as the line has marks (in order); otherwise both lines stay as printed.
_FIGURE_TOKEN_RE = lazy.pattern(r"^-?\d[\d,]*(?:\.\d+)?%?$")
_MARKS = "“”‘’:："
_MARK_TOKEN_RE = lazy.pattern(f"^[{_MARKS}]$")
# what a token of either kind starts with, besides a decimal digit (\d is any decimal digit:
# isdecimal): a screen, most narrative lines start with a word
_TOKEN_FIRST = "-" + _MARKS
_OPENING_QUOTES = "“‘"
# a gap: a space between two characters that are not Latin letters or digits (those are spaced
# in running text) — a run of spaces where the tool keeps character columns (pdfplumber's
# layout=True prints a gap as wide as its figure was) —, or an enumerator's empty slot
# (“其中：、一般…” for “其中：1、一般…”)
_GAP_RE = lazy.pattern(r"(?<=[^\sA-Za-z0-9]) +(?=[^\sA-Za-z0-9])|(?:(?<=^)|(?<=[：:。；;，,]))(?=、)")
# a line that starts with a unit, 年 or closing punctuation lost the figure before it
_LEADING_GAP_RE = lazy.pattern(r"^(?=万元|亿元|元|%|年|[；;，,。])")
# when the line has more gaps than figures (a stray space), the gaps a figure is wanted in:
# before a unit, or after a word that takes a figure (为/占/计/达/减少/增加/下降/增长/与…年)
_FIGURE_GAP_RE = lazy.pattern(r"(?<=[为占计达少加降长至约比与])\s?$|^\s?(?:万元|亿元|元|%|年|个|人|辆|台|次)")


def figure_line(text: str) -> list[str] | None:
    """The figures (and quote marks, colons) of a line made only of them ('2024 2995.39 2023',
    '“ ” 0.95 0.00'), else None."""
    first = text.lstrip()[:1]
    if not first or not (first in _TOKEN_FIRST or first.isdecimal()):
        return None  # (the first token is neither a figure nor a mark: the patterns not asked)
    toks = text.split()
    ok = toks and all(_FIGURE_TOKEN_RE.match(t) or _MARK_TOKEN_RE.match(t) for t in toks)
    return toks if ok else None


def splice_figures(text: str, figures: list[str]) -> tuple[str, list[int | None]] | None:
    """``text`` with ``figures`` put into its gaps in order, and for each character of the
    result its index in ``text`` (None: a figure's character); None when the gaps do not match
    the figures one for one."""
    gaps = [(m.start(), m.end()) for m in _GAP_RE.finditer(text)]
    leading = figures[0][0] in _OPENING_QUOTES or _LEADING_GAP_RE.match(text) is not None
    # a gap before the first character is inferred, not seen: taken only when the figures
    # need it ('元，…为 万元。' below '…为 万' has one gap for one figure: 元 ends 万元)
    if leading and not (gaps and gaps[0][0] == 0) and len(gaps) != len(figures):
        gaps.insert(0, (0, 0))
    if len(gaps) > len(figures):
        gaps = [(a, b) for a, b in gaps if _FIGURE_GAP_RE.search(text[max(0, a - 1):a])
                or _FIGURE_GAP_RE.match(text[b:b + 2])]
    if len(gaps) != len(figures):
        return None
    out: list[str] = []
    origin: list[int | None] = []
    pos = 0
    for (a, b), fig in zip(gaps, figures):
        out.append(text[pos:a] + fig)
        origin += [*range(pos, a), *[None] * len(fig)]
        pos = b
    out.append(text[pos:])
    origin += range(pos, len(text))
    return "".join(out), origin


# (asked of every cell and line of a narrative, compiled once)
_FIGURE_CELL = lazy.pattern(r"[\d,.\s%-]+")
_RESULT_HEADING_END = lazy.pattern(r"(?:情况|结果|说明|评价)[。.]?$")
_CLAUSE_OR_FIGURE = lazy.pattern(r"[,，;；:：]|\d\s*(?:万元|%)")

_ROW_CHUNKS = 3  # a table row's cells, at least


def _is_table_row(ln) -> bool:
    if len(ln.chunks) < _ROW_CHUNKS:
        return False
    nums = sum(1 for c in ln.chunks if _FIGURE_CELL.fullmatch(c.text or "x"))
    return nums >= 2


class _Unit(NamedTuple):  # (a tuple: one a narrative line, cheaper to make than a frozen dataclass,
    # and cheaper still made by tuple.__new__ than through the NamedTuple's own __new__)
    """A narrative line as the paragraphs take it: its text (with the figures of a line of
    figures below it put back), each character's source line, and the line it starts at."""

    text: str
    lines: list[int]
    line: int


def _units(src: Source, a: int, b: int) -> list[_Unit]:
    """The narrative lines of [a, b) in the order the source has them: layout furniture,
    table rows, charts and notes left out; a line of figures only put back into the gaps of
    the line just above it (``splice_figures``)."""
    units: list[_Unit] = []
    last = -1  # the line units[-1] last took
    for i in range(a, b):
        ln = src.lines[i]
        # (most lines are one chunk: told without the call)
        if ln.marker or (len(ln.chunks) >= _ROW_CHUNKS and _is_table_row(ln)):
            continue
        t = ln.text.replace("\t", " ").strip()
        if not t or (t[0] in _CHART_FIRST and _CHART_RE.match(t)) or t.startswith(_NOTES):
            continue
        figs = figure_line(t)
        if figs and units and last == i - 1:
            prev = units[-1]
            spliced = splice_figures(prev.text, figs)
            if spliced is not None:  # the figures of the line above, set on their own line
                joined, origin = spliced
                units[-1] = _Unit(joined, [i if j is None else prev.lines[j] for j in origin], prev.line)
                last = i
                continue
        units.append(tuple.__new__(_Unit, (t, [i] * len(t), i)))  # (positionally: see _Unit)
        last = i
    return units


def source_phrases(src: Source) -> PhraseIndex:
    """The phrases of every line of ``src`` (tables and all: a name a table prints in one
    piece attests a narrative line break inside it)."""
    return PhraseIndex(lambda: map(TEXT, src.lines), lambda: joined_lines(src))


def paragraphs(src: Source, a: int, b: int, skip_first_heading: bool = True,
               index: PhraseIndex | None = None) -> list[Para]:
    """Join the lines in [a, b) into paragraphs (see module doc). ``index``: the document's
    phrases (``line_swaps``; one per document, shared by its sections), made from ``src``
    when not given."""
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

    units = _units(src, a, b)
    opens = [_OPENS_RE.match(u.text) for u in units]
    starts = [m is not None for m in opens]
    if index is None:
        index = source_phrases(src)
    for k in reading_order([u.text for u in units], starts, index):
        u = units[k]
        t = u.text
        if starts[k] or not cur_t:
            flush()
            start = u.line
        if cur_t and cur_t[-1] and cur_t[-1][-1].isascii() and cur_t[-1][-1].isalpha() and t[0].isascii() and t[0].isalpha():
            cur_t.append(" ")
            cur_m.append(u.line)
        cur_t.append(t)
        cur_m.extend(u.lines)
        if (len(t) <= 30 and (m := opens[k]) is not None and m.group("marker") is not None
                and _RESULT_HEADING_END.search(t) and not _CLAUSE_OR_FIGURE.search(t)):
            flush()  # a short numbered heading ('2. 项目绩效自评结果') stands alone
            continue
        # a heading line (chapter title with no figure) stands alone
        if u.line == a and skip_first_heading:
            flush()
    flush()
    return paras
