"""Narrative lines back in reading order, where a text tool emitted them out of it.

A PDF's text tools print lines in the order they find them, which is not always the order
they are read in: ``pdftotext -layout`` sorts by baseline, so a line whose figures (in a Latin
font) sit a little higher can come out before the line above it; pypdfium2 follows drawing
order, so a line an editor re-typed is emitted where it was drawn — before a whole item. The
paragraph a figure belongs to then changes, and a claim reads the wrong subject.

Such a dump leaves seams no writer leaves, each one a junction between two lines that
cannot follow each other:

- a bracket left open at the end of a line and not closed by the next (“…养老支出（款” then
  a new item “7、…”), or a line that starts by closing a bracket the line above never opened;
- a 类/款/项 path cut in the middle of a name (“…（款）机关事业单位基本养老”): the name goes
  on to its “（项）” on the next line, never straight into figures or a new item;
- a line ending where a figure must come (“年初预算为”, “占”, “金额”) followed by one that
  starts with words;
- an amount opening a clause (“603.14万元，占…” after a heading, a “；” or a “：”): an amount
  follows what it measures;
- a paragraph left in mid-sentence (its last line, before the next item or the section's end,
  ends with no punctuation);
- numbered items at one level out of sequence (… 6、8、7 …; restarting at 1 is a new level).

Where a line's seam is answered by a line a little further on (one that closes the bracket,
carries the 项 name, or starts with the figure), the lines are moved — the answering block
up, or the cut block down; a line printed too early (an amount, a closing bracket) goes down
after the nearest line that wants it. Whichever arrangement leaves fewest seams is taken, and
only when it removes at least two (the cut and the place the moved lines came from, or the
numbering), so one odd line in a well-ordered text never moves anything. Characters keep their source
line, so every claim still points at where it was printed. (Lines of figures that pdfplumber
sets below their text are put back into it first: ``paragraphs``; two adjacent lines printed
the wrong way round, which leave no seam, are swapped back first by what the document's own
phrases attest: ``line_swaps``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from juesuan import lazy
from juesuan.extract.claims.line_swaps import PhraseIndex, restore_swaps
from juesuan.textnorm import item_marker

_OPEN, _CLOSE = "（(", "）)"
_BRACKETS = _OPEN + _CLOSE
_BRACKET_RE = lazy.pattern("[" + _BRACKETS + "]")
# a 类/款/项 path whose name runs to the end of the line: the 项 name goes on below
_OPEN_NAME_RE = lazy.pattern(r"[（(][类款][）)][\u4e00-\u9fff]*$")
_NAME_GOES_ON_RE = lazy.pattern(r"^[\u4e00-\u9fff]*[（(]项[）)]")
# a bracket closed within the first few characters ('）其他…', '款）…')
_CLOSES_RE = lazy.pattern(r"^[^\s（()）]{0,2}[）)]")
# the line ends where an amount must follow: '年初预算为', '支出决算为', '合计为：', '占', '金额'
_WANTS_FIGURE_RE = lazy.pattern(r"(?:(?:预算|决算|支出|收入|总计|合计|经费)(?:数|总额)?为[:：]?|占|金额)$")
# an amount never opens a clause: it follows what it measures ('603.14万元，占…' after a
# heading or a '；' is a line printed too early)
_WANTS_FIGURE_TAIL = 8  # longer than any match of _WANTS_FIGURE_RE with the line break $ allows
# the last character of every match of _WANTS_FIGURE_RE (before the line break $ allows)
_WANTS_FIGURE_LAST = "为:：占额"
_STARTS_AMOUNT_RE = lazy.pattern(r"^\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%)")
_CLAUSE_END = "。；;！!？?：:"
# a paragraph's last line ends its sentence (or closes a bracket or quote)
_ENDS = _CLAUSE_END + "）)”\"'"
_WINDOW = 12  # lines searched for the answer to a seam (an item of a narrative)
# arrangements weighed per section: a text with more seams than this is noise, not a
# narrative a tool emitted out of order, and is left as printed
_BUDGET = 64


class _Line(NamedTuple):  # (a tuple: made for every narrative line, cheaper than a frozen dataclass)
    first_opens: bool  # the first bracket on the line opens one
    last_opens: bool  # the last bracket on the line opens one (left open below)
    starts_closing: bool  # the line starts by closing a bracket
    closes_early: bool  # a bracket closes within its first characters
    open_name: bool  # a 类/款/项 path whose name runs on below
    name_goes_on: bool  # starts with a name running to its （项）
    wants_figure: bool
    starts_figure: bool
    starts_amount: bool  # figure and unit ('603.14万元', '15.16%')
    ends_clause: bool  # ends a clause, or is a heading (a numbered line without punctuation)
    hangs: bool  # a paragraph's line that does not end its sentence
    starts_para: bool  # a numbered item, a heading or a new paragraph
    item: tuple[str, int] | None  # (style, number) of a numbered item starting the line


def _features(text: str, starts_para: bool) -> _Line:
    # (every narrative line is asked, so each feature is found the cheapest way: the first and
    # last characters taken once; the first and last bracket by one scan for them all, not a
    # search and an rfind per bracket; a clause's punctuation by an ``in`` per mark, not a
    # generator over them; each pattern only of a line holding what it
    # needs — a bracket, 类 or 款, 项, a leading digit, the last character of a wanted
    # figure's words; a numbered item's marker only of a line starting a paragraph, as every
    # numbered item does; the tuple made positionally, not through the NamedTuple's keyword
    # __new__)
    first, last = text[:1], text[-1:]
    brackets = _BRACKET_RE.findall(text)
    if not brackets:
        first_opens = last_opens = closes_early = False
    else:
        first_opens = brackets[0] in _OPEN
        last_opens = brackets[-1] in _OPEN
        closes_early = _CLOSES_RE.match(text) is not None
    starts_figure = first.isdigit()
    return tuple.__new__(_Line, (
        first_opens,
        last_opens,
        first in _CLOSE,  # starts_closing
        closes_early,
        ("类" in text or "款" in text) and _OPEN_NAME_RE.search(text) is not None,  # open_name
        "项" in text and _NAME_GOES_ON_RE.match(text) is not None,  # name_goes_on
        (last in _WANTS_FIGURE_LAST or last == "\n")  # wants_figure ($ also matches before a final \n)
        and _WANTS_FIGURE_RE.search(text, max(0, len(text) - _WANTS_FIGURE_TAIL)) is not None,
        starts_figure,
        starts_figure and _STARTS_AMOUNT_RE.match(text) is not None,  # starts_amount
        last in _CLAUSE_END or (starts_para and not ("，" in text or "," in text or "。" in text
                                                     or "；" in text or ";" in text)),  # ends_clause
        not starts_para and last not in _ENDS,  # hangs
        starts_para,
        item_marker(text) if starts_para else None,
    ))


def _seam(x: _Line, y: _Line) -> bool:
    """``y`` cannot follow ``x`` in a text as written."""
    if x.last_opens and (y.starts_para or (y.first_opens and not y.closes_early)):
        return True  # a bracket left open, and the next line starts something else
    if y.starts_closing and not x.last_opens:
        return True  # a bracket closed that was never opened
    if x.open_name and not y.name_goes_on and (y.starts_figure or y.starts_para):
        return True  # a 项 name cut off by figures or by the next item
    if y.starts_amount and x.ends_clause:
        return True  # an amount opening a clause
    if x.hangs and y.starts_para:
        return True  # a paragraph left in mid-sentence
    return x.wants_figure and not y.starts_figure


def _answers(x: _Line, c: _Line) -> bool:
    """``c`` answers the seam ``x`` left: it closes its bracket, carries on its 项 name, or
    starts with the figure it wanted."""
    return ((x.last_opens and c.closes_early) or (x.open_name and c.name_goes_on)
            or (x.wants_figure and c.starts_figure))


def _cost(order: Sequence[int], feats: Sequence[_Line], seams_of: dict[tuple[int, int], bool] | None = None) -> int:
    """The seams of ``order``, and each numbered item that does not follow the one before it
    at its level (restarting at 1 opens a new level). ``seams_of``: whether there is a seam
    between two lines (by index), kept across the arrangements weighed for one section —
    they share most of their junctions."""
    if seams_of is None:
        seams = sum(1 for p, q in zip(order, order[1:]) if _seam(feats[p], feats[q]))
    else:
        seams = sum(_junctions(order, feats, seams_of))
    return seams + _loose_ends(order, feats)


def _junctions(order: Sequence[int], feats: Sequence[_Line], seams_of: dict[tuple[int, int], bool]) -> list[bool]:
    """For each junction of ``order`` (between positions p and p + 1), whether it is a seam
    (kept in ``seams_of``)."""
    out = []
    for pq in zip(order, order[1:]):
        got = seams_of.get(pq)
        if got is None:
            got = seams_of[pq] = _seam(feats[pq[0]], feats[pq[1]])
        out.append(got)
    return out


def _loose_ends(order: Sequence[int], feats: Sequence[_Line]) -> int:
    """What ``_cost`` counts besides the seams: a section ending in mid-sentence, and the
    numbered items out of sequence."""
    seams = 0
    if order and (feats[order[-1]].hangs or feats[order[-1]].wants_figure):
        seams += 1  # the section ends in mid-sentence
    last: dict[str, int] = {}
    for i in order:
        it = feats[i].item
        if it is None:
            continue
        style, n = it
        if style in last and n not in (last[style] + 1, 1):
            seams += 1
        last[style] = n
    return seams


def _block_after(order: list[int], q: int, feats: Sequence[_Line]) -> int:
    """The end (exclusive) of the lines that go with ``order[q]``: up to the next seam or
    the next paragraph."""
    e = q + 1
    while e < len(order) and not feats[order[e]].starts_para and not _seam(feats[order[e - 1]], feats[order[e]]):
        e += 1
    return e


def _block_before(order: list[int], p: int, feats: Sequence[_Line]) -> int:
    """The start of the lines that go with ``order[p]``: back to its paragraph's first line
    or the seam before it (never the section's first line)."""
    s = p
    while s > 1 and not feats[order[s]].starts_para and not _seam(feats[order[s - 1]], feats[order[s]]):
        s -= 1
    return max(s, 1)


def _wanted_by(y: _Line, c: _Line) -> bool:
    """Is ``c`` a line ``y`` (printed too early) goes after: one wanting the amount ``y``
    starts with, or leaving open the bracket ``y`` closes?"""
    return (y.starts_amount and (c.wants_figure or c.hangs)) or (y.starts_closing and c.last_opens)


def reading_order(texts: Sequence[str], starts_para: Sequence[bool], index: PhraseIndex | None = None) -> list[int]:
    """The indices of ``texts`` (a section's narrative lines, in the order the tool printed
    them; ``starts_para``: the line starts a paragraph, as every numbered item does) in reading order. The
    first line (the section's heading) stays first. ``index``: the document's text, which
    tells two adjacent lines printed the wrong way round (``line_swaps``; the section's own
    lines when not given)."""
    feats = [_features(t, s) for t, s in zip(texts, starts_para)]
    order = list(range(len(texts)))
    ends = [t[-1:] in _ENDS for t in texts]
    swapped = restore_swaps(texts, starts_para, ends, order, index or PhraseIndex(lambda: texts))
    # a swap the phrases ask for but the seams refuse (it leaves more of them) is not made
    if swapped != order and _cost(swapped, feats) <= _cost(order, feats):
        order = swapped
    return _moved(order, feats)


def _moved(order: list[int], feats: Sequence[_Line]) -> list[int]:
    """``order`` with the moves that leave fewest seams made, one at a time, while one removes
    two seams or more (within ``_BUDGET`` arrangements weighed)."""
    budget = _BUDGET
    seams_of: dict[tuple[int, int], bool] = {}
    while budget > 0:  # each move removes two seams or more, so this ends
        junctions = _junctions(order, feats, seams_of)
        cost = sum(junctions) + _loose_ends(order, feats)
        if cost < 2:
            break  # (no arrangement has fewer than none: nothing can remove two)
        best: tuple[int, list[int]] | None = None
        for p in (p for p, seam in enumerate(junctions) if seam):
            x, y = feats[order[p]], feats[order[p + 1]]
            cands = []
            # the nearest line answering what x left open: it comes up (with its block), or
            # x's block goes down before it
            q = next((q for q in range(p + 2, min(len(order), p + 2 + _WINDOW)) if _answers(x, feats[order[q]])), None)
            if q is not None:
                e = _block_after(order, q, feats)
                s = _block_before(order, p, feats)
                cands += [order[:p + 1] + order[q:e] + order[p + 1:q] + order[e:],
                          order[:s] + order[p + 1:q] + order[s:p + 1] + order[q:]]
            # the nearest line that y, printed too early, goes after
            q = next((q for q in range(p + 2, min(len(order), p + 2 + _WINDOW)) if _wanted_by(y, feats[order[q]])), None)
            if q is not None:
                cands.append(order[:p + 1] + order[p + 2:q + 1] + order[p + 1:p + 2] + order[q + 1:])
            for cand in cands:
                budget -= 1
                c = _cost(cand, feats, seams_of)
                if c <= cost - 2 and (best is None or c < best[0]):
                    best = (c, cand)
        if best is None:
            break
        order = best[1]
    return order


__all__ = ["reading_order"]
