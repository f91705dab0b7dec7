"""Fund tables printed one cell a line (``pdftotext`` without -layout): 公开07表 政府性基金预算财政拨款
收入支出决算表 in every form, and the tables printed in its shape — 公开08表 国有资本经营 as
Shanghai's 收入支出决算表, 公开05表 as Yunnan's — placed by the fund form's identities, or not at all.

The form (national and Shanghai alike): 年初结转和结余 | 本年收入 | 本年支出 (小计 or 合计, 基本支出,
项目支出) | 年末结转和结余, one row per 功能分类 code and a 合计 row (above the codes or below
them); a fund table titled …支出决算表 may print its 本年支出 columns only. The header says
which: the columns are the form's when it names 本年收入 or the carry-over columns, else the
three spending columns. The tool keeps each column's amounts in row order, and either bands
of rows (columns left to right in each) or — a sparse right-hand column's header block
emitted after the table's note — only that (``ORDERS``, tried in turn).

The rows come from the names (``rows.rows_from_names``), the amounts in the tool's order — row
by row where it printed every cell a block of its own, column by column where it printed runs —
and a bare ``0`` is a zero here (the Shanghai FY2025 form prints one; a code part never is a
lone 0). The placement is a ``linear.LinearSearch`` over the printed grid by the fund form's
identities — those of T07 in ``juesuan.relations`` (小计 = 基本 + 项目 and 年末 = 年初 + 收入 −
小计 in each row, parent = Σ children and 合计 = Σ 类 in each column) — whichever table prints
the form. A T08 or T05 whose code rows leave their carry-over blank while the 合计 row prints
it fails them and is not placed: their model has no 年初/收入/年末, and with those columns bound
by nothing, zeros in the spending columns would fit as well as the figures.

The cross-table identities come in as bounds (``cross.cross_bounds``: T04's 政府性基金 column
and its 年初/收入/年末 rows for T07, T04's 国有资本经营 column and T03 for T08, …). A cell no
other placement moves is certain; others are uncertain (``blocks._placed``). The amounts of
columns the model does not hold (T08's and T05's 年初/收入/年末) are read but not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from juesuan import lazy
from juesuan.extract.blocks.cross import Bound
from juesuan.extract.blocks.linear import LinearSearch, Slot, Terms, own_checks
from juesuan.extract.blocks.permuted import permuted_doubts
from juesuan.glossary import TABLES
from juesuan.relations import Check
from juesuan.textnorm import norm

FORM_TABLE = "T07"  # the table whose identities are the form's
FORM = TABLES[FORM_TABLE].columns  # 年初结转和结余, 本年收入, 小计, 基本支出, 项目支出, 年末结转和结余
SPENDING = FORM[2:5]  # 本年支出: 小计, 基本支出, 项目支出
# the tables this reader places: the fund tables always, T05 when printed in the form
FUND_TABLES = ("T07", "T08")
TABLES_FUND = ("T05", *FUND_TABLES)
# an amount of these tables: two decimals, a dash, or a bare 0 (the Shanghai FY2025 fund form)
AMOUNT_RE = lazy.pattern(r"^-?[\d,]*\d\.\d{2}$|^[-—–]$|^0$")
_CJK_RE = lazy.pattern(r"[\u4e00-\u9fff]")


# header words only the form prints (one is enough: the tool may emit a column's header block
# far from the others, after the table's note)
_FORM_WORDS = ("年初结转", "本年收入", "年末结转")


def form_columns(tid: str, texts: list[str]) -> tuple[str, ...] | None:
    """The printed columns, in the form's names (T07's), from the region's words (notes left
    out): the whole form when it names 本年收入 or the carry-over columns; a fund table's three
    spending columns otherwise; None for a T05 not in the form (``blocks.solve`` reads it)."""
    words = norm("".join(t for t in texts if _CJK_RE.search(t)))
    if any(w in words for w in _FORM_WORDS):
        return FORM
    return SPENDING if tid in FUND_TABLES else None


def model_column(tid: str, col: str) -> str | None:
    """The model's name of a form column in ``tid`` (T08's 小计 is its 合计), None when the
    model does not hold it."""
    if tid == FORM_TABLE:
        return col
    if col in SPENDING:
        return TABLES[tid].columns[SPENDING.index(col)]
    return None


def _printed(cols: tuple[str, ...]) -> Callable[[str, Check], bool]:
    """Keep the checks over the printed columns only (a column the form does not have is not
    a zero: its identities are not the form's)."""
    return lambda rel, chk: all(r[2] in cols for r in chk.refs)


def checks(keys: list[str], cols: tuple[str, ...]) -> list[Terms]:
    """The fund form's identities (T07's) over the printed rows and columns, whichever table
    prints the form."""
    at = {(k, c): (r, j) for r, k in enumerate(keys) for j, c in enumerate(cols)}
    return own_checks(FORM_TABLE, keys, lambda row, col: at.get((row, col)), _printed(cols))


def bounds_at(tid: str, keys: list[str], cols: tuple[str, ...],
              bounds: dict[tuple[str, str], Bound] | None) -> dict[Slot, Bound]:
    """The cross bounds on the model's cells, at their places in the grid."""
    where = {(k, model_column(tid, c)): (r, j) for r, k in enumerate(keys) for j, c in enumerate(cols)}
    return {where[rc]: b for rc, b in (bounds or {}).items() if rc in where}


def interchangeable(checks: list[Terms], ncols: int) -> list[tuple[int, int]]:
    """Pairs of printed columns the identities cannot tell apart: swapping them in every row
    maps the set of checks onto itself (年初结转和结余 and 本年收入 both add to 年末; 基本支出 and
    项目支出 both make up 小计). Only the order the tool printed them in says which is which."""
    def key(terms: Terms, a: int, b: int) -> frozenset[tuple[int, Slot]]:
        swap = {a: b, b: a}
        return frozenset((k, (r, swap.get(c, c))) for k, (r, c) in terms)

    same = {key(t, 0, 0) for t in checks}
    return [(a, b) for a in range(ncols) for b in range(a + 1, ncols)
            if {key(t, a, b) for t in checks} == same]


def swapped_doubts(placed: list[tuple[Slot, Decimal]], pairs: list[tuple[int, int]],
                   bounds: dict[Slot, Bound]) -> set[Slot]:
    """The cells (of ``placed``: slot and printed value) another placement could hold other
    figures in, by swapping a pair of ``interchangeable`` columns in every row, when that keeps
    the other tables' bounds: a placement from column runs trusts the order pdftotext emitted
    the runs in, and it emits a column's run before the one on its left when their text blocks
    sit so (the writer's rows set solid, 公开07表 in 元: 本年收入's run before 年初's)."""
    value = dict(placed)
    # a swap is the permutation of two columns (``permuted``: the same question of any number)
    return set().union(*(permuted_doubts(value, [a, b], bounds) for a, b in pairs))


# The order the tool keeps, strongest first: bands of rows, the columns left to right in each
# (one group), or only each column top to bottom (a group each: the tool may emit a column's
# block after the rest of the table — a sparse right-hand column's header and 合计 figure after
# the note)
ORDERS = ("bands", "columns")


def search(tid: str, keys: list[str], cols: tuple[str, ...], checks: list[Terms], order: str, stream: list[Decimal],
           units: list[tuple[int, int]], budget: int, bounds: dict[tuple[str, str], Bound] | None) -> LinearSearch:
    slots = {(r, j) for r in range(len(keys)) for j in range(len(cols))}
    groups = [0] * len(cols) if order == "bands" else list(range(len(cols)))
    return LinearSearch(len(keys), len(cols), slots, checks, stream, units, budget, bounds_at(tid, keys, cols, bounds),
                        groups)


__all__ = ["AMOUNT_RE", "FORM", "ORDERS", "TABLES_FUND", "bounds_at", "checks", "form_columns", "interchangeable",
           "model_column", "search", "swapped_doubts"]
