"""Amount rows drifted against their code rows (extract/realign.py): realigned when the
hierarchy and the sibling table confirm it, every unconfirmed row marked uncertain else.

A made-up department: 212 is a fund-only code (政府性基金) that T05 lists with no amounts;
the text tool's run of amounts does not skip it, so from 212 on every T05 code line carries
the next rows' amounts, 合计's lands on 22102, and the last lines repeat the first rows'."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.pipeline import build
from juesuan.read.text import read_text

T03 = """支出决算表
单位：万元
项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
合计 185.00 100.00 85.00
201 一般公共服务支出 120.00 70.00 50.00
20101 人大事务 120.00 70.00 50.00
2010101 行政运行 70.00 70.00
2010102 一般行政管理事务 50.00 50.00
212 城乡社区支出 5.00 5.00
21208 国有土地使用权出让收入安排的支出 5.00 5.00
2120801 征地和拆迁补偿支出 5.00 5.00
221 住房保障支出 60.00 30.00 30.00
22102 住房改革支出 60.00 30.00 30.00
2210201 住房公积金 40.00 20.00 20.00
2210203 购房补贴 20.00 10.00 10.00
注：本表反映部门本年度各项支出情况。
"""
T05_HEAD = "一般公共预算财政拨款支出决算表\n单位：万元\n项目 合计 基本支出 项目支出\n"
T05_DRIFTED = T05_HEAD + """201 一般公共服务支出 120.00 70.00 50.00
20101 人大事务 120.00 70.00 50.00
2010101 行政运行 70.00 70.00
2010102 一般行政管理事务 50.00 50.00
212 城乡社区支出 60.00 30.00 30.00
21208 国有土地使用权出让收入安排的支出 60.00 30.00 30.00
2120801 征地和拆迁补偿支出 40.00 20.00 20.00
221 住房保障支出 20.00 10.00 10.00
22102 住房改革支出 180.00 100.00 80.00
2210201 住房公积金 120.00 70.00 50.00
2210203 购房补贴 120.00 70.00 50.00
合计 70.00 70.00
注：本表反映部门本年度一般公共预算财政拨款支出情况。
"""
TRUTH_T05 = {
    "合计": ("180.00", "100.00", "80.00"), "201": ("120.00", "70.00", "50.00"), "20101": ("120.00", "70.00", "50.00"),
    "2010101": ("70.00", "70.00", None), "2010102": ("50.00", None, "50.00"), "221": ("60.00", "30.00", "30.00"),
    "22102": ("60.00", "30.00", "30.00"), "2210201": ("40.00", "20.00", "20.00"), "2210203": ("20.00", "10.00", "10.00"),
}


def _doc(text: str):
    return build(read_text(text.encode("utf-8"), "synthetic.txt"))


def _cells(t):
    return {(c.row, c.column): c for c in t.cells}


def test_drifted_amount_rows_are_realigned_by_the_hierarchy_and_t03():
    d = _doc(T03 + T05_DRIFTED)
    cells = _cells(d.tables["T05"])
    want = {(row, col): D(v) for row, vals in TRUTH_T05.items()
            for col, v in zip(("小计", "基本支出", "项目支出"), vals) if v is not None}
    assert {k: c.value for k, c in cells.items()} == want
    assert not any(c.uncertain for c in cells.values())
    assert not any(row.startswith("212") for row, _ in cells)  # the fund-only rows print nothing
    assert any("错位" in w and "重新对齐" in w for w in d.warnings)
    # T03's columns, placed with T05's (now right) figures as bounds, are right and confirmed
    t03 = _cells(d.tables["T03"])
    assert t03[("2010102", "项目支出")].value == D("50.00") and not t03[("2010102", "项目支出")].uncertain
    assert d.tables["T03"].status == "read"


def test_without_a_confirming_sibling_the_drifted_rows_are_marked_uncertain():
    # No T03: nothing tells which amounts are whose. Every row whose amounts no holding
    # identity confirms is uncertain — no wrong figure is shown as read.
    d = _doc(T05_DRIFTED)
    t = d.tables["T05"]
    truth = {(row, col): D(v) for row, vals in TRUTH_T05.items()
             for col, v in zip(("小计", "基本支出", "项目支出"), vals) if v is not None}
    wrong = [c for c in t.cells if truth.get((c.row, c.column)) != c.value]
    assert wrong and all(c.uncertain for c in wrong)
    assert t.status == "partial"
    assert any("可能错位" in w for w in d.warnings)


def test_a_table_whose_rows_add_up_is_left_alone():
    rows = T05_HEAD + "".join(
        f"{row} 科目 {' '.join(v for v in vals if v)}\n" for row, vals in TRUTH_T05.items() if row != "合计"
    ) + "合计 180.00 100.00 80.00\n"
    d = _doc(T03 + rows)
    assert not any("错位" in w for w in d.warnings)
    assert all(not c.repair for c in d.tables["T05"].cells)


# ---- the alignment's order of scores --------------------------------------------------------

def _score(keys, tuples, refs, own, taken):
    """The score (realign.Score) of an alignment, spelled out: rows whose total equals the
    sibling's figure, rows taking amounts, amount rows passed over before the last one taken,
    rows keeping their own amount row, earliness."""
    got = [(i, t) for i, t in enumerate(taken) if t is not None]
    last = max((t for _, t in got), default=-1)
    passed = sum(1 for k in range(last + 1) if k not in taken)
    return (sum(1 for i, t in got if keys[i] in refs and refs[keys[i]].equals(tuples[t][0].parsed.value)),
            len(got), -passed, sum(1 for i, t in got if own is not None and own[t] == i),
            sum(len(keys) - i for i, _ in got))


def _alignments(n, m, i=0, k=0):
    """Every in-order pairing of rows i.. with amount rows k.. (an amount row passed over
    needs a row before it: the first row takes the first amount row or none)."""
    if i == n:
        yield []
        return
    for rest in _alignments(n, m, i + 1, k):
        yield [None, *rest]
    for t in range(k, m):
        if t > k and i == 0 and k == 0:
            break
        for rest in _alignments(n, m, i + 1, t + 1):
            yield [t, *rest]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_alignment_found_scores_best_among_all_allowed(data):
    """The alignment (integer-weighted scores) is one with the best score tuple, compared
    part by part, among every alignment the bounds and the forbidden pairs allow."""
    from juesuan.extract.realign import Reference, _Aligner
    from juesuan.extract.records import make_value

    codes = ["合计", "201", "20101", "2010101", "2010102", "20102", "2010201"]
    n, m = data.draw(st.integers(0, 5)), data.draw(st.integers(0, 5))
    keys = data.draw(st.lists(st.sampled_from([None, *codes]), min_size=n, max_size=n))
    tuples = [[make_value(f"{v}.00", 1)] for v in data.draw(st.lists(st.sampled_from([0, 1, 2, 3, 5]), min_size=m, max_size=m))]
    bound = st.one_of(st.none(), st.sampled_from([D(0), D(1), D(2), D(3), D(5)]))
    refs = {c: Reference(low=data.draw(bound), high=data.draw(bound)) for c in data.draw(st.sets(st.sampled_from(codes)))}
    own = data.draw(st.one_of(st.none(), st.lists(st.integers(0, max(n - 1, 0)), min_size=m, max_size=m)))
    forbidden = frozenset(data.draw(st.sets(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=3)))

    def allowed(taken):
        return all(t is None or ((i, t) not in forbidden and (keys[i] not in refs or refs[keys[i]].allows(tuples[t][0].parsed.value)))
                   for i, t in enumerate(taken))

    found = _Aligner(keys, tuples, refs, own).align(forbidden)
    assert allowed(found)
    best = max(_score(keys, tuples, refs, own, a) for a in _alignments(n, m) if allowed(a))
    assert _score(keys, tuples, refs, own, found) == best
