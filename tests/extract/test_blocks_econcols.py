"""公开06表 printed column by column (plain pdftotext on the real forms): a made-up
department's 基本支出 table whose codes (split into 类 | 款 parts), names (some wrapped) and
amounts (blank cells dropped, two column groups interleaved) come out apart. Its two 经费合计
and its 类 rows are placed by the identities alone — certain only where no other placement
moves them — and its 款 amounts are not read."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import _tokens
from juesuan.extract.blocks.econcols import COLUMNS_NOTE, classes_printed
from juesuan.extract.blocks.economic import solve
from juesuan.read.text import read_text

# 人员经费 group | 公用经费 group: code, name, 决算数 (None: blank)
PERSONNEL = [
    ("301", "工资福利支出", "410.00"),
    ("30101", "基本工资", "150.00"),
    ("30102", "津贴补贴", "120.00"),
    ("30103", "奖金", None),
    ("30108", "机关事业单位基本养老保险缴费", "90.00"),
    ("30199", "其他工资福利支出", "50.00"),
    ("303", "对个人和家庭的补助", "35.00"),
    ("30302", "退休费", "35.00"),
    ("30309", "奖励金", None),
]
PUBLIC = [
    ("302", "商品和服务支出", "64.00"),
    ("30201", "办公费", "40.00"),
    ("30211", "差旅费", "24.00"),
    ("30217", "公务接待费", None),
    ("310", "资本性支出", "7.50"),
    ("31002", "办公设备购置", "7.50"),
]
TOTALS = {"人员经费合计": "445.00", "公用经费合计": "71.50"}


def _dump(personnel=PERSONNEL, public=PUBLIC, totals=TOTALS, split=True) -> list[str]:
    """The tokens such a tool prints: each group's codes, then its names (the long ones
    wrapped), then its amounts (blanks dropped), the groups one after the other, the totals'
    labels and figures last."""
    out = ["一般公共预算财政拨款基本支出决算表", "单位：万元", "经济分类", "科目编码", "类", "款", "科目名称", "决算数"]
    for group in (personnel, public):
        for code, _, _ in group:
            out += [code[:3], code[3:]] if split and len(code) == 5 else [code]
        for _, name, _ in group:
            out += [name[:12], name[12:]] if len(name) > 12 else [name]
        out += [v for _, _, v in group if v is not None]
    out += [*totals, *totals.values()]
    return [t for t, _ in _tokens(read_text("\n".join(t for t in out if t).encode(), "t.txt").lines)]


def _read(texts, **kw):
    """row → (amount, uncertain), and the solved table, or None."""
    solved = solve(texts, **kw)
    if solved is None:
        return None, None
    return {r: (D(texts[i]), unsure) for r, (i, unsure) in solved.cells.items()}, solved


def test_split_codes_name_the_printed_classes():
    assert classes_printed(_dump()) == ["301", "302", "303", "310"]


def test_totals_and_classes_are_placed_and_no_item_is():
    got, solved = _read(_dump())
    assert got is not None
    assert set(got) == {"301", "303", "302", "310", "人员经费合计", "公用经费合计"}
    # the identities cannot tell 人员 from 公用 (nor 301 from 303): each is in doubt, the figure
    # shown the one the tool's order favours
    assert all(unsure for _, unsure in got.values())
    assert got["301"][0] == D("410.00") and got["人员经费合计"][0] == D("445.00")
    assert solved.unplaced == 8 and solved.note == COLUMNS_NOTE
    assert solved.names["301"] == "工资福利支出" and solved.names["公用经费合计"] == "公用经费合计"


def test_a_cross_table_bound_settles_the_totals():
    # another table says what 人员经费合计 is: 人员 and 公用 no longer swap; 301 | 303 still do
    bounds = {("人员经费合计", "决算数"): (D("444.99"), D("445.01"))}
    got, _ = _read(_dump(), bounds=bounds)
    assert got["人员经费合计"] == (D("445.00"), False) and got["公用经费合计"] == (D("71.50"), False)
    assert got["301"][1] and got["303"][1]


def test_what_no_other_placement_moves_is_certain():
    # one personnel class against two public ones: 人员 and 公用 cannot swap (two figures would
    # have to go into one class), so the totals and 301 are certain; 302 | 310 still swap
    personnel = [r for r in PERSONNEL if r[0][:3] == "301"]
    got, _ = _read(_dump(personnel, PUBLIC, {"人员经费合计": "410.00", "公用经费合计": "71.50"}))
    assert got["人员经费合计"] == (D("410.00"), False) and got["公用经费合计"] == (D("71.50"), False)
    assert got["301"] == (D("410.00"), False)
    assert got["302"][1] and got["310"][1]


def test_whole_codes_read_the_same():
    got, _ = _read(_dump(split=False))
    assert got is not None and set(got) >= {"301", "302", "人员经费合计"}


def test_a_misprinted_figure_leaves_the_table_unplaced():
    personnel = [(c, n, "151.00" if c == "30101" else v) for c, n, v in PERSONNEL]
    assert _read(_dump(personnel))[0] is None


def test_a_table_without_its_totals_is_not_placed():
    texts = [t for t in _dump() if t not in ("人员经费合计", "公用经费合计", "445.00", "71.50")]
    assert _read(texts)[0] is None


def test_a_search_over_budget_places_nothing():
    from juesuan.extract.blocks.econcols import placements

    values = [int(D(t) * 200) for t in _dump() if "." in t]
    assert placements(values, 2, 2) is not None
    assert placements(values, 2, 2, budget=3) is None


def test_a_class_printed_by_name_alone_still_counts():
    # no code of class 303 printed (glued to something else): its name still says it is
    # printed, so 人员 has room for two classes — the right placement is found, in doubt
    texts = [t for t in _dump(split=False) if not t.startswith("303")]
    assert "303" in classes_printed(texts)
    got, _ = _read(texts)
    assert got["人员经费合计"][1] and got["公用经费合计"][1]


# ----------------------------------------------------------------- the reachable-sums bitset

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from juesuan.extract.blocks import econcols  # noqa: E402


def _choices(items: list[int], cap: int) -> set[tuple[int, ...]]:
    return set(econcols._subsets(items, cap, econcols._Budget(10**6)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5_000), min_size=1, max_size=9), st.data())
def test_a_coarse_bitset_finds_the_same_choices(items, data):
    """Coarser units (元 amounts) never prune a real choice nor invent one."""
    cap = sum(data.draw(st.lists(st.sampled_from(items), max_size=len(items))))
    exact = _choices(items, cap)
    old = econcols.REACH_BITS
    econcols.REACH_BITS = 64  # every sum here is wider: units of many half cents
    try:
        coarse = _choices(items, cap)
    finally:
        econcols.REACH_BITS = old
    assert coarse == exact


def test_amounts_in_yuan_stay_in_bounded_memory():
    """元 amounts in half cents (a class of 1.2 亿元): a bit per half cent would take gigabytes;
    the bitset stays within REACH_BITS and the split is found."""
    items = [4_000_000_000 * 2 * 100, 3_000_000_000 * 2 * 100, 2_000_000_000 * 2 * 100, 123 * 2]
    assert _choices(items, items[0] + items[2]) == {(0, 2)}
