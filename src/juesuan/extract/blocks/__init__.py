"""Code-keyed tables printed column by column, one cell a line (``pdftotext`` without
``-layout``): placed by the table's identities, or not at all.

Such a tool prints the 类 codes of all rows, then the 款/项 codes, then the names, then the
amounts — each column's amounts in row order, blank cells dropped — and cuts these runs into
blocks wherever the page's layout made it see one (a taller row, a page break), so that the
runs of several columns interleave. What is known: the rows (the names, resolved in the
catalogue along the 类 → 款 → 项 path and confirmed by the printed code parts), the columns (the
form's), and the order of the amounts. The amounts stream is a merge of one sequence per
column, each in row order with gaps for blank cells. A placement is accepted only when every
identity of the table holds — parent = Σ children in each column, 合计 row = Σ 类 rows, and the
row identity (first column = Σ the others) — and it is the only one that does within a search
budget; values that another accepted placement would put elsewhere are marked uncertain.
Anything else leaves the table unreadable (its reason says why), never a guess. A placement
whose alternatives were all listed also gives each cell its range over them (``Solved``), for
the other tables' bounds; an amount the tool printed late is tried earlier (``deferred``). When
no placement keeps the bands, runs mixing neighbouring columns and, with the columns' anchors,
the columns in any order are tried (``_any_order``: the cells only a bare 栏次 number places stay
uncertain unless the bounds rule out every permutation of the part columns, ``permuted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import product
from typing import NamedTuple

from juesuan import lazy
from juesuan.extract.blocks import anchors, deferred, funds, meter, sides
from juesuan.extract.blocks.cross import Bound
from juesuan.extract.blocks.linear import Terms
from juesuan.extract.blocks.permuted import permuted_doubts
from juesuan.extract.blocks.rows import rows_from_names
from juesuan.extract.blocks.search import HALF_CENTS, Search, gapped_units
from juesuan.extract.functional import column_choices
from juesuan.extract.grid import amount, is_amount, is_note
from juesuan.extract.records import Value, flat_tokens
from juesuan.glossary import TABLES
from juesuan.model import Cell, Disclosure, Table
from juesuan.read.types import Line

# The tables this reader handles: functional-code rows whose first column is the sum of the
# others. The fund tables (T07, T08; T05 printed as a 收入支出决算表 with 年初/收入/支出/年末
# columns) are placed by the fund form's identities (funds.py); T06 and T09 have their own
# readers (economic.py, sangong.py).
TABLES_SOLVED = ("T02", "T03", "T05")
# placements tried per table before giving up (then every cell is uncertain, or, with none
# found, the table unreadable): about 20 s on a loaded machine
SEARCH_BUDGET = 1_000_000
# T01/T04's search: placements tried before giving up (their rows pair off into fewer bands and
# their identities close late, so a search that finds nothing rarely finds it later), and of
# those, at most this many spent asking which cells are certain
SIDED_BUDGET = 300_000
# the share of the budget spent on trying an amount printed late at earlier places (deferred.py)
LATE_SHARE = 4
CERTAINTY_BUDGET = 100_000
# the fund tables' search (funds.py), over all its tries: their tables are small, and one whose
# form's identities fail (a T05 printed in the form, its code rows' carry-over blank) would
# otherwise spend the whole budget in each try
FUND_BUDGET = 200_000
# the functional tables' search in any column order (``_any_order``), each try: the anchors
# prune it hard; without a placement within this, none is near
ANY_ORDER_BUDGET = 50_000
# the search of runs that mix neighbouring columns' cells (``Search.mixed``), each try: each
# amount may take either column, and a table printed in none of the ways tried would spend the
# whole budget
MIXED_BUDGET = 50_000
# an amount of these tables: two decimals, or a dash for zero (a bare integer is a code part)
_AMOUNT_RE = lazy.pattern(r"^-?[\d,]*\d\.\d{2}$|^[-—–]$")


@dataclass
class Placed:
    row: str  # "合计" or a functional code
    column: str
    value: Value
    uncertain: bool


# (row, column) → (least, most) a cell takes over the accepted placements (blank: 0)
Ranges = dict[tuple[str, str], tuple[Decimal, Decimal]]


class Solved(NamedTuple):
    """A column-block table's placement: its cells, the rows' names, and — when every
    accepted placement was listed — the range each cell of the printed grid takes over them
    (None otherwise): what the table says of its blank and uncertain cells to the others'
    placements (``cross.cross_bounds``)."""

    placed: list[Placed]
    names: dict[str, str]
    ranges: Ranges | None


def _tokens(lines: list[Line]) -> list[tuple[str, Line]]:
    out: list[tuple[str, Line]] = []
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        out.extend((t, ln) for t in flat_tokens(ln))
    return out


def _units(toks: list[tuple[str, Line]], amounts: list[int]) -> list[tuple[int, int]]:
    """(first amount, size) of each unit of the search: where the tool separates its text
    blocks (blank lines between runs of amounts), a run of amounts one a line on consecutive
    lines, with nothing else between, is one column's cells in consecutive rows; where it
    separates none, each amount is a unit of its own."""
    runs: list[list[int]] = []
    for j, ti in enumerate(amounts):
        if runs:
            prev = amounts[j - 1]
            a, b = toks[prev][1], toks[ti][1]
            if ti == prev + 1 and anchors.next_in_block(a, b) and len(flat_tokens(a)) == 1 \
                    and len(flat_tokens(b)) == 1:
                runs[-1].append(j)
                continue
        runs.append([j])
    if len(runs) == 1:
        return [(j, 1) for j in range(len(amounts))]
    return [(r[0], len(r)) for r in runs]


def solve(tid: str, lines: list[Line], budget: int = SEARCH_BUDGET,
          bounds: dict[tuple[str, str], Bound] | None = None, rows_of: dict[int, str] | None = None) -> Solved | None:
    """The cells of a column-block table and the rows' names, or None (with no guess).
    ``bounds``: (row, column) → what other tables' cells say of it (``cross_bounds``);
    ``rows_of``: line number → the row its amount belongs to, where the text says (a table
    printed row by row: only the columns are in question)."""
    if tid in sides.TABLES_SIDED:
        return _solve_sided(tid, lines, budget, bounds)
    if tid not in TABLES_SOLVED and tid not in funds.TABLES_FUND:
        return None
    texts = [t for t, _ in _tokens(lines)]
    rows = rows_from_names(texts)
    if rows is None:
        return None
    names = {c: n for c, n, _ in rows}
    form = funds.form_columns(tid, texts) if tid in funds.TABLES_FUND else None
    if form is not None:
        found = _solve_fund(tid, lines, rows, form, min(budget, FUND_BUDGET), bounds)
        return None if found is None else Solved(found[0], names, found[1])
    if tid not in TABLES_SOLVED:
        return None
    toks, amounts, stream, units = _amounts(lines)
    if not amounts:
        return None
    cols = TABLES[tid].columns
    orders = _row_orders(texts, rows)
    named = _column_pins(lines, amounts, units, tid, cols, names)
    # with the columns' headers (``anchors``), then without: the runs whole, then (no placement
    # keeps them) each run's amounts in its column with rows skipped between them
    # (search.gapped_units: the tool joined blocks across a blank cell)
    for unit_list, follow, col_pins in _unit_tries(units, named):
        for keys in orders:
            placed = _placed(_functional(keys, cols, stream, unit_list, follow, col_pins, bounds, rows_of, amounts),
                             budget, amounts, lambda rc, k=keys: (k[rc[0]], cols[rc[1]]))  # type: ignore[misc]
            if placed is not None:
                return Solved(placed[0], names, placed[1])
    # no placement of the amounts as printed: one may have been printed late (deferred.py)
    late = deferred.late_units(tid, toks, _amount_at(toks), units)
    for keys in orders if late else ():
        makes = [(_functional(keys, cols, st, un, frozenset(), {}, bounds, None, amounts), back)
                 for st, un, back in deferred.orders(stream, units, late)]
        found = _placed_orders(makes, budget // LATE_SHARE, amounts, stream, lambda rc, k=keys: (k[rc[0]], cols[rc[1]]))  # type: ignore[misc]
        if found is not None:
            return Solved(found[0], names, found[1])
    # then the looser ways the tool prints: each run's amounts in its column or a neighbouring
    # one (``Search.mixed``: it joins the cells of neighbouring columns where each row fills
    # only one of them), and the columns in any order (``_any_order``)
    for unit_list, mixed, col_pins in _mixed_tries(units, named):
        for keys in orders:
            placed = _placed(_functional(keys, cols, stream, unit_list, frozenset(), col_pins, bounds, rows_of, amounts,
                                         mixed=mixed), min(budget, MIXED_BUDGET), amounts,
                             lambda rc, k=keys: (k[rc[0]], cols[rc[1]]))  # type: ignore[misc]
            if placed is not None:
                return Solved(placed[0], names, placed[1])
    found = _any_order(lines, keys_of=orders, cols=cols, stream=stream, units=units, named=named, amounts=amounts,
                       bounds=bounds, rows_of=rows_of, budget=min(budget, ANY_ORDER_BUDGET))
    return None if found is None else Solved(found[0], names, found[1])


def _functional(keys: list[str], cols: tuple[str, ...], stream: list[Decimal], units: list[tuple[int, int]],
                follow: frozenset[int], col_pins: dict[int, int], bounds: dict[tuple[str, str], Bound] | None,
                rows_of: dict[int, str] | None, amounts: list[tuple[str, Line]],
                groups: list[int] | None = None, mixed: frozenset[int] = frozenset(),
                columns: frozenset[int] | None = None) -> Callable[[int], Search]:
    """``make(budget)``: the search of a functional table's rows ``keys`` (``groups``: the
    columns' print-order groups, one by default: the bands; ``mixed``, ``columns``: those of
    ``Search``)."""
    parents = _parents(keys)
    index = {k: j for j, k in enumerate(keys)}
    at_rc = _bounds_at(keys, cols, bounds)
    pins = {j: index[r] for j, (f, _) in enumerate(units) if (r := (rows_of or {}).get(amounts[f][1].no)) in index}
    def make(b: int) -> Search:
        s = _following(Search(parents, len(cols), stream, units, b, at_rc, pins, groups), follow, col_pins, mixed)
        s.columns = columns
        return s
    return make


def _bounds_at(keys: list[str], cols: tuple[str, ...],
               bounds: dict[tuple[str, str], Bound] | None) -> dict[tuple[int, int], Bound]:
    """The cross bounds at their places in the search's grid."""
    index = {k: j for j, k in enumerate(keys)}
    return {(index[r], cols.index(c)): b for (r, c), b in (bounds or {}).items() if r in index and c in cols}


def _any_order(lines: list[Line], keys_of: list[list[str]], cols: tuple[str, ...], stream: list[Decimal],
               units: list[tuple[int, int]], named: dict[int, int], amounts: list[tuple[str, Line]],
               bounds: dict[tuple[str, str], Bound] | None, rows_of: dict[int, str] | None,
               budget: int) -> tuple[list[Placed], Ranges | None] | None:
    """A functional table whose columns the tool printed in any order (each column's runs
    still in row order: a group a column, ``search.Search.groups``) — a run of 基本支出 before
    本年支出合计's, 项目支出's later rows above 基本支出's — placed with its columns' anchors: the
    headers (``named``) and the bare 栏次 numbers right above the runs (``anchors.number_pins``).
    Without one the columns' order says nothing and the search has no hold. The identities
    check every placement; the columns only a number tells apart stay in doubt, unless the
    other tables' bounds rule out every other arrangement of them (``permuted``)."""
    weak = anchors.number_pins(lines, [amounts[f][1] for f, _ in units], len(cols),
                               lambda ln: bool(_amount_at(_tokens([ln]))))
    pins = weak | named  # a header's word over a number's
    if not pins:
        return None
    # the columns that hold figures are the total column and those anchored: the tool prints a
    # column's first run right under its header cell, the 栏次 number last (the 合计 row's
    # figure, or the first row's, under it); the others are blank
    columns = frozenset({0, *pins.values()})
    fixed = {0, *named.values()}  # the total column, and the columns a header names
    movable = [c for c in range(len(cols)) if c not in fixed]
    groups = list(range(len(cols)))
    tries = [(u, f, frozenset[int](), p) for u, f, p in _unit_tries(units, pins)[:2 if gapped_units(units) else 1]]
    tries += [(u, frozenset[int](), m, p) for u, m, p in _mixed_tries(units, pins)[:1]]
    for unit_list, follow, mixed, col_pins in tries:
        for keys in keys_of:
            found = _placed(_functional(keys, cols, stream, unit_list, follow, col_pins, bounds, rows_of, amounts,
                                        groups, mixed, columns), budget, amounts,
                            lambda rc, k=keys: (k[rc[0]], cols[rc[1]]))  # type: ignore[misc]
            if found is None:
                continue
            placed, ranges = found
            slot = {(k, c): (r, j) for r, k in enumerate(keys) for j, c in enumerate(cols)}
            values = {slot[p.row, p.column]: p.value.parsed.value for p in placed}
            doubts = permuted_doubts(values, movable, _bounds_at(keys, cols, bounds))
            for p in placed:
                p.uncertain = p.uncertain or slot[p.row, p.column] in doubts
            return placed, None if doubts else ranges
    return None


def _following(s: Search, follow: frozenset[int], col_pins: dict[int, int] | None = None,
               mixed: frozenset[int] = frozenset()) -> Search:
    s.follow, s.mixed = follow, mixed
    s.col_pins = col_pins or {}
    return s


def _mixed_tries(units: list[tuple[int, int]], col_pins: dict[int, int]) -> list[
        tuple[list[tuple[int, int]], frozenset[int], dict[int, int]]]:
    """The runs cut into their amounts, each after the first going on from the one before in
    its column or a neighbouring one (``Search.mixed``): (units, those units, column pins), with
    the pins first when there are any; none when no run has several amounts."""
    cut = gapped_units(units)
    if cut is None:
        return []
    return [(cut[0], cut[1], pins) for pins in ([anchors.remap(col_pins, units), {}] if col_pins else [{}])]


def _column_pins(lines: list[Line], amounts: list[tuple[str, Line]], units: list[tuple[int, int]], tid: str,
                 printed: tuple[str, ...], names: dict[str, str], model: Callable[[str], str | None] | None = None,
                 pattern: re.Pattern[str] = _AMOUNT_RE) -> dict[int, int]:
    """Unit → the printed column its header names (``anchors``). ``printed``: the columns as
    printed; ``model``: a printed column's name in the model (its aliases name it too)."""
    to_model = model or (lambda c: c)
    aliases = column_choices(tid) if tid in TABLES else {}
    heads = anchors.header_names([(c, j) for j, c in enumerate(printed)] + [
        (alias, j) for alias, col in aliases.items() for j, c in enumerate(printed) if to_model(c) == col])
    return anchors.column_pins(lines, [amounts[f][1] for f, _ in units], heads, len(printed),
                               [*names.values(), *names], lambda ln: bool(_amount_at(_tokens([ln]), pattern)))


def _unit_tries(units: list[tuple[int, int]], col_pins: dict[int, int]) -> list[
        tuple[list[tuple[int, int]], frozenset[int], dict[int, int]]]:
    """The units the search tries, in turn: (units, the units that follow the one before in its
    column, column pins) — the runs whole, then cut (``gapped_units``); with the column anchors
    first, when there are any, then without (a pin no placement keeps is dropped)."""
    gapped = gapped_units(units)
    tries = []
    for pins in ([col_pins, {}] if col_pins else [{}]):
        tries.append((units, frozenset[int](), pins))
        if gapped:
            tries.append((gapped[0], gapped[1], anchors.remap(pins, units)))
    return tries


def _row_orders(texts: list[str], rows: list[tuple[str, str, int]]) -> list[list[str]]:
    """The rows with the 合计 row above the names or below them, the way its label is printed
    first (both are tried)."""
    label_at = [i for i, t in enumerate(texts) if t == "合计"]
    below = bool(label_at) and label_at[-1] > rows[-1][2]
    keys = [c for c, _, _ in rows]
    return [keys + ["合计"] if last else ["合计"] + keys for last in (below, not below)]


def _solve_fund(tid: str, lines: list[Line], rows: list[tuple[str, str, int]], form: tuple[str, ...], budget: int,
                bounds: dict[tuple[str, str], Bound] | None) -> tuple[list[Placed], Ranges | None] | None:
    """A table in the fund form (``funds``): placed by the form's identities, in the strongest
    order of the tool's any placement keeps; columns the model does not hold keep their form
    names."""
    toks, amounts, stream, units = _amounts(lines, funds.AMOUNT_RE)
    if not amounts:
        return None
    orders = _row_orders([t for t, _ in toks], rows)
    tries = [(keys, funds.checks(keys, form), flow) for flow in funds.ORDERS for keys in orders]
    named = _column_pins(lines, amounts, units, tid, form, {c: n for c, n, _ in rows},
                         partial(funds.model_column, tid), funds.AMOUNT_RE)
    for (unit_list, follow, col_pins), (keys, checks, flow) in product(_unit_tries(units, named), tries):
        placed = _placed(lambda b, k=keys, ch=checks, f=flow, u=unit_list, fo=follow, cp=col_pins: _following(  # type: ignore[misc]
                             funds.search(tid, k, form, ch, f, stream, u, b, bounds), fo, cp),
                         budget // len(tries), amounts,
                         lambda rc, k=keys: (k[rc[0]], funds.model_column(tid, form[rc[1]]) or form[rc[1]]))  # type: ignore[misc]
        if placed is not None:
            pinned = frozenset(col_pins.values())
            return _swap_doubts(tid, placed, keys, form, checks, bounds, pinned)
    return None


def _swap_doubts(tid: str, found: tuple[list[Placed], Ranges | None], keys: list[str], form: tuple[str, ...],
                 checks: list[Terms], bounds: dict[tuple[str, str], Bound] | None,
                 pinned: frozenset[int] = frozenset()) -> tuple[list[Placed], Ranges | None]:
    """A fund placement of figures printed column by column trusts the order of the columns
    to tell interchangeable columns apart (``funds.swapped_doubts``): the cells a swap
    of such columns would change, within the other tables' bounds, are uncertain (and the
    table's ranges unknown) — unless a run of one of the two is anchored by its printed header
    (``pinned``: those columns; ``anchors``), which the swap would move off it. Printed row by
    row, each row's figures come in column order."""
    placed = found[0]
    slot = {(k, funds.model_column(tid, c) or c): (r, j) for r, k in enumerate(keys) for j, c in enumerate(form)}
    rows = [slot[p.row, p.column][0] for p in placed]  # in print order
    if rows == sorted(rows):
        return found  # printed row by row: each row's figures in column order
    pairs = [(a, b) for a, b in funds.interchangeable(checks, len(form)) if a not in pinned and b not in pinned]
    doubts = funds.swapped_doubts([(slot[p.row, p.column], p.value.parsed.value) for p in placed],
                                  pairs, funds.bounds_at(tid, keys, form, bounds))
    if not doubts:
        return found
    for p in placed:
        p.uncertain = p.uncertain or slot[p.row, p.column] in doubts
    return placed, None


def _parents(keys: list[str]) -> list[int | None]:
    """Each row's parent (None for 合计)."""
    index = {k: j for j, k in enumerate(keys)}
    parents: list[int | None] = []
    for k in keys:
        if k == "合计":
            parents.append(None)
        elif len(k) == 3:
            parents.append(index["合计"])
        else:
            parents.append(index.get(k[:-2]))
    return parents


def _placed_orders(makes: Sequence[tuple[Callable[[int], Search], list[int]]], budget: int,
                   amounts: list[tuple[str, Line]], stream: list[Decimal],
                   key: Callable[[tuple[int, int]], tuple[str, str]]) -> tuple[list[Placed], Ranges | None] | None:
    """``_placed`` over several orders of the amounts (``make(budget)`` and the original index
    of each stream position): every placement any order admits counts; every value is
    uncertain unless each order's placements were all listed."""
    sols: list[dict[tuple[int, int], int]] = []
    complete, left = True, budget
    for make, back in makes:
        if left <= 0:
            complete = False
            break
        s = make(left)
        meter.run(s)
        left = s.budget
        complete = complete and s.complete
        sols.extend({rc: back[i] for rc, i in o.items()} for o in s.solutions)
        if sols and (not complete or all(any(_differs(o, rc, i, stream) for o in sols[1:])
                                         for rc, i in sols[0].items())):
            complete = False  # every value is uncertain already: the rest cannot tell more
            break
    if not sols:
        return None
    first = sols[0]
    unsure = {rc for rc, i in first.items() if not complete or any(
        _differs(o, rc, i, stream) for o in sols[1:])}
    placed = []
    for rc, i in sorted(first.items(), key=lambda x: x[1]):
        t, ln = amounts[i]
        row, col = key(rc)
        placed.append(Placed(row, col, Value(raw=t, parsed=amount(t), line=ln, column=col), rc in unsure))  # type: ignore[arg-type]
    ranges: Ranges | None = None
    if complete:
        cells = {rc for o in sols for rc in o} | set(first)
        ranges = {key(rc): (min(v := [stream[o[rc]] if rc in o else Decimal(0) for o in sols]), max(v)) for rc in cells}
    return placed, ranges


def _amounts(lines: list[Line], pattern: re.Pattern[str] = _AMOUNT_RE) -> tuple[
        list[tuple[str, Line]], list[tuple[str, Line]], list[Decimal], list[tuple[int, int]]]:
    """The tokens of a region, its amounts (tokens ``pattern`` matches), their values in print
    order, and the search's units."""
    toks = _tokens(lines)
    at = _amount_at(toks, pattern)
    amounts = [toks[i] for i in at]
    return toks, amounts, [amount(t).value for t, _ in amounts], _units(toks, at) if at else []  # type: ignore[union-attr]


def _amount_at(toks: list[tuple[str, Line]], pattern: re.Pattern[str] = _AMOUNT_RE) -> list[int]:
    """Indexes of the tokens that are amounts (tokens ``pattern`` matches)."""
    return [i for i, (t, _) in enumerate(toks) if pattern.match(t) and is_amount(t) and amount(t) is not None]


def _differs(o: dict[tuple[int, int], int], rc: tuple[int, int], i: int, stream: list[Decimal] | list[int]) -> bool:
    """Does placement ``o`` give cell ``rc`` another value than the figure ``i``? A blank is 0:
    a printed 0.00 that may stand in any of several empty columns leaves every cell's value as
    it is, so it makes no cell uncertain (blank, 0 and absent are one value, spec §3)."""
    j = o.get(rc)
    return (stream[j] if j is not None else 0) != stream[i]


def _placed(make: Callable[[int], Search], budget: int, amounts: list[tuple[str, Line]],
            key: Callable[[tuple[int, int]], tuple[str, str]]) -> tuple[list[Placed], Ranges | None] | None:
    """The first placement the search (``make(budget)``) finds, each value marked uncertain
    when another placement may change it (``_doubts``), and the cells' ranges (``Solved``), or
    None."""
    found = _doubts(make, budget)
    if found is None:
        return None
    s, unsure = found
    placed = []
    for rc, i in sorted(s.solutions[0].items(), key=lambda x: x[1]):
        t, ln = amounts[i]
        row, col = key(rc)
        v = Value(raw=t, parsed=amount(t), line=ln, column=col)  # type: ignore[arg-type]
        placed.append(Placed(row, col, v, rc in unsure))
    return placed, _ranges(s, key)


def _doubts(make: Callable[[int], Search], budget: int) -> tuple[Search, set[tuple[int, int]]] | None:
    """The search run (``make(budget)``) and the cells of its first placement in doubt, or None
    when it found none. A value is certain
    when no other placement puts another figure in its cell: the placements found tell the
    cells in doubt; when they were too many to list, a search for one that changes any other
    cell asks of them all (within what is left of ``budget``): the cells it changes are in
    doubt, and the rest are asked again, until none changes. Every value is uncertain when
    the budget ran out before the first question was settled. The searches share what leads
    nowhere (``Search._dead``: each state with the question it is dead for)."""
    s = make(budget)
    meter.run(s)
    if not s.solutions:
        return None
    first = s.solutions[0]
    stream = s.stream
    unsure = {rc for rc, i in first.items()
              if any(_differs(o, rc, i, stream) for o in s.solutions[1:])}
    left = min(s.budget, CERTAINTY_BUDGET)
    if s.exhausted:
        unsure = set(first)
    elif len(s.solutions) >= s.max_solutions:
        # all the cells in question at once, within half the budget left (cheap where few
        # placements agree on them all), then what that left open one cell at a time
        ask = {rc: i for rc, i in first.items() if rc not in unsure}
        share = left // 2
        while ask and share > 0:
            other = make(share)
            other.forbid, other.max_solutions = ask, 1
            other._dead = s._dead
            meter.run(other)
            left, share = left - (share - other.budget), other.budget
            if other.exhausted:
                break
            for o in other.solutions:  # the cells it changes
                unsure |= {x for x, j in first.items() if _differs(o, x, j, stream)}
            ask = {rc: i for rc, i in ask.items() if rc not in unsure} if other.solutions else {}
        for rc, i in ask.items():
            if rc in unsure:
                continue
            if left <= 0:
                unsure.add(rc)
                continue
            other = make(left)
            other.forbid, other.max_solutions = {rc: i}, 1
            other._dead = s._dead
            meter.run(other)
            left = other.budget
            if other.solutions or other.exhausted:
                unsure.add(rc)
            for o in other.solutions:
                unsure |= {x for x, j in first.items() if _differs(o, x, j, stream)}
    return s, unsure


def _ranges(s: Search, key: Callable[[tuple[int, int]], tuple[str, str]]) -> Ranges | None:
    """(least, most) of each grid cell over the placements ``s`` found, when they are all."""
    if not s.complete:
        return None
    out: Ranges = {}
    for rc in s.grid():
        vals = [s.stream[o[rc]] if rc in o else 0 for o in s.solutions]
        out[key(rc)] = (Decimal(min(vals)) / HALF_CENTS, Decimal(max(vals)) / HALF_CENTS)
    return out


def _solve_sided(tid: str, lines: list[Line], budget: int,
                 bounds: dict[tuple[str, str], Bound] | None) -> Solved | None:
    """T01/T04 (``sides``): the printed rows from the labels, the amounts by the identities."""
    toks, amounts, stream, units = _amounts(lines)
    g = sides.grid(tid, [t for t, _ in toks])
    if g is None or not amounts:
        return None
    for unit_list, follow, _ in _unit_tries(units, {}):  # (the two-sided tables take no column anchors yet)
        placed = _placed(lambda b, u=unit_list, fo=follow: _following(  # type: ignore[misc]
                             sides.search(tid, g, stream, b, u, bounds), fo),
                         min(budget, SIDED_BUDGET), amounts, lambda rc: sides.cell_key(g, rc))
        if placed is not None:
            return Solved(placed[0], g.names, placed[1])
    return None


UNCERTAIN_NOTE = "按列成块输出：该数值的位置另有一种同样满足勾稽关系的排法"


def place(t: Table, lines: list[Line], doc: Disclosure, cross: bool = False,
          rows_of: dict[int, str] | None = None, known: dict[tuple[str, str], Bound] | None = None) -> bool:
    """Put the solved cells of a column-block table into ``t`` (its cells and row names
    replaced, values in 万元 as repair leaves every other cell); False, leaving ``t`` alone,
    when no placement is confirmed. With ``cross``, the placements that also satisfy the
    cross-table identities with ``doc``'s tables read so far (False when they say nothing of it
    or leave none: a figure of this table or the other disagrees); ``known``: those bounds
    (``cross.cross_bounds``, in 万元) when the caller has them."""
    # imported here: these modules build on this one
    from juesuan.extract.blocks import economic, sangong
    from juesuan.extract.blocks.cells import printed_bounds, unit_scale

    if t.id in ("T06", "T09"):  # tables of other shapes
        return (economic if t.id == "T06" else sangong).place(t, lines, doc, cross, known)
    # the search works on the printed figures; other tables' cells are already in 万元
    scale = unit_scale(doc)
    if not cross:
        solved = solve(t.id, lines)
    else:
        bounds = printed_bounds(doc, t.id, known)
        solved = solve(t.id, lines, bounds=bounds, rows_of=rows_of) if bounds else None
    if solved is None:
        return False
    placed, names, ranges = solved
    cols = TABLES[t.id].columns
    t._ranges = None if ranges is None else {k: (lo / scale, hi / scale) for k, (lo, hi) in ranges.items()
                                             if k[1] in cols}
    # a form's columns the model does not hold (T08's 年初/收入/年末, ``funds``): read, not kept
    kept = [p for p in placed if p.column in cols]
    t._unmodelled = len(placed) - len(kept)
    t.cells = [Cell(table=t.id, row=p.row, column=p.column, value=p.value.parsed.value / scale, raw=p.value.raw,
                    page=p.value.line.page, line=p.value.line.no, label=names.get(p.row, p.row),
                    uncertain=p.uncertain, repair=UNCERTAIN_NOTE if p.uncertain else "")
               for p in kept]
    t.row_labels = ({"合计": "合计"} if any(p.row == "合计" for p in placed) else {}) | names
    return True


__all__ = ["Placed", "Ranges", "Solved", "TABLES_SOLVED", "UNCERTAIN_NOTE", "place", "rows_from_names", "solve"]
