"""The identity verdicts the table status hands to the audit (repair.identities.held): a check
the status found to hold is one the audit's identity rule would pass, and a verdict is never
served once the cells it was found over have changed."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.status import judge
from juesuan.model import Cell, Disclosure, Table
from juesuan.relations import Check
from juesuan.repair.identities import Identity, held
from juesuan.rules.base import Context, Rule

_TABLES = ("T02", "T03")
_KEYS = st.tuples(st.sampled_from(_TABLES), st.sampled_from(["合计", "201"]),
                  st.sampled_from(["合计", "基本支出", "项目支出"]))
_VALUES = st.sampled_from([D("1.00"), D("2.00"), D("3.00"), D("0.00"), D("1.004"), D("1.01"), D("-1.00"),
                           D("2.995"), D("1.02"), D("1.015"), D("1"), D("0.5")])


class _Probe(Rule):
    """An identity rule's checking of one relation (Rule.relation), without a relation of its own."""

    id = "A-probe"


_PROBE = _Probe()


def _doc(cells: dict) -> Disclosure:
    doc = Disclosure(tables={t: Table(id=t) for t in _TABLES})
    for (t, row, col), v in cells.items():
        doc.tables[t].cells.append(Cell(table=t, row=row, column=col, value=v))
    return doc


def _identity(total, parts, total_left: bool, op: str) -> Identity:
    one, many = ((1, total),), tuple((1, k) for k in parts)
    check = Check(one, many, op) if total_left else Check(many, one, op)
    return Identity(total, tuple(parts), "X", check)


def _judged(doc: Disclosure, idents: list[Identity]) -> None:
    for tid in _TABLES:  # (each table's own identities, as the status judges them)
        judge(doc, doc.tables[tid], [], [i for i in idents if i.total[0] == tid and all(k[0] == tid for k in i.parts)])


_PAIRS = st.lists(st.tuples(_KEYS, st.lists(_KEYS, min_size=1, max_size=4), st.booleans(),
                            st.sampled_from(["=", "=", "<=", ">="])), max_size=10)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, min_size=4, max_size=12), _PAIRS)
def test_a_check_the_status_found_holding_is_one_the_identity_rule_passes(cells, pairs) -> None:
    doc = _doc(cells)
    idents = [_identity(total, parts, left, op) for total, parts, left, op in pairs]
    _judged(doc, idents)
    ctx = Context(doc)
    for c in ctx.held().values():
        assert _PROBE.relation(ctx, c.lhs, c.rhs, c.op, require=c.require) is None


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=20), _PAIRS, st.data())
def test_a_verdict_is_not_served_once_a_cell_of_its_table_changed(cells, pairs, data) -> None:
    doc = _doc(cells)
    idents = [_identity(total, parts, left, op) for total, parts, left, op in pairs]
    _judged(doc, idents)
    tid = data.draw(st.sampled_from([t for t in _TABLES if doc.tables[t].cells]))
    t = doc.tables[tid]
    change = data.draw(st.sampled_from(["value", "row", "added", "dropped", "table"]))
    c = t.cells[data.draw(st.integers(0, len(t.cells) - 1))]
    if change == "value":
        c.value = c.value + D("0.01")
    elif change == "row":
        c.row = "其他"
    elif change == "added":
        t.cells.append(Cell(table=tid, row="其他", column="合计", value=D(1)))
    elif change == "dropped":
        t.cells.remove(c)
    else:
        doc.tables[tid] = Table(id=tid, cells=list(t.cells))
    mine = {id(i.check) for i in idents if i.total[0] == tid}
    assert not mine & held(doc).keys()


def test_a_context_that_replaced_a_cell_serves_no_verdict() -> None:
    doc = _doc({("T02", "201", "合计"): D("3.00"), ("T02", "201", "基本支出"): D("1.00"),
                ("T02", "201", "项目支出"): D("2.00")})
    ident = _identity(("T02", "201", "合计"), [("T02", "201", "基本支出"), ("T02", "201", "项目支出")], True, "=")
    _judged(doc, [ident])
    assert id(ident.check) in Context(doc).held()
    ctx = Context(doc)
    ctx.replace(Cell(table="T02", row="201", column="基本支出", value=D("5.00")))
    assert not ctx.held()
    assert _PROBE.relation(ctx, ident.check.lhs, ident.check.rhs) is not None


def test_an_identity_broken_after_reading_is_reported() -> None:
    import juesuan

    sample = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"
    doc = juesuan.read(sample)
    assert Context(doc).held()  # (the status found identities holding: the audit takes them)
    before = juesuan.audit(doc, rules="A")
    total = next(c for c in doc.tables["T02"].cells if c.column == "本年收入合计" and c.value)
    total.value += D(100)
    after = juesuan.audit(doc, rules="A")
    assert len(after.findings) > len(before.findings)
    assert any(total.key in {fc.key for fc in f.cells} for f in after.findings)
