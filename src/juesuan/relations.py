"""The accounting relations of a final-accounts disclosure, once (spec §5, docs/spec.md §5).

Every relation between printed figures — row sums, the classification hierarchy, the
two-sided totals of T01/T04, fund balances, equalities and bounds between tables — is one
:class:`Relation` in :data:`RELATIONS`, keyed by the id of the rule that checks it. A relation
says whether it is an equality (``=``) or a bound (``<=`` / ``>=``), which tables it reads,
and how it expands into concrete :class:`Check` s (``Σ lhs op Σ rhs`` over cell keys) for the
rows a document prints.

Who uses it:

- the rules (``juesuan.rules.identities``): one rule per relation, families A, H and X;
- repair (``juesuan.repair.identities``): the checks a relation marks as ``evidence`` that are
  plain sums (``total = Σ parts``), to repair one damaged cell;
- the writer's validation (``juesuan.render.validate``) runs those rules before rendering;
- extraction (``juesuan.extract.document``) places the columns of flat tables with
  :func:`implied` — the value another table's cells give a cell: X-T01-T02-income (which of
  T02's columns its 合计 row prints), X-T05-T06-basic (T05 合计 基本支出), X-T05-T03-bound and
  X-T08-T03-bound (T03's 基本/项目 columns) — and with :data:`FUND_TABLES` (T04's fund columns).

So "where is the rule that T05 基本支出 equals T06's totals, and who uses it?" is answered
here: the entry ``X-T05-T06-basic`` below, used by its rule, by repair (evidence), by the
writer's validation and by extraction (the T05 hint). The list above is everyone.

This module sits below the model: it knows the canonical labels (``juesuan.glossary``) and
reads rows through the small :class:`Rows` protocol, which the rule context and any
``Disclosure`` (via :class:`DisclosureRows`) provide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple, Protocol

from juesuan.glossary import (
    FUNCTIONAL_TABLES,
    FUND_INCOME_T01,
    FUNDS,
    PERSONNEL_CLASSES,
    T01_INCOME_ITEMS,
    T04_EXPENDITURE_COLUMNS,
    T06_TOTALS,
    TABLES,
)

Ref = tuple[str, str, str]  # (table, row, column)
Term = tuple[int, Ref]  # (sign, cell)
Op = Literal["=", "<=", ">="]


class Rows(Protocol):
    """What expanding a relation needs to know about a document: which rows each table
    prints, and whether a cell is printed."""

    def rows(self, tid: str) -> list[str]: ...

    def code_rows(self, tid: str, length: int | None = None) -> list[str]: ...

    def cell(self, tid: str, row: str, column: str) -> Any: ...


class DisclosureRows:
    """:class:`Rows` over a ``Disclosure`` (anything with ``tables[tid].rows()`` / ``.get()``).
    ``printed``: cells known to be printed though their value could not be read (repair asks
    which relations they take part in before it knows their value). A view of the rows as
    they are when it is made: expanding every relation asks for the same rows hundreds of
    times, so they are listed once (make a new view after adding rows)."""

    def __init__(self, doc: Any, printed: Iterable[Ref] = ()) -> None:
        self.doc = doc
        self.printed = set(printed)
        self._rows: dict[tuple[str, int | None, bool], list[str]] = {}

    def rows(self, tid: str) -> list[str]:
        key = (tid, None, False)
        if key not in self._rows:
            t = self.doc.tables.get(tid)
            self._rows[key] = [] if t is None else t.rows()
        return list(self._rows[key])

    def code_rows(self, tid: str, length: int | None = None) -> list[str]:
        key = (tid, length, True)
        if key not in self._rows:
            self._rows[key] = [r for r in self.rows(tid) if r.isdigit() and (length is None or len(r) == length)]
        return list(self._rows[key])

    def cell(self, tid: str, row: str, column: str) -> Any:
        t = self.doc.tables.get(tid)
        c = None if t is None else t.get(row, column)
        return c if c is not None or (tid, row, column) not in self.printed else _PRINTED


_PRINTED = object()  # a printed cell whose value is unknown


class Check(NamedTuple):
    """One concrete relation: ``Σ lhs op Σ rhs`` with absent cells counting as zero. Not
    checked when no cell is printed, or when a cell in ``require`` is absent. (A named tuple,
    not a frozen dataclass: a document expands to hundreds of checks each time it is read, and
    a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``.)"""

    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    op: Op = "="
    require: tuple[Ref, ...] = ()

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(r for _, r in self.lhs + self.rhs)

    def sum_form(self) -> tuple[Ref, tuple[Ref, ...]] | None:
        """``(total, parts)`` when this is ``one cell = Σ cells`` (either side the single cell)
        with every sign +1, else None."""
        # (asked of every check of every relation when repair lists its identities: one pass
        # over the terms, no joined tuple or generator)
        one, many = (self.lhs, self.rhs) if len(self.lhs) == 1 else (self.rhs, self.lhs)
        if len(one) != 1 or not many or one[0][0] != 1:
            return None
        parts = tuple([r for s, r in many if s == 1])
        return (one[0][1], parts) if len(parts) == len(many) else None


Expand = Callable[[Rows], Iterable[Check]]
Evidence = Callable[[Check], bool]


def _never(c: Check) -> bool:
    return False


@dataclass(frozen=True)
class Relation:
    """One relation of spec §5. ``id`` is the id of the rule that checks it (its family letter
    first); ``op`` says equality or bound; ``tables`` the tables it reads (``joint`` when one
    check spans them all, i.e. cross-table); ``doc`` is the Chinese explanation. ``evidence`` says which of its checks repair
    may lean on when it reasons about one damaged cell (``juesuan.repair.identities``): by
    default every check of an equality; a narrower choice is explained where it is made."""

    id: str
    name: str
    op: Op
    tables: tuple[str, ...]
    expand: Expand
    doc: str
    severity: Literal["error", "warning"] = "error"
    evidence: Evidence | None = None

    def evidence_checks(self, checks: Iterable[Check]) -> Iterable[Check]:
        """Those of ``checks`` repair may lean on: ``evidence``'s choice, or every check of an
        equality. (One decision for a relation without an ``evidence`` of its own, not one a
        check: repair lists them from every check of every relation.)"""
        if self.evidence is not None:
            return filter(self.evidence, checks)
        return checks if self.op == "=" else ()

    @property
    def kind(self) -> Literal["equality", "bound"]:
        return "equality" if self.op == "=" else "bound"

    @property
    def joint(self) -> bool:
        return self.id.startswith("X-")


def P(*refs: Ref) -> tuple[Term, ...]:
    """Terms with sign +1."""
    return tuple([(1, r) for r in refs])


def eq(lhs: Sequence[Ref], rhs: Sequence[Ref], op: Op = "=", require: Sequence[Ref] = ()) -> Check:
    # (most checks of a document are made here, hundreds each time it is read: each side's
    # terms are P's, built in place — two calls of P with their arguments packed cost as much
    # again as the terms)
    return Check(tuple([(1, r) for r in lhs]), tuple([(1, r) for r in rhs]), op, tuple(require))


# ------------------------------------------------------------------------ row helpers


def class_children(rows: Iterable[str]) -> dict[str, list[str]]:
    """The direct children of each parent among a functional table's code rows, in the rows'
    order: 款 rows under a 类 (or, when the table prints no 款 for it, its 项 rows), 项 rows
    under a 款. (One pass over the rows for all parents: each 类 and 款 of a table asks, and
    a scan of every row for each was most of expanding the hierarchy.)"""
    kuan: dict[str, list[str]] = {}
    xiang: dict[str, list[str]] = {}
    xiang_of_class: dict[str, list[str]] = {}
    for r in rows:
        if len(r) == 5:
            kuan.setdefault(r[:3], []).append(r)
        elif len(r) == 7:
            xiang.setdefault(r[:5], []).append(r)
            xiang_of_class.setdefault(r[:3], []).append(r)
    for cls, items in xiang_of_class.items():
        kuan.setdefault(cls, items)  # a 类 printed without 款: its 项
    kuan.update(xiang)  # (类 keys have three digits, 款 keys five: none is replaced)
    return kuan


def union_codes(v: Rows, a: str, b: str, length: int) -> list[str]:
    seen: dict[str, None] = {}
    for t in (a, b):
        for r in v.code_rows(t, length):
            seen.setdefault(r, None)
    return list(seen)


def t06_classes(v: Rows) -> list[str]:
    out: dict[str, None] = {}
    for r in v.code_rows("T06"):
        out.setdefault(r[:3], None)
    return list(out)


def t06_class_refs(v: Rows, classes: Iterable[str]) -> list[Ref]:
    """Cells for the given T06 classes: the class row when printed, else its 款 rows."""
    rows = v.code_rows("T06")
    out: list[Ref] = []
    for cls in classes:
        if cls in rows:
            out.append(("T06", cls, "决算数"))
        else:
            out.extend(("T06", r, "决算数") for r in rows if len(r) == 5 and r.startswith(cls))
    return out


def t01(row: str) -> Ref:
    return ("T01", row, "金额")


def t04(row: str, col: str = "金额") -> Ref:
    return ("T04", row, col)


# ------------------------------------------------------------------------ A: within a table


def _row_sums(tid: str, total: str, parts: Sequence[str], negative: Sequence[str] = ()) -> Expand:
    def expand(v: Rows) -> Iterator[Check]:
        for row in v.rows(tid):
            rhs = tuple([(1, (tid, row, c)) for c in parts])  # (P's terms, built in place: see eq)
            if negative:
                rhs += tuple([(-1, (tid, row, c)) for c in negative])
            yield Check(P((tid, row, total)), rhs)

    return expand


def _t01_classes(v: Rows) -> Iterator[Check]:
    classes = v.code_rows("T01", 3)
    if classes:
        yield eq([t01("本年支出合计")], [t01(c) for c in classes])


def _t09(parts_of: Mapping[str, Sequence[str]]) -> Expand:
    def expand(v: Rows) -> Iterator[Check]:
        for row in ("预算数", "决算数"):
            for total, parts in parts_of.items():
                yield eq([("T09", row, total)], [("T09", row, p) for p in parts])

    return expand


def _t04_rows(v: Rows) -> Iterator[Check]:
    for row in v.rows("T04"):
        if row.isdigit() or row in ("本年支出合计", "年末财政拨款结转和结余", "支出总计"):
            yield eq([t04(row, "合计")], [t04(row, f) for f in FUNDS])


def _t04_classes(v: Rows) -> Iterator[Check]:
    classes = v.code_rows("T04", 3)
    if classes:
        for col in T04_EXPENDITURE_COLUMNS:
            yield eq([t04("本年支出合计", col)], [t04(c, col) for c in classes])


def _fixed(*checks: Check) -> Expand:
    return lambda v: checks


# ------------------------------------------------------------------------ H: hierarchy


def _levels(parent_len: int) -> Expand:
    def expand(v: Rows) -> Iterator[Check]:
        for tid in FUNCTIONAL_TABLES:
            parents = v.code_rows(tid, parent_len)
            children = class_children(v.code_rows(tid)) if parents else {}
            for parent in parents:
                kids = children.get(parent)
                if kids:
                    for col in TABLES[tid].columns:
                        yield eq([(tid, parent, col)], [(tid, k, col) for k in kids])

    return expand


def _totals(v: Rows) -> Iterator[Check]:
    for tid in FUNCTIONAL_TABLES:
        classes = v.code_rows(tid, 3)
        if classes:
            for col in TABLES[tid].columns:
                yield eq([(tid, "合计", col)], [(tid, c, col) for c in classes])


def _t06_classes(v: Rows) -> Iterator[Check]:
    rows = v.code_rows("T06")
    for cls in v.code_rows("T06", 3):
        kids = [r for r in rows if len(r) == 5 and r.startswith(cls)]
        if kids:
            yield eq([("T06", cls, "决算数")], [("T06", k, "决算数") for k in kids])


def _t06_total(total: str, personnel: bool) -> Expand:
    def expand(v: Rows) -> Iterator[Check]:
        ref = ("T06", total, "决算数")
        classes = PERSONNEL_CLASSES if personnel else [c for c in t06_classes(v) if c not in PERSONNEL_CLASSES]
        yield eq([ref], t06_class_refs(v, classes), require=[ref])

    return expand


# ------------------------------------------------------------------------ X: between tables


def _t01_t02(v: Rows) -> Iterator[Check]:
    yield eq([t01(r) for r in FUND_INCOME_T01.values()], [("T02", "合计", "财政拨款收入")])
    for item in T01_INCOME_ITEMS[3:]:
        yield eq([t01(item)], [("T02", "合计", item)])
    yield eq([t01("本年收入合计")], [("T02", "合计", "本年收入合计")])


def _t01_t03_class(v: Rows) -> Iterator[Check]:
    for code in union_codes(v, "T01", "T03", 3):
        yield eq([t01(code)], [("T03", code, "本年支出合计")])


def _t04_t01_bound(v: Rows) -> Iterator[Check]:
    for code in union_codes(v, "T01", "T04", 3):
        yield eq([t04(code, "合计")], [t01(code)], "<=")
    yield eq([t04("本年支出合计", "合计")], [t01("本年支出合计")], "<=")
    yield eq([t04("年初财政拨款结转和结余")], [t01("年初结转和结余")], "<=")


# Each fund's own table and the column that equals T04's column for the fund.
FUND_TABLES: dict[str, tuple[str, str]] = {FUNDS[0]: ("T05", "小计"), FUNDS[1]: ("T07", "小计"), FUNDS[2]: ("T08", "合计")}


def _fund_column(fund: str) -> Expand:
    """T04's column of one fund equals the fund's own table, per class and in total."""
    tid, col = FUND_TABLES[fund]

    def expand(v: Rows) -> Iterator[Check]:
        for code in union_codes(v, "T04", tid, 3):
            yield eq([t04(code, fund)], [(tid, code, col)])
        yield eq([t04("本年支出合计", fund)], [(tid, "合计", col)])
        if tid == "T07":
            yield eq([t04(fund)], [("T07", "合计", "本年收入")])
            yield eq([t04("年初" + fund)], [("T07", "合计", "年初结转和结余")])
            yield eq([t04("年末财政拨款结转和结余", fund)], [("T07", "合计", "年末结转和结余")])

    return expand


def _t05_t06(v: Rows) -> Iterator[Check]:
    totals = [("T06", t, "决算数") for t in T06_TOTALS]
    if all(v.cell(*r) is not None for r in totals):
        rhs = totals
    else:
        classes = t06_classes(v)
        order = [c for c in PERSONNEL_CLASSES if c in classes] + [c for c in classes if c not in PERSONNEL_CLASSES]
        rhs = t06_class_refs(v, order)
    yield eq([("T05", "合计", "基本支出")], rhs)


def _part_of_t03(tid: str, columns: Sequence[tuple[str, str]]) -> Expand:
    """A fund's spending table is part of all spending (T03): per code and in total, each of
    its columns ≤ T03's corresponding column."""

    def expand(v: Rows) -> Iterator[Check]:
        for row in ["合计"] + v.code_rows(tid):
            for mine, t03 in columns:
                if v.cell(tid, row, mine) is not None:
                    yield eq([(tid, row, mine)], [("T03", row, t03)], "<=")

    return expand


# T09 items and the T06 economic codes they can never be below.
T09_T06_FLOORS = (("公务接待费", "30217"), ("公务用车运行维护费", "30231"), ("因公出国（境）费", "30212"),
                  ("公务用车购置费", "31013"))


def _t09_t06(v: Rows) -> Iterator[Check]:
    for col, code in T09_T06_FLOORS:
        if v.cell("T06", code, "决算数") is not None:
            yield eq([("T09", "决算数", col)], [("T06", code, "决算数")], ">=")


# ------------------------------------------------------------------------ repair evidence
# Which checks repair leans on (Relation.evidence): every equality, except the two below whose
# checks add confirmations to repairs already settled on the seeds (A-T04-expenditure-grand,
# A-T04-fund-balance: the record of the evidence would change, not a value); of the bounds,
# only T05 ≤ T03 (it usually holds with equality).


def _t05_t03_subtotal(c: Check) -> bool:
    """The bound usually holds with equality: most 款/项 are funded wholly from the general
    budget, so T05 小计 agreeing with T03 本年支出合计 is evidence (disagreement proves
    nothing). 类 rows are checked against T04 instead (X-T04-T05)."""
    row = c.lhs[0][1][1]
    return c.lhs[0][1][2] == "小计" and row.isdigit() and len(row) != 3


# ------------------------------------------------------------------------ the table

_T02, _T03 = TABLES["T02"].columns, TABLES["T03"].columns
_SUB = ("基本支出", "项目支出")
_SUB_PAIRS = tuple((c, c) for c in _SUB)

RELATIONS: tuple[Relation, ...] = (
    # A — T01
    Relation("A-T01-income-total", "T01 本年收入合计", "=", ("T01",),
             _fixed(eq([t01("本年收入合计")], [t01(r) for r in T01_INCOME_ITEMS])),
             "收入支出决算总表：本年收入合计 = 各项收入之和（一般公共预算、政府性基金、国有资本经营财政拨款"
             "收入，上级补助、事业、经营、附属单位上缴、其他收入）。"),
    Relation("A-T01-income-grand", "T01 收入总计", "=", ("T01",),
             _fixed(eq([t01("收入总计")], [t01("本年收入合计"), t01("使用非财政拨款结余"), t01("年初结转和结余")])),
             "收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。"),
    Relation("A-T01-expenditure-classes", "T01 本年支出合计 = Σ类", "=", ("T01",), _t01_classes,
             "收入支出决算总表：本年支出合计 = 各功能分类类级支出之和。"),
    Relation("A-T01-expenditure-grand", "T01 支出总计", "=", ("T01",),
             _fixed(eq([t01("支出总计")], [t01("本年支出合计"), t01("结余分配"), t01("年末结转和结余")])),
             "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余。"),
    Relation("A-T01-balance", "T01 收支平衡", "=", ("T01",), _fixed(eq([t01("收入总计")], [t01("支出总计")])),
             "收入支出决算总表：收入总计 = 支出总计。"),
    # A — row identities
    Relation("A-T02-row", "T02 行合计", "=", ("T02",), _row_sums("T02", _T02[0], _T02[1:]),
             "收入决算表每行：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入。"),
    Relation("A-T03-row", "T03 行合计", "=", ("T03",), _row_sums("T03", _T03[0], _T03[1:]),
             "支出决算表每行：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出。"),
    Relation("A-T05-row", "T05 行小计", "=", ("T05",), _row_sums("T05", "小计", _SUB),
             "一般公共预算财政拨款支出决算表每行：小计 = 基本支出 + 项目支出。"),
    Relation("A-T08-row", "T08 行合计", "=", ("T08",), _row_sums("T08", "合计", _SUB),
             "国有资本经营预算财政拨款支出决算表每行：合计 = 基本支出 + 项目支出。"),
    Relation("A-T07-row-spending", "T07 本年支出小计", "=", ("T07",), _row_sums("T07", "小计", _SUB),
             "政府性基金预算财政拨款收入支出决算表每行：本年支出 小计 = 基本支出 + 项目支出。"),
    Relation("A-T07-row-balance", "T07 年末 = 年初 + 收入 − 支出", "=", ("T07",),
             _row_sums("T07", "年末结转和结余", ("年初结转和结余", "本年收入"), ("小计",)),
             "政府性基金预算财政拨款收入支出决算表每行：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计。"),
    # A — T09
    Relation("A-T09-total", "T09 合计", "=", ("T09",),
             _t09({"合计": ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")}),
             "“三公”经费支出决算表（预算数、决算数各一行）：合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费。"),
    Relation("A-T09-vehicle", "T09 公务用车", "=", ("T09",),
             _t09({"公务用车购置及运行费": ("公务用车购置费", "公务用车运行维护费")}),
             "“三公”经费支出决算表：公务用车购置及运行费 = 公务用车购置费 + 公务用车运行维护费。"),
    # A — T04
    Relation("A-T04-income-total", "T04 本年收入合计", "=", ("T04",),
             _fixed(eq([t04("本年收入合计")], [t04(f) for f in FUNDS])),
             "财政拨款收入支出决算总表：本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款收入。"),
    Relation("A-T04-opening", "T04 年初结转和结余", "=", ("T04",),
             _fixed(eq([t04("年初财政拨款结转和结余")], [t04("年初" + f) for f in FUNDS])),
             "财政拨款收入支出决算总表：年初财政拨款结转和结余 = 其中一般公共预算 + 政府性基金预算 + 国有资本经营预算三项。"),
    Relation("A-T04-income-grand", "T04 收入总计", "=", ("T04",),
             _fixed(eq([t04("收入总计")], [t04("本年收入合计"), t04("年初财政拨款结转和结余")])),
             "财政拨款收入支出决算总表：收入总计 = 本年收入合计 + 年初财政拨款结转和结余。"),
    Relation("A-T04-row", "T04 支出行合计", "=", ("T04",), _t04_rows,
             "财政拨款收入支出决算总表支出方每行：合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + "
             "国有资本经营预算财政拨款。"),
    Relation("A-T04-expenditure-classes", "T04 本年支出合计 = Σ类", "=", ("T04",), _t04_classes,
             "财政拨款收入支出决算总表：本年支出合计 = 各类支出之和（合计及各资金列）。"),
    Relation("A-T04-expenditure-grand", "T04 支出总计", "=", ("T04",),
             lambda v: [eq([t04("支出总计", c)], [t04("本年支出合计", c), t04("年末财政拨款结转和结余", c)])
                        for c in T04_EXPENDITURE_COLUMNS],
             "财政拨款收入支出决算总表：支出总计 = 本年支出合计 + 年末财政拨款结转和结余（每列）。", evidence=_never),
    Relation("A-T04-balance", "T04 收支平衡", "=", ("T04",), _fixed(eq([t04("收入总计")], [t04("支出总计", "合计")])),
             "财政拨款收入支出决算总表：收入总计 = 支出总计（合计列）。"),
    Relation("A-T04-fund-balance", "T04 分资金平衡", "=", ("T04",),
             lambda v: [eq([t04(f), t04("年初" + f)], [t04("支出总计", f)]) for f in FUNDS],
             "财政拨款收入支出决算总表按资金分别平衡：某类财政拨款本年收入 + 年初结转和结余 = 该列支出总计"
             "（本年支出 + 年末结转和结余）。", evidence=_never),
    # H
    Relation("H-class-sum", "类 = Σ款", "=", FUNCTIONAL_TABLES, _levels(3),
             "功能分类表（T02/T03/T05/T07/T08）中每个类 = 其下各款之和（每列；未印款级时为各项之和）。"),
    Relation("H-kuan-sum", "款 = Σ项", "=", FUNCTIONAL_TABLES, _levels(5),
             "功能分类表中每个款 = 其下各项之和（每列）。"),
    Relation("H-total-sum", "合计 = Σ类", "=", FUNCTIONAL_TABLES, _totals,
             "功能分类表中 合计 = 各类之和（每列）。"),
    Relation("H-T06-class-sum", "T06 类 = Σ款", "=", ("T06",), _t06_classes,
             "一般公共预算财政拨款基本支出决算表：每个经济分类类 = 其下各款之和。"),
    Relation("H-T06-personnel", "T06 人员经费合计", "=", ("T06",), _t06_total("人员经费合计", True),
             "基本支出决算表：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助（未印类级时用其各款）。"
             "表中未印 人员经费合计 时不检查。"),
    Relation("H-T06-public", "T06 公用经费合计", "=", ("T06",), _t06_total("公用经费合计", False),
             "基本支出决算表：公用经费合计 = 301、303 以外各类（302 商品和服务支出、310 资本性支出等）之和。"
             "表中未印 公用经费合计 时不检查。"),
    # X
    Relation("X-T01-T02-income", "T01 收入 = T02 合计", "=", ("T01", "T02"), _t01_t02,
             "收入支出决算总表各项收入 = 收入决算表 合计 行对应列：三项财政拨款收入之和 = 财政拨款收入；上级补助、"
             "事业、经营、附属单位上缴、其他收入逐项相等；本年收入合计相等。"),
    Relation("X-T01-T03-total", "T01 本年支出合计 = T03 合计", "=", ("T01", "T03"),
             _fixed(eq([t01("本年支出合计")], [("T03", "合计", "本年支出合计")])),
             "收入支出决算总表 本年支出合计 = 支出决算表 合计 本年支出合计。"),
    Relation("X-T01-T03-class", "T01 类 = T03 类", "=", ("T01", "T03"), _t01_t03_class,
             "收入支出决算总表各类支出 = 支出决算表同类 本年支出合计。"),
    Relation("X-T04-T01-income", "T04 收入 = T01 财政拨款收入", "=", ("T01", "T04"),
             lambda v: [eq([t04(a)], [t01(b)]) for a, b in FUND_INCOME_T01.items()],
             "财政拨款收入支出决算总表 三项财政拨款收入 = 收入支出决算总表对应收入。"),
    Relation("X-T04-T01-bound", "T04 ≤ T01", "<=", ("T01", "T04"), _t04_t01_bound,
             "财政拨款支出是全部支出的一部分：T04 各类 合计 ≤ T01 同类支出；T04 本年支出合计 ≤ T01 本年支出合计；"
             "T04 年初财政拨款结转和结余 ≤ T01 年初结转和结余。"),
    Relation("X-T04-T05", "T04 一般公共预算列 = T05", "=", ("T04", "T05"), _fund_column(FUNDS[0]),
             "财政拨款收入支出决算总表 一般公共预算财政拨款列 = 一般公共预算财政拨款支出决算表 小计（每类及本年支出合计）。"),
    Relation("X-T04-T07", "T04 政府性基金列 = T07", "=", ("T04", "T07"), _fund_column(FUNDS[1]),
             "财政拨款收入支出决算总表 政府性基金列 = 政府性基金预算财政拨款收入支出决算表：每类及合计本年支出；"
             "本年收入、年初和年末结转和结余亦相等。"),
    Relation("X-T04-T08", "T04 国有资本经营列 = T08", "=", ("T04", "T08"), _fund_column(FUNDS[2]),
             "财政拨款收入支出决算总表 国有资本经营预算列 = 国有资本经营预算财政拨款支出决算表 合计（每类及本年支出合计）。"),
    Relation("X-T05-T06-basic", "T05 基本支出 = T06", "=", ("T05", "T06"), _t05_t06,
             "一般公共预算财政拨款支出决算表 合计 基本支出 = 基本支出决算表 人员经费合计 + 公用经费合计"
             "（T06 未印这两个合计时，用各类之和）。"),
    Relation("X-T05-T03-bound", "T05 ≤ T03", "<=", ("T05", "T03"),
             _part_of_t03("T05", (("小计", "本年支出合计"), *_SUB_PAIRS)),
             "一般公共预算财政拨款支出是全部支出的一部分：T05 每个科目的 小计 / 基本支出 / 项目支出 ≤ T03 同一科目的 "
             "本年支出合计 / 基本支出 / 项目支出。多数科目全部由一般公共预算安排，两表相等。", evidence=_t05_t03_subtotal),
    Relation("X-T08-T03-bound", "T08 ≤ T03", "<=", ("T08", "T03"),
             _part_of_t03("T08", (("合计", "本年支出合计"), _SUB_PAIRS[0], _SUB_PAIRS[1])),
             "国有资本经营预算财政拨款支出是全部支出的一部分：T08 每个科目的 合计 / 基本支出 / 项目支出 ≤ T03 同一科目的 "
             "本年支出合计 / 基本支出 / 项目支出。"),
    Relation("X-T09-T06-floor", "三公经费 ≥ 基本支出对应科目", ">=", ("T09", "T06"), _t09_t06,
             "“三公”经费表 决算数 不应低于基本支出决算表中对应经济科目（三公经费还可含项目支出，可以更多，不会更少）："
             "公务接待费 ≥ 30217，公务用车运行维护费 ≥ 30231，因公出国（境）费 ≥ 30212，公务用车购置费 ≥ 31013。"
             "可能另有原因（如口径不同），故为 warning。", severity="warning"),
)

BY_ID: dict[str, Relation] = {r.id: r for r in RELATIONS}


def checks(v: Rows, relations: Iterable[Relation] = RELATIONS) -> Iterator[tuple[Relation, Check]]:
    """Every concrete check of ``relations`` for the rows ``v`` prints."""
    for rel in relations:
        for c in rel.expand(v):
            yield rel, c


def implied(v: Rows, relation_id: str, table: str) -> dict[Ref, Decimal | None]:
    """What the relation ``relation_id`` says about single cells of ``table``: for each of its
    checks with one side a single cell of ``table``, the sum of the other side's printed cells
    (absent cells count as zero; None when none is printed). Extraction uses it as a hint —
    the figure another table prints tells which column of a flat table a value belongs in."""
    out: dict[Ref, Decimal | None] = {}
    for c in BY_ID[relation_id].expand(v):
        for mine, other in ((c.lhs, c.rhs), (c.rhs, c.lhs)):
            if len(mine) == 1 and mine[0][1][0] == table and all(r[0] != table for _, r in other):
                cells = [(s, v.cell(*r)) for s, r in other]
                printed = [(s, x) for s, x in cells if x is not None]
                out.setdefault(mine[0][1], sum((s * x.value for s, x in printed), Decimal(0)) if printed else None)
    return out


__all__ = ["BY_ID", "FUND_TABLES", "RELATIONS", "Check", "DisclosureRows", "Relation", "Rows", "checks", "implied"]
