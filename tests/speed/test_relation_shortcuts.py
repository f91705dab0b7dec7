"""The shortcuts of repair and the table status give the plain answers: the hierarchy's
children listed in one pass (juesuan.relations) are those a scan of the rows for each parent
finds; the evidence a relation picks for repair is what asking it of each check picks; a
region's share of lines holding one cell settled early (extract.status) is the share counted
over every line. Synthetic inputs only."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.relations import RELATIONS, Check, class_children, eq

# code rows of a functional table: 类 (3 digits), 款 (5), 项 (7), under a few shared prefixes
_CODES = st.sampled_from(["201", "20101", "2010101", "2010102", "20102", "2010201", "205", "2050101", "20502",
                          "2050201", "208", "20805", "2080501", "2", "2011", "201010101"])


def _children_by_scan(rows: list[str], parent: str) -> list[str]:
    # the scan as first written: every row asked, for each parent
    if len(parent) == 3:
        kids = [r for r in rows if len(r) == 5 and r.startswith(parent)]
        return kids or [r for r in rows if len(r) == 7 and r.startswith(parent)]
    if len(parent) == 5:
        return [r for r in rows if len(r) == 7 and r.startswith(parent)]
    return []


@settings(max_examples=1000, deadline=None)
@given(st.lists(_CODES, max_size=20, unique=True))
def test_a_parents_children_are_those_the_scan_of_every_row_finds(rows: list[str]) -> None:
    children = class_children(rows)
    for parent in rows:
        assert children.get(parent, []) == _children_by_scan(rows, parent)


_REFS = st.tuples(st.sampled_from(["T03", "T05"]), st.sampled_from(["合计", "201", "20101"]),
                  st.sampled_from(["小计", "基本支出", "本年支出合计"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(_REFS, min_size=1, max_size=3), st.lists(_REFS, max_size=3),
                          st.sampled_from(["=", "<=", ">="])), max_size=6))
def test_a_relations_evidence_is_the_checks_it_picks_one_by_one(sides) -> None:
    checks = [eq(lhs, rhs, op) for lhs, rhs, op in sides]
    for rel in RELATIONS:
        one_by_one = [c for c in checks if (rel.evidence(c) if rel.evidence is not None else rel.op == "=")]
        assert list(rel.evidence_checks(checks)) == one_by_one
        assert all(isinstance(c, Check) for c in one_by_one)


# ---- the table status: a region printed one cell a line ----------------------------------------

_LINE_TEXTS = st.sampled_from(["", "  ", "201", "12.50", "一般公共服务支出", "201 一般公共服务支出 12.50", "注：本表无数据",
                               "1.00 2.00", "—", "合计"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_LINE_TEXTS, st.integers(0, 3), st.booleans(), st.booleans()), max_size=25),
       st.sampled_from([0.9, 0.75, 0.5, 1.0, 0.0]))
def test_cell_per_line_is_the_share_of_every_content_line_holding_one_cell(rows, share: float) -> None:
    from juesuan.extract.records import flat_tokens
    from juesuan.extract.status import _content, cell_per_line
    from juesuan.read.types import Chunk, Line

    lines = [Line(no=k + 1, text=text, chunks=[Chunk(text)] * n, gridded=gridded, marker="page_number" if marker else "")
             for k, (text, n, gridded, marker) in enumerate(rows)]
    # as first written: every content line counted, then the share asked
    content = _content(lines)
    single = sum(1 for ln in content if len(ln.chunks) <= 1 and not ln.gridded and len(flat_tokens(ln)) == 1)
    assert cell_per_line(lines, share) == (bool(content) and single >= share * len(content))


def test_the_builds_identities_by_table_are_those_grouped_afresh() -> None:
    from juesuan.model import Cell, Disclosure, Table
    from juesuan.repair.identities import DocumentIdentities, by_table

    doc = Disclosure(tables={t: Table(id=t) for t in ("T03", "T05")})
    for tid, row, col in (("T05", "201", "小计"), ("T05", "201", "基本支出"), ("T03", "201", "本年支出合计")):
        doc.tables[tid].cells.append(Cell(table=tid, row=row, column=col, value=D("1.00")))
    now = DocumentIdentities(doc)
    assert now.by_table() == by_table(now())
    assert now.by_table() is now.by_table()  # grouped once while the shape is the same
    doc.tables["T05"].cells.append(Cell(table="T05", row="201", column="项目支出", value=D("0.00")))
    assert now.by_table() == by_table(now())  # a new shape: grouped again
