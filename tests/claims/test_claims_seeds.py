"""Real figures from the five seeds, read back as typed claims."""

from __future__ import annotations

from decimal import Decimal

from claims_testkit import find, load_seed


def test_seed000_totals_shares_changes():
    _, _, claims, _ = load_seed("000")
    c = find(claims, subject="收入总计", kind="amount", value="3411.65")
    assert c and c[0].cell.table == "T01" and c[0].cell.row == "收入总计" and c[0].line == 71
    s = find(claims, subject="基本支出", kind="share", value="59.68")
    assert s and s[0].base == "支出总计" and s[0].cell.table == "T03"
    ch = find(claims, subject="收入总计", kind="change_amount", value="181.95")
    assert ch and ch[0].direction == "增加" and ch[0].previous == Decimal("3229.70")
    rt = find(claims, subject="收入总计", kind="change_rate", value="5.63")
    assert rt and rt[0].direction == "增加" and "增加 181.95" in rt[0].text
    flat = find(claims, subject="年末结转和结余", kind="change_amount", direction="持平")
    assert flat and flat[0].value == 0
    # 上年结转和结余 → T01 年初结转和结余; 人员经费 / 日常公用经费 → T06
    assert find(claims, subject="年初结转和结余", kind="amount", cell=("T01", "年初结转和结余", "金额"))
    assert find(claims, value="320.51", cell=("T06", "人员经费合计", "决算数"))
    assert find(claims, value="1715.70", cell=("T06", "公用经费合计", "决算数"))
    assert find(claims, value="316.53", cell=("T06", "301", "决算数"))


def test_seed000_functional_codes_and_sangong():
    _, _, claims, _ = load_seed("000")
    assert find(claims, kind="amount", value="3371.04", cell=("T05", "208", "小计"))
    x = find(claims, kind="amount", value="2283.94")
    assert x and x[0].cell is not None and (x[0].cell.table, x[0].cell.row) == ("T05", "2080199")
    assert find(claims, kind="amount", value="24.97", cell=("T05", "2210201", "小计"))
    comp = find(claims, kind="completion", value="102.66")
    assert comp and comp[0].cell.row == "2080199"
    assert find(claims, subject="因公出国（境）费", kind="amount", cell=("T09", "决算数", "因公出国（境）费"))
    assert find(claims, subject="公务用车保有量", kind="count", unit="辆", value="0")
    assert find(claims, subject="单价100万元以上设备", kind="count", unit="台(套)")
    # the '100 万元(含)以上' threshold is not an amount claim
    assert not find(claims, kind="amount", value="100", unit="万元")
    # no claims from the glossary, the TOC or the attachment tables
    assert all(c.line < 235 for c in claims)


def test_seed000_budget_relative_flat():
    _, _, claims, _ = load_seed("000")
    f = find(claims, subject="三公经费", kind="change_amount", direction="持平")
    assert f and f[0].base == "年初预算数"


def test_seed001_ocr_spaces_and_markup():
    _, _, claims, _ = load_seed("001")
    a = find(claims, subject="社会保障和就业支出", kind="amount", value="10855.22")
    assert a and a[0].cell.table == "T05" and a[0].cell.row == "208"
    s = find(claims, subject="社会保障和就业支出", kind="share", value="97.51")
    assert s and s[0].base == "一般公共预算财政拨款支出"
    assert find(claims, subject="公用经费", kind="amount", value="171.87")
    assert find(claims, subject="人员经费", kind="amount", value="1527.57")  # was <u>1527.57</u>
    assert find(claims, subject="公务接待费", kind="budget", value="0.27", cell=("T09", "预算数", "公务接待费"))
    # 收、支总计 gives both totals
    assert find(claims, subject="收入总计", kind="change_amount", value="1224.74", direction="减少")
    assert find(claims, subject="支出总计", kind="change_rate", value="7.87", direction="减少")
    # 机关运行经费 compared with the budget, not the previous year
    m = find(claims, subject="机关运行经费", kind="change_amount", value="9.11")
    assert m and m[0].base == "年初预算数" and m[0].previous is None and m[0].cell is None


def test_seed001_item_list_numbering_kept_in_order():
    _, _, claims, _ = load_seed("001")
    items = [c for c in claims if c.kind == "budget" and "(项)" in c.subject]
    assert [c.line for c in items] == [382, 383, 384, 385, 386]
    assert [c.value for c in items] == [Decimal(v) for v in ("1783.76", "102.22", "500", "500", "920")]
    # the printed item numbers (1,2,3,5,6: 4 is skipped in the document) survive in the text
    assert [c.text.split(".")[0] for c in items] == ["1", "2", "3", "5", "6"]


def test_seed002_thousands_separators_and_classes():
    _, _, claims, _ = load_seed("002")
    assert find(claims, subject="收入总计", kind="amount", value="12705.28")
    c = find(claims, subject="农林水支出", kind="share", value="11.25")
    assert c and c[0].base == "一般公共预算财政拨款支出" and c[0].cell.row == "213"
    assert find(claims, subject="基本支出", kind="share", value="31.03", base="本年支出合计")
    assert find(claims, subject="国内公务接待人次", kind="count", value="39")
    # explanations state no claims ('收回第二批资金110万元')
    assert not find(claims, value="110", unit="万元")


def test_seed003_wrapped_lines():
    _, _, claims, _ = load_seed("003")
    # '一般公共预算财政拨款收入 11367.00 万元，政府性基金预算财政' / '拨款收入0.00万元'
    assert find(claims, subject="政府性基金预算财政拨款收入", kind="amount", value="0.00")
    c = find(claims, subject="收入总计", kind="change_rate", value="20.63")
    assert c and c[0].direction == "减少" and c[0].line == 138
    # 类款项 names wrapped over two lines
    x = find(claims, kind="amount", value="909.66")
    assert x and x[0].subject.endswith("行政运行(项)") and x[0].line == 230
    # 'completion' carried across the sentence and line break
    assert find(claims, subject="因公出国（境）费", kind="completion", value="100.00", line=471)
    assert find(claims, subject="公务用车购置及运行费", kind="change_amount", value="2.30", direction="减少")
    assert find(claims, subject="单价100万元以上设备", kind="count", value="1")


def test_seed004_space_inside_numbers():
    _, _, claims, _ = load_seed("004")
    assert find(claims, subject="基本支出", kind="share", value="8.01")
    assert find(claims, subject="人员经费", kind="amount", value="463.57")
    c = find(claims, kind="amount", value="8.35")
    assert c and c[0].subject.endswith("其他行政事业单位养老支出(项)")  # '支 出决算为 8. 35 万元'
    m = find(claims, subject="机关运行经费", kind="change_amount", value="58.75")
    assert m and m[0].previous == 0


def test_claim_counts_are_substantial():
    for seed, lo in (("000", 150), ("001", 100), ("002", 150), ("003", 200), ("004", 130)):
        _, _, claims, _ = load_seed(seed)
        assert len(claims) >= lo, seed
        assert sum(1 for c in claims if c.cell) >= 45, seed
