"""Column anchors: the header cell or 栏次 number a text tool printed just before a column's
amounts, pinning that run of amounts to the column it names.

pdftotext without -layout puts a column's header cell — its name, wrapped over lines, and its
栏次 number — in the same text block as the column's first figures when they stand close below
it (``年初结转和结余`` / ``1`` / the column's run), and where the header cells stand apart it
often prints the headers of the columns that hold figures one after another, left to right,
just before those columns' first figures (one block each: the 合计 row, a band of its own).
The identities cannot tell apart the columns that play the same part in them (the parts of a
row's sum; 年初/本年收入 and 基本/项目 in the fund form), so such a header is the only thing that
says which of them holds a figure.

An anchor is taken only where it is unambiguous, and the table's anchors only when they agree
with each other; otherwise there are none (the table is read as without them):

* *block anchor*: the lines above a run's first amount in its text block, none an amount:
  header text whose trailing lines (joined: a wrapped header) name exactly one column — not a
  row's name, not 合计 alone (the 合计 row's label) — perhaps with the column's 栏次 number as
  the last line, which must then be that column's. A 栏次 number alone names nothing (the tool
  glues the 栏次 cell just above the figures to a neighbouring column's run as readily as to
  its own), and a block holding several bare numbers is a 栏次 row printed as one block. Nor
  does a header whose neighbouring column's header stands alone, a block of its own: the tool
  glues a header with its 栏次 to the run of the column beside it too, and that column's header
  is then left without a run (公开08表 set solid: 基本支出 alone, 项目支出 / 3 on 基本支出's run,
  项目支出's run after it); a header standing alone is also a blank column's, so this leaves out
  some good anchors.
* *band anchor*: header blocks, each naming another column, directly followed by blocks of
  one figure each (a row — the 合计 row — printed cell by cell, left to right): the longest
  tail of the headers in left-to-right order is paired, in order, with those figures (two at
  least: the headers of the columns that hold no figure stand apart, ahead of them). Runs of
  several figures are not paired so: the tool may print one column's run before the run of the
  column to its left (rows set solid, 本年收入's before 年初's) while their headers came in
  order.
* a 栏次 number is held against its header's text only when the region prints each of 1..n
  once as a number of its own (its 栏次 row numbers the printed columns).
* the anchors of a page, in print order, name columns left to right, each at most once (the
  tool prints a page's header band once, its columns in order); anything else — a conflict
  between a header's text and its number, a header printed out of order — drops them all.

The search (``search.Search.col_pins``) then considers only placements that put each anchored
run in its column; the identities still check every placement, and when none satisfies them
with the anchors the table is searched again without (``blocks.solve``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from juesuan import lazy
from juesuan.read.types import Line
from juesuan.textnorm import norm

_CJK_RE = lazy.pattern(r"[\u4e00-\u9fff]")
# a 栏次 number: one digit (the tables anchored have at most 7 columns; a code part printed
# alone has two digits or three)
_NUMBER_RE = lazy.pattern(r"^[1-9]$")
# a header band pairs at least this many headers with runs (one header before one run, each
# a block of its own, is too little to tell the tool's order by)
_MIN_BAND = 2
_MAX_WRAP = 3  # a header cell broken over at most this many lines
# labels that name a row, never a column, when printed alone right before figures
_ROW_WORDS = ("合计", "总计")


class _Conflict(Exception):
    """Two parts of the text say different things of one run's column: no anchors."""


def header_names(names: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Normalised printed header → column index, from (printed name, column) pairs; a name
    given for two columns names neither."""
    out: dict[str, int] = {}
    clash: set[str] = set()
    for name, col in names:
        k = norm(name)
        if k in out and out[k] != col:
            clash.add(k)
        out.setdefault(k, col)
    return {k: c for k, c in out.items() if k not in clash}


def next_in_block(a: Line, b: Line) -> bool:
    """Did the tool print ``b`` right after ``a`` in one text block (the next line of the same
    page, no blank line between)?"""
    return a.page == b.page and b.no == a.no + 1


def _text_blocks(lines: list[Line]) -> list[list[Line]]:
    """The tool's text blocks: lines with text on consecutive lines of one page."""
    out: list[list[Line]] = []
    prev: Line | None = None
    for ln in lines:
        if not ln.text.strip() or ln.marker:
            prev = None
            continue
        if prev is not None and next_in_block(prev, ln):
            out[-1].append(ln)
        else:
            out.append([ln])
        prev = ln
    return out


def _named(texts: list[str], names: dict[str, int], rows: set[str]) -> int | None:
    """The column the trailing lines of ``texts`` name (a header wrapped over lines, under a
    group header such as 本年支出), or None; _Conflict when two of its tails name two columns."""
    found: set[int] = set()
    for k in range(1, min(_MAX_WRAP, len(texts)) + 1):
        tail = norm("".join(texts[-k:]))
        if tail in rows or tail in _ROW_WORDS:
            continue  # a row's label: the run may be that row's figures, not a column's
        if tail in names:
            found.add(names[tail])
    if len(found) > 1:
        raise _Conflict
    return found.pop() if found else None


def _label(block: list[Line], names: dict[str, int], rows: set[str], numbered: bool) -> int | None:
    """The column the non-amount lines ``block`` name by their header text (see module), or
    None; _Conflict when the 栏次 number under the text names another column."""
    texts = [ln.text.strip() for ln in block]
    numbers = [t for t in texts if _NUMBER_RE.match(t)]
    if len(numbers) > 1 or numbers and texts[-1] != numbers[0]:
        return None  # a 栏次 row printed as one block, or a number that is not the run's header
    words = texts[:-1] if numbers else texts
    if not words or not all(_CJK_RE.search(t) for t in words):
        # a number alone names nothing: the tool glues the 栏次 cell printed just above the
        # figures to a neighbouring column's run as readily as to its own (公开07表 set solid:
        # '2' on 年初结转和结余's run in 万元, on 本年收入's in 元)
        return None
    col = _named(words, names, rows)
    if col is not None and numbers and numbered and int(numbers[0]) - 1 != col:
        raise _Conflict  # the header's text and its 栏次 name different columns
    return col


def _numbered(blocks: list[list[Line]], ncols: int) -> bool:
    """Does the region print each of 1..ncols once as a number of its own (the form's 栏次
    row, one column per number)?"""
    seen = [int(t) for b in blocks for ln in b if _NUMBER_RE.match(t := ln.text.strip())]
    return sorted(seen) == list(range(1, ncols + 1))


def column_pins(lines: list[Line], starts: list[Line], names: dict[str, int], ncols: int,
                rows: Iterable[str], is_amount_line: Callable[[Line], bool]) -> dict[int, int]:
    """Unit index → the column its header names (see module), {} when the anchors disagree.
    ``starts``: the line of each unit's first amount; ``names``: ``header_names``; ``rows``:
    the table's row names (a label that names a row is not a header); ``is_amount_line``: does a
    line hold an amount of the table."""
    blocks = _text_blocks(lines)
    row_names = {norm(r) for r in rows}
    at = {id(ln): (b, p) for b, block in enumerate(blocks) for p, ln in enumerate(block)}
    numbered = _numbered(blocks, ncols)
    unit_at = {id(ln): j for j, ln in enumerate(starts)}
    pins: dict[int, int] = {}
    try:
        heads: dict[int, int] = {}  # block → the column it names, for header-only blocks
        for b, block in enumerate(blocks):
            if not any(is_amount_line(ln) for ln in block):
                c = _label(block, names, row_names, numbered)
                if c is not None:
                    heads[b] = c
        for j, ln in enumerate(starts):
            where = at.get(id(ln))
            if where is None or where[1] == 0:
                continue
            above = blocks[where[0]][:where[1]]
            if not any(is_amount_line(x) for x in above):
                c = _label(above, names, row_names, numbered)
                # a neighbouring column's header standing alone may have lost its run to this
                # header (see module)
                if c is not None and not {c - 1, c + 1} & set(heads.values()):
                    pins[j] = c
        # header bands: header blocks, then blocks each starting with a run
        b = 0
        while b < len(blocks):
            if b not in heads:
                b += 1
                continue
            band = []
            while b in heads:
                band.append(heads[b])
                b += 1
            tail = [band[-1]]
            for c in reversed(band[:-1]):
                if c >= tail[0]:
                    break
                tail.insert(0, c)
            # one figure a block: a row printed cell by cell, in the header band's order
            runs: list[int] = []
            while b < len(blocks) and len(runs) < len(tail) and len(blocks[b]) == 1 \
                    and id(blocks[b][0]) in unit_at and blocks[b][0].page == blocks[b - 1][0].page:
                runs.append(unit_at[id(blocks[b][0])])
                b += 1
            if len(tail) >= _MIN_BAND and len(runs) == len(tail) and len(set(band)) == len(band):
                for j, c in zip(runs, tail, strict=True):
                    if pins.setdefault(j, c) != c:
                        raise _Conflict
    except _Conflict:
        return {}
    return pins if _in_order(pins, starts) else {}


def _in_order(pins: dict[int, int], starts: list[Line]) -> bool:
    """Do the anchors of each page name columns left to right, each at most once?"""
    last: dict[int | None, int] = {}
    for j in sorted(pins):
        page = starts[j].page
        if pins[j] <= last.get(page, -1):
            return False
        last[page] = pins[j]
    return True


def number_pins(lines: list[Line], starts: list[Line], ncols: int,
                is_amount_line: Callable[[Line], bool]) -> dict[int, int]:
    """Unit index → the column a bare 栏次 number printed right above its run names (the
    number — alone or under header text — then the run, in one text block), when the region prints each of 1..ncols
    once as a number of its own; {} when two runs carry one number. A *weak* anchor: the tool
    glues the number printed just above the figures to a neighbouring column's run as readily
    as to its own (see module), so it only says which columns to try first — the search in any
    column order (``blocks.solve``) takes it, and a placement's columns it alone tells apart
    stay in doubt unless the other tables' bounds rule out every other arrangement."""
    blocks = _text_blocks(lines)
    if not _numbered(blocks, ncols):
        return {}
    at = {id(ln): (b, p) for b, block in enumerate(blocks) for p, ln in enumerate(block)}
    pins: dict[int, int] = {}
    for j, ln in enumerate(starts):
        b, p = at.get(id(ln), (0, 0))
        if p and not any(is_amount_line(x) for x in blocks[b][:p]) and _NUMBER_RE.match(t := blocks[b][p - 1].text.strip()):
            pins[j] = int(t) - 1
    return pins if len(set(pins.values())) == len(pins) else {}


def remap(pins: dict[int, int], units: list[tuple[int, int]]) -> dict[int, int]:
    """The pins of ``units`` on the units ``search.gapped_units`` cuts them into (a run's
    first amount keeps its pin; the rest follow it in its column)."""
    out, k = {}, 0
    for j, (_, size) in enumerate(units):
        if j in pins:
            out[k] = pins[j]
        k += size
    return out


__all__ = ["column_pins", "header_names", "next_in_block", "number_pins", "remap"]
