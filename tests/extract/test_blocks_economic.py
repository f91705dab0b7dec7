"""公开06表 printed one cell a line (pdftotext without -layout): a made-up department's
基本支出 table whose rows come out code, name, amount — some amounts pulled out of their row
to the end — is placed where the order and the identities say, and only there."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import _tokens
from juesuan.extract.blocks.economic import solve
from juesuan.read.text import read_text

# code, name, 决算数 (None: blank), pulled (printed at the end, not after its name)
ROWS = [
    ("301", "工资福利支出", "300.00", True),
    ("30101", "基本工资", "120.00", False),
    ("30102", "津贴补贴", "100.00", False),
    ("30107", "绩效工资", "80.00", False),
    ("30199", "其他工资福利支出", None, False),
    ("303", "对个人和家庭的补助", "20.00", False),
    ("30302", "退休费", "20.00", True),
    ("30305", "生活补助", None, False),
    ("302", "商品和服务支出", "50.00", False),
    ("30201", "办公费", "30.00", False),
    ("30211", "差旅费", "20.00", False),
    ("30217", "公务接待费", None, False),
]
TOTALS = [("人员经费合计", "320.00"), ("公用经费合计", "50.00")]


def _texts(rows=ROWS, totals=TOTALS) -> list[str]:
    out = ["一般公共预算财政拨款基本支出决算表", "单位：万元", "科目编码", "科目名称", "决算数"]
    pulled = []
    for code, name, v, away in rows:
        out += [code, name]
        if v is not None:
            (pulled if away else out).append(v)
    for label, _ in totals:
        out.append(label)
    out += pulled + [v for _, v in totals]
    return [t for t, _ in _tokens(read_text("\n".join(out).encode(), "t.txt").lines)]


def _solve(texts, **kw):
    """row → (amount, uncertain), or None when the table is not placed."""
    solved = solve(texts, **kw)
    return None if solved is None else {r: (D(texts[i]), unsure) for r, (i, unsure) in solved.cells.items()}


def test_rows_printed_together_and_pulled_amounts_are_placed_by_the_identities():
    got = _solve(_texts())
    assert got is not None
    # 301 and 30302 were pulled: 300.00 fits no other open row; 20.00 belongs to 303's items,
    # but 303 has two open items (30302, 30305), so it is given no row
    assert got["301"] == (D("300.00"), False)
    assert got["人员经费合计"] == (D("320.00"), False)
    assert got["公用经费合计"] == (D("50.00"), False)
    assert got["30101"] == (D("120.00"), False) and got["30211"] == (D("20.00"), False)
    assert "30302" not in got and "30305" not in got
    solved = solve(_texts())
    assert solved is not None and solved.names["30101"] == "基本工资"
    assert solved.unplaced == 1  # the table is then partial, saying so


def test_a_class_with_one_open_item_gives_the_pulled_amount_its_row():
    rows = [r for r in ROWS if r[0] != "30305"]
    got = (_solve(_texts(rows)))
    assert got["30302"] == (D("20.00"), False)


def test_an_amount_two_rows_could_take_is_uncertain():
    # 310 and 399, both blank but for one pulled 15.00 each could hold (with its one item)
    rows = ROWS + [("310", "资本性支出", "15.00", True), ("31002", "办公设备购置", "15.00", True),
                   ("399", "其他支出", None, False), ("39999", "其他支出", None, False)]
    totals = [("人员经费合计", "320.00"), ("公用经费合计", "65.00")]
    got = (_solve(_texts(rows, totals)))
    assert got["30101"] == (D("120.00"), False)
    assert any(unsure for r, (_, unsure) in got.items() if r[:3] in ("310", "399"))


def test_a_misprinted_figure_leaves_the_table_unplaced():
    rows = [("30101", "基本工资", "121.00", False) if r[0] == "30101" else r for r in ROWS]
    assert _solve(_texts(rows)) is None


def test_codes_split_into_class_and_item_cells_give_no_item_its_row():
    # 款 codes printed as their 款 part alone name no row: only the totals and the classes are
    # placed, by the identities alone (econcols); 301 | 303 could swap, 302 could not
    texts = [t if len(t) != 5 or not t.isdigit() else t[3:] for t in _texts()]
    got = _solve(texts)
    assert set(got) == {"301", "303", "302", "人员经费合计", "公用经费合计"}
    assert got["人员经费合计"] == (D("320.00"), False) and got["302"] == (D("50.00"), False)
    assert got["301"][1] and got["303"][1]


def test_a_cross_table_bound_settles_a_doubt():
    rows = ROWS + [("310", "资本性支出", "15.00", True), ("31002", "办公设备购置", "15.00", True),
                   ("399", "其他支出", None, False), ("39999", "其他支出", None, False)]
    totals = [("人员经费合计", "320.00"), ("公用经费合计", "65.00")]
    bounds = {("399", "决算数"): (None, D("0.01"))}  # another table says 399 is (at most) 0
    got = (_solve(_texts(rows, totals), bounds=bounds))
    assert got["310"] == (D("15.00"), False) and got["31002"] == (D("15.00"), False)


def test_a_table_printed_column_by_column_places_no_item():
    # all codes, then all names, then the amounts: no amount beside its row, so no 款 amount
    # is placed — only the totals and the classes, by the identities (econcols)
    texts = _texts()
    codes = [t for t in texts if t.isdigit()]
    names = [t for t in texts if not t.isdigit() and "." not in t]
    amounts = [t for t in texts if "." in t]
    got = _solve(codes + names + amounts)
    assert got is not None and not any(len(r) == 5 for r in got)
