"""Small made-up paragraphs (invented departments and figures) for each claim pattern."""

from __future__ import annotations

from decimal import Decimal

from claims_testkit import find, make_doc, synthetic_source
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.claims import NarrativeContext, clean_text, extract_claims, resolve_subject
from juesuan.locate.sections import locate_sections
from juesuan.model import Disclosure


def _claims(body: str, doc: Disclosure | None = None):
    src = synthetic_source(body)
    sections = locate_sections(src, [])
    return extract_claims(NarrativeContext(src, sections, doc or Disclosure()))


def test_clean_text_keeps_line_map():
    text = "支出 1 234. 5 万元，占 12. 30 %，<u>7.00</u>万元，合计 3,210.40万元，支 出决算"
    t, m = clean_text(text, list(range(len(text))))
    assert "1 234.5万元" in t and "12.30%" in t and "7.00万元" in t and "3210.40万元" in t
    assert "支出决算" in t
    assert len(m) == len(t)


GENERAL = """第二部分 部门决算情况说明
一、收入支出决算总体情况说明
(一)收入总计 520.00 万元，包括：
1.财政拨款收入 500.00 万元，占收入总计的 96.15%。
2.上年结转和结余 20.00 万元，占收入总计的 3.85%。
与上年相比，今年收入总计减少 30.00 万元，下降 5.45%。
(二)支出总计 520.00 万元，包括：
1.基本支出 400.00 万元，占支出总计的 76.92%。
2.项目支出 120.00 万元，占支出总计的 23.08%。
与上年相比，今年支出减少 30.00 万元，下降 5.45%。
二、一般公共预算财政拨款支出决算情况说明
2031年度一般公共预算财政拨款支出 500.00万元，主要用于以下方面：
1. 农林水(类)支出 450.00 万元，占 90.00%。
2. 住房保障支出 50.00 万元，占 10.00%。
3. 农林水支出(类)林业和草原(款)森林资源管理(项)。年初预算为400.00万元，支出决算为
450.00万元，完成年初预算的112.50%。
三、机关运行经费支出情况说明
2031年度机关运行经费支出 12.00万元，比上年增加 2.00 万元，增长 20.00%。
"""


def test_general_patterns():
    doc = make_doc({"213": "农林水支出", "21302": "林业和草原", "2130204": "森林资源管理",
                    "221": "住房保障支出"})
    claims = _claims(GENERAL, doc)
    assert find(claims, subject="收入总计", kind="amount", value="520.00", cell=("T01", "收入总计", "金额"))
    assert find(claims, subject="财政拨款收入", kind="share", value="96.15", base="收入总计")
    assert find(claims, subject="年初结转和结余", kind="amount", cell=("T01", "年初结转和结余", "金额"))
    ch = find(claims, subject="收入总计", kind="change_amount", value="30.00")
    assert ch[0].direction == "减少" and ch[0].previous == Decimal("550.00")
    assert find(claims, subject="支出总计", kind="change_rate", value="5.45", direction="减少")
    assert find(claims, subject="基本支出", kind="amount", cell=("T03", "合计", "基本支出"))
    share = find(claims, subject="农林水支出", kind="share", value="90.00")
    assert share and share[0].base == "一般公共预算财政拨款支出" and share[0].cell.row == "213"
    item = find(claims, kind="amount", value="450.00", cell=("T05", "2130204", "小计"))
    assert item and item[0].subject.endswith("森林资源管理(项)")
    assert find(claims, kind="budget", value="400.00")[0].cell is None
    assert find(claims, kind="completion", value="112.50", cell=("T05", "2130204", "小计"))
    m = find(claims, subject="机关运行经费", kind="change_amount", value="2.00")
    assert m and m[0].cell is None and m[0].previous == Decimal("10.00")


SANGONG = """一、财政拨款“三公”经费支出决算情况说明
2031年度“三公”经费财政拨款支出预算为6.00万元，支出决算为5.40万元，完成预算的90.00%。
1.公务接待费 预算数为1.00万元，支出决算数为0.40万元。共接待国内来访团组3个、来宾21人次。
2.公务用车购置及运行费支出决算5.00万元，占92.59%。其中：公务用车购置费0.00万元，购置车辆0辆。
公务用车运行维护费5.00万元，公务用车保有量为2辆。因公出国(境)费与上年持平。
二、国有资产占用情况说明
截至2031年12月31日，共有车辆4辆，其中：执法执勤用车2辆、其他用车2辆；单价100万元(含)以上设备(不含车辆)1台(套)。
三、政府采购支出情况说明
2031年度政府采购支出总额80.00万元，其中：政府采购货物支出30.00万元、政府采购服务支出50.00万元。授予中小企业合同金额72.00万元，占政府采购支出总额的90.00%，其中：授予小微企业合同金额36.00万元，占授予中小企业合同金额的50.00%。
"""


def test_sangong_assets_procurement():
    claims = _claims(SANGONG)
    b = find(claims, subject="三公经费", kind="budget", value="6.00")
    assert b and b[0].cell.row == "预算数" and b[0].cell.column == "合计"
    assert find(claims, subject="三公经费", kind="amount", value="5.40", cell=("T09", "决算数", "合计"))
    assert find(claims, subject="三公经费", kind="completion", value="90.00")
    assert find(claims, subject="公务接待费", kind="budget", cell=("T09", "预算数", "公务接待费"))
    assert find(claims, subject="国内公务接待团组", kind="count", value="3")
    assert find(claims, subject="国内公务接待人次", kind="count", value="21")
    assert find(claims, subject="公务用车购置及运行费", kind="share", value="92.59", base="三公经费")
    assert find(claims, subject="公务用车保有量", kind="count", value="2")
    assert find(claims, subject="因公出国（境）费", kind="change_amount", direction="持平")
    assert find(claims, subject="车辆总数", kind="count", value="4")
    assert find(claims, subject="执法执勤用车", kind="count", value="2")
    assert find(claims, subject="单价100万元以上设备", kind="count", value="1")
    assert not find(claims, kind="amount", value="100")
    assert find(claims, subject="中小企业合同金额", kind="share", value="90.00", base="政府采购支出总额")
    assert find(claims, subject="小微企业合同金额", kind="share", value="50.00", base="中小企业合同金额")


def test_flattened_wrapping_and_carry_over():
    body = "\n\n".join([
        "一、收入支出决算总体情况说明",
        "（一）收入总计 210.00 万元，包括：",
        "1.财政拨款收入 200.00 万元，占收入总计的 95.24%。其中：",
        "一般公共预算财政拨款收入 200.00 万元，政府性基金预算财政",
        "拨款收入0.00万元。",
        "二、财政拨款“三公”经费支出决算情况说明",
        "1.公务接待费 1.50 万元，占“三公”经费支出的 30.00%。",
        "完成预算的 75.00%。2031 年公务接待费比上年减少 0.50",
        "万元，降低 25.00%。",
    ]) + "\n"
    claims = _claims(body)
    g = find(claims, subject="政府性基金预算财政拨款收入", kind="amount", value="0.00")
    assert g and g[0].line == 9
    assert find(claims, subject="公务接待费", kind="completion", value="75.00", line=15)
    ch = find(claims, subject="公务接待费", kind="change_amount", value="0.50")
    assert ch and ch[0].line == 15 and ch[0].previous == Decimal("2.00")
    assert find(claims, subject="公务接待费", kind="change_rate", value="25.00", line=17)


def test_resolve_subject_for_bases():
    assert resolve_subject("本年支出合计", "支出").table == "T01"
    assert resolve_subject("基本支出", "一般公共预算支出").table == "T05"
    assert resolve_subject("基本支出", "支出").table == "T03"
    assert resolve_subject("政府采购支出总额", "政府采购") is None


def test_path_subject_is_found_under_its_own_kuan_even_when_its_row_name_was_not_read():
    """A 项 named in a (类)(款)(项) path is looked for under the path's 款, and a table row whose
    wrapped name was not read is still found by its catalogue name — never the similar-sounding
    项 of another 款 (2129999 其他城乡社区支出 for 2120199 其他城乡社区管理事务支出)."""
    from juesuan.extract.claims.subjects import Resolver
    from juesuan.model import Cell, Table

    t = Table(id="T05", present=True)
    for code, value in (("212", "300.00"), ("21201", "200.00"), ("2120199", "200.00"),
                        ("21299", "100.00"), ("2129999", "100.00")):
        t.add(Cell(table="T05", row=code, column="小计", value=Decimal(value)))
    t.row_labels = {"212": "城乡社区支出", "21201": "城乡社区管理事务", "21299": "其他城乡社区支出",
                    "2129999": "其他城乡社区支出"}  # 2120199's name wrapped over lines: not read
    doc = Disclosure()
    doc.tables["T05"] = t
    got = Resolver(doc).resolve("城乡社区支出(类)城乡社区管理事务(款)其他城乡社区管理事务支出(项)", "一般公共预算财政拨款支出")
    assert got[0].cell is not None and got[0].cell.row == "2120199"


def test_a_name_printed_whole_in_a_sibling_table_outranks_a_near_name_in_the_first():
    """T05 lost the wrapped name of 2070114 and the code is new to the catalogue: T03 prints it
    whole, so the path goes to 2070114, not to T05's near-named 2070112 文化和旅游市场管理."""
    from juesuan.extract.claims.subjects import Resolver
    from juesuan.model import Cell, Table

    doc = Disclosure()
    for tid, col in (("T05", "小计"), ("T03", "本年支出合计")):
        t = Table(id=tid, present=True)
        for code, value in (("207", "90.00"), ("20701", "90.00"), ("2070112", "40.00"), ("2070114", "50.00")):
            t.add(Cell(table=tid, row=code, column=col, value=Decimal(value)))
        t.row_labels = {"207": "文化旅游体育与传媒支出", "20701": "文化和旅游", "2070112": "文化和旅游市场管理"}
        if tid == "T03":
            t.row_labels["2070114"] = "文化和旅游管理事务"
        doc.tables[tid] = t
    got = Resolver(doc).resolve("文化旅游体育与传媒支出(类)文化和旅游(款)文化和旅游管理事务(项)", "一般公共预算财政拨款支出")
    assert got[0].cell is not None and got[0].cell.row == "2070114"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["(类)", "(款)", "(项)", "一般", "支出", " ", "，", "。", "(", "项)",
                                 "一般公共服务(类)人大事务(款)行政运行(项)"]), max_size=30),
       st.data())
def test_the_last_path_in_a_window_is_the_last_match_of_the_whole_search(pieces, data):
    """``_last_path`` stops at the window's last '(项)'; it finds what searching the whole
    window finds."""
    from juesuan.extract.claims.extraction import _last_path
    from juesuan.extract.claims.subjects import _KXP_RE

    text = "".join(pieces)
    a = data.draw(st.integers(0, len(text)))
    ends = [i + 3 for i in range(len(text)) if text.startswith("(项)", i) and i + 3 >= a]
    b = data.draw(st.sampled_from(ends) if ends and data.draw(st.booleans()) else st.integers(a, len(text) + 1))
    want = None
    for m in _KXP_RE.finditer(text, a, b):
        want = m
    got = _last_path(text, a, b)
    assert (got and got.span()) == (want and want.span())
