"""The two-sided summary tables (T01 收入支出决算总表, T04 财政拨款收入支出决算总表) printed
column by column, one cell a line: their printed rows, and the placement of their amounts by
the tables' identities (``linear.LinearSearch``).

What the text gives: each side's labels in print order (a long one wrapped over lines), the
amounts in the tool's order. What the form fixes: a printed row holds an income item beside an
expenditure item; the items and the 类 start on the first row, 本年收入合计 stands beside
本年支出合计, the rows after them pair off in order, and the two 总计 end the table on one row
(national and Shanghai forms alike); or the form prints the 收入 side, then the 支出 side
below it (every income label before every expenditure label). The identities are those of
``juesuan.relations`` for the table (A-T01-*, A-T04-*), expanded for the rows printed; the
cross-table ones come in as bounds (``cross.cross_bounds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan import lazy
from juesuan.extract.blocks.linear import LinearSearch, Slot, Terms, own_checks
from juesuan.extract.grid import strip_enum
from juesuan.extract.summary import side_choices
from juesuan.glossary import (
    FUNDS,
    T01_EXPENDITURE_TOTAL_ROWS,
    T01_INCOME_ROWS,
    T04_EXPENDITURE_COLUMNS,
    T04_INCOME_ROWS,
)
from juesuan.textnorm import norm

TABLES_SIDED = ("T01", "T04")
_CJK_RE = lazy.pattern(r"[\u4e00-\u9fff]")
_MAX_WRAP = 3  # a label broken over at most this many lines

# each side's rows in the form's order (a printed table shows them in this order, some left out)
_INCOME_ORDER = {"T01": T01_INCOME_ROWS, "T04": T04_INCOME_ROWS}
_EXP_TAIL = {"T01": T01_EXPENDITURE_TOTAL_ROWS, "T04": ("本年支出合计", "年末财政拨款结转和结余", "支出总计")}
_INCOME_TOTAL, _EXP_TOTAL = "本年收入合计", "本年支出合计"
_OPENING = "年初财政拨款结转和结余"  # T04: the fund rows after it are its parts


@dataclass
class Grid:
    """``rows[i]``: (income key, expenditure key) of printed row i (None: that side blank);
    ``columns``: the amount columns, income first — (is income, column name)."""

    rows: list[tuple[str | None, str | None]]
    columns: list[tuple[bool, str]]
    names: dict[str, str]  # row key → its printed label

    def slot(self, row: str, column: str) -> Slot | None:
        for r, (inc, exp) in enumerate(self.rows):
            for c, (income, name) in enumerate(self.columns):
                if name == column and row == (inc if income else exp):
                    return r, c
        return None

    def slots(self) -> set[Slot]:
        return {(r, c) for r, pair in enumerate(self.rows) for c, (income, _) in enumerate(self.columns)
                if pair[0 if income else 1] is not None}


_ENUM_RE = lazy.pattern(r"^([一二三四五六七八九十]{1,3})、")
_DIGITS = "一二三四五六七八九"


def _enum(printed: str) -> int | None:
    """The item number a label is printed with ('二十三、其他支出' → 23), or None."""
    m = _ENUM_RE.match(printed)
    if m is None:
        return None
    t = m.group(1)
    if "十" not in t:
        return _DIGITS.index(t) + 1 if len(t) == 1 else None
    tens, _, ones = t.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_DIGITS.index(ones) + 1 if ones else 0)


@dataclass
class _Label:
    income: bool
    key: str
    name: str  # the label as printed, numbering dropped
    at: int  # token index
    number: int | None  # its printed item number


def _labels(tid: str, texts: list[str]) -> list[_Label] | None:
    """Each side's labels in the form's order (the text tool may print a block of rows out of
    order: the 类 go by their printed numbers, the other rows by the form), or None when a row
    is printed twice or a totals row is missing."""
    inc_choices, exp_choices = side_choices(tid)
    out: list[_Label] = []
    seen: set[str] = set()
    i = 0
    while i < len(texts):
        found = None
        for k in range(1, _MAX_WRAP + 1):
            piece = texts[i:i + k]
            if len(piece) < k or not all(_CJK_RE.search(p) for p in piece):
                break
            s = strip_enum("".join(piece))
            if s in inc_choices or s in exp_choices:
                found = (s, k, norm("".join(piece)))
                break
        if found is None:
            i += 1
            continue
        s, k, printed = found
        at, i = i, i + k
        if s == "总计":  # the first is the income side's (left, or above)
            income, key = "收入总计" not in seen, "收入总计" if "收入总计" not in seen else "支出总计"
        elif s in inc_choices:
            income, key = True, inc_choices[s]
            if tid == "T04" and key in FUNDS:
                if _OPENING in seen and "年初" + key not in seen:
                    key = "年初" + key  # the parts of 年初财政拨款结转和结余
                elif printed == s and (key in seen or "年初" + key in seen):
                    # a fund column's header cell (一般公共预算 / 财政拨款), not a row: printed
                    # before the rows, or after them with its column's amounts (each column
                    # a block of its own, its header on top)
                    continue
        else:
            income, key = False, exp_choices[s]
        if key in seen:
            return None
        seen.add(key)
        out.append(_Label(income, key, s, at, _enum(printed)))
    if not {_INCOME_TOTAL, _EXP_TOTAL, "收入总计", "支出总计"} <= seen:
        return None
    order, tail = _INCOME_ORDER[tid], _EXP_TAIL[tid]
    classes = [x for x in out if not x.income and x.key.isdigit()]
    numbers = [x.number for x in classes]
    if None not in numbers and len(set(numbers)) == len(numbers):
        classes.sort(key=lambda x: x.number or 0)
    inc = sorted((x for x in out if x.income), key=lambda x: order.index(x.key))
    rest = sorted((x for x in out if not x.income and not x.key.isdigit()), key=lambda x: tail.index(x.key))
    return inc + classes + rest


def grid(tid: str, texts: list[str]) -> Grid | None:
    """The printed rows of T01/T04 from its cell-per-line text, or None."""
    labels = _labels(tid, texts)
    if not labels:
        return None
    inc = [x.key for x in labels if x.income]
    exp = [x.key for x in labels if not x.income]
    rows: list[tuple[str | None, str | None]]
    if max(x.at for x in labels if x.income) < min(x.at for x in labels if not x.income):
        rows = [(k, None) for k in inc] + [(None, k) for k in exp]  # 收入 then 支出, one below the other
    else:
        items, itail = inc[:inc.index(_INCOME_TOTAL)], inc[inc.index(_INCOME_TOTAL):-1]
        classes, etail = exp[:exp.index(_EXP_TOTAL)], exp[exp.index(_EXP_TOTAL):-1]
        top, bottom = max(len(items), len(classes)), max(len(itail), len(etail))
        pad = lambda xs, n: list(xs) + [None] * (n - len(xs))  # noqa: E731
        rows = list(zip(pad(items, top) + pad(itail, bottom) + ["收入总计"],
                        pad(classes, top) + pad(etail, bottom) + ["支出总计"], strict=True))
    exp_cols = ["金额"] if tid == "T01" else list(T04_EXPENDITURE_COLUMNS)
    columns = [(True, "金额")] + [(False, c) for c in exp_cols]
    return Grid(rows, columns, {x.key: x.name for x in labels})


def checks(tid: str, g: Grid) -> list[Terms]:
    """The table's own identities (``juesuan.relations``) over the grid's cells; a cell the
    table does not print counts as zero."""
    return own_checks(tid, [k for pair in g.rows for k in pair if k is not None], g.slot)


def search(tid: str, g: Grid, stream: list[Decimal], budget: int, units: list[tuple[int, int]],
           bounds: dict[tuple[str, str], tuple[Decimal | None, Decimal | None]] | None = None) -> LinearSearch:
    """The search for ``tid``'s amounts over the grid ``g`` (not run yet)."""
    at: dict[Slot, tuple[Decimal | None, Decimal | None]] = {}
    for (row, col), b in (bounds or {}).items():
        rc = g.slot(row, col)
        if rc is not None:
            at[rc] = b
    # each side's amounts are a flow of their own: pdftotext may print the income column's
    # first figure after the expenditure columns' rows far below it
    groups = [0 if income else 1 for income, _ in g.columns]
    return LinearSearch(len(g.rows), len(g.columns), g.slots(), checks(tid, g), stream, units, budget, at, groups)


def cell_key(g: Grid, rc: Slot) -> tuple[str, str]:
    """(row key, column) of a grid cell."""
    income, col = g.columns[rc[1]]
    key = g.rows[rc[0]][0 if income else 1]
    assert key is not None
    return key, col


__all__ = ["Grid", "TABLES_SIDED", "cell_key", "checks", "grid", "search"]
