"""The locator on the ways provinces title and number the nine tables (and the tables they print
besides): each family of names, each form of number label, and the guards that keep a sentence
or a non-standard table from being taken for one of the nine."""

from __future__ import annotations

import pytest

from juesuan.locate.sections import find_toc, toc_table_id, toc_tables
from juesuan.locate.tables import find_tables, is_other_table_title, match_title, number_label
from juesuan.read.text import read_text

FAMILIES = [
    # (title as printed, table)
    ("收入支出决算总表", "T01"),
    ("收入支出决算表", "T01"),  # Yunnan: no 总
    ("收支决算总表", "T01"),  # 收支: the short form of 收入支出, in every family
    ("部门收支决算总表", "T01"),
    ("收入决算表", "T02"),
    ("收入决算总表", "T02"),  # Shaanxi
    ("支出决算表", "T03"),
    ("支出决算总表", "T03"),
    ("财政拨款收入支出决算总表", "T04"),
    ("财政拨款收入支出决算表", "T04"),
    ("财政拨款收支决算总表", "T04"),
    ("一般公共预算财政拨款支出决算表", "T05"),
    ("一般公共预算财政拨款收入支出决算表", "T05"),  # Yunnan
    ("一般公共预算财政拨款基本支出决算表", "T06"),
    ("一般公共预算财政拨款基本支出决算明细表", "T06"),
    ("政府性基金预算财政拨款收入支出决算表", "T07"),
    ("政府性基金预算财政拨款支出决算表", "T07"),
    ("政府性基金预算财政拨款收支决算表", "T07"),
    ("国有资本经营预算财政拨款支出决算表", "T08"),
    ("国有资本经营预算财政拨款收入支出决算表", "T08"),
    ("财政拨款“三公”经费支出决算表", "T09"),
    ("一般公共预算财政拨款“三公”经费支出决算表", "T09"),
    ("一般公共预算“三公”经费支出决算表", "T09"),
    ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "T09"),
    ("“三公”经费、行政参公单位机关运行经费情况表", "T09"),
    ("一般公共预算财政拨款“三公”经费情况表", "T09"),
]


@pytest.mark.parametrize("title,tid", FAMILIES)
@pytest.mark.parametrize("form", [
    "{t}", "2023年度{t}", "表5 {t}", "表 5：{t}", "附表5：{t}", "附表5-1 {t}", "表五 {t}", "五、{t}",
    "{t}（续）", "{t}公开05表", "《{t}》",
])
def test_every_family_in_every_label_form(title, tid, form):
    assert match_title(form.format(t=title)) == tid
    if "续" not in form:  # a 目录 lists no continuation
        assert toc_table_id(form.format(t=title) + "……12") == tid


@pytest.mark.parametrize("title", [
    "项目收入支出决算表",
    "项目收支决算表",
    "财政专户管理资金收支决算表",
    "财政拨款支出决算明细表",
    "一般公共预算财政拨款支出决算明细表",
    "一般公共预算财政拨款项目支出决算表",
    "一般公共预算财政拨款项目支出决算明细表",
    "财政专户管理资金收入支出决算表",
    "机构运行经费支出、国有资产占用情况及政府采购支出信息表",
    "政府采购情况表",
])
def test_other_tables_are_none_of_the_nine(title):
    assert match_title(title) is None
    assert match_title("八、" + title) is None
    assert is_other_table_title(title)


@pytest.mark.parametrize("line", [
    "本部门2023年度收入支出决算总表反映了全部收支情况，详见下文。",
    "七、财政拨款“三公”经费支出决算情况说明",
    "收入支出决算总体情况说明",
    "（一）收入决算情况",
])
def test_sentences_and_headings_are_no_titles(line):
    assert match_title(line) is None
    assert not is_other_table_title(line)


@pytest.mark.parametrize("line,tid", [
    ("某某市青禾区教育局2024年度收入支出决算总表", "T01"),
    ("某某县农业农村局2023年部门决算收入决算表", "T02"),
    ("某某街道办事处支出决算表", "T03"),
    ("某某区国有资产监督管理委员会一般公共预算财政拨款基本支出决算表", "T06"),  # 国有资产: the name's words
    ("某某区人民政府办公室财政拨款“三公”经费支出决算表", "T09"),
    ("某某局2024年度支出决算表（续）", "T03"),
])
def test_a_title_after_the_department_name(line, tid):
    assert match_title(line) == tid


@pytest.mark.parametrize("line", [
    "财政拨款收入决算表",  # 收入决算表 ends other titles: only itself, or after a department's name
    "一般公共预算财政拨款项目支出决算表",
    "某某局项目收入支出决算表",  # not a name: 项目 makes it another table
    "关于某某局收入支出决算总表的说明",
    "某某局收入支出决算总表情况说明",
    "说明：某某局收入支出决算总表",
])
def test_what_is_no_department_name(line):
    assert match_title(line) is None


def test_a_long_title_wrapped_far_from_its_end_is_one_title():
    text = ("第二部分 部门决算表\n"
            "某某市青禾区人力资源和社会保障局2024年度一般公共预算财政拨款支\n出决算表\n"
            "单位：万元\n项目\t\t本年收入合计\t财政拨款收入\n栏次\t\t1\t2\n合计\t\t10.00\t10.00\n")
    regs = find_tables(_src(text))
    assert [r.id for r in regs] == ["T05"]


@pytest.mark.parametrize("line,number", [
    ("公开07表", "07"),
    ("表7：一般公共预算财政拨款“三公”经费支出决算表", "07"),
    ("表 7 财政拨款“三公”经费支出决算表", "07"),
    ("附表7", "07"),
    ("附表12 政府采购情况表", "12"),
    ("表七", "07"),
    ("表十一 财政拨款“三公”经费支出决算表", "11"),
    ("表五一般公共预算财政拨款支出决算表", "05"),  # 五, then 一般…: the numeral stops before 一般
    ("决算07表", "07"),
    ("收入决算表", None),
    ("表内数据为空", None),
])
def test_number_labels(line, number):
    assert number_label(line) == number


def _src(text: str):
    return read_text(text.encode("utf-8"), "synthetic.txt")


ROW = "{label}\t\t{a}\t{b}\n"


def _table(title: str, label: str = "", body: str = "合计\t\t10.00\t10.00\n") -> str:
    return (f"{label}\n" if label else "") + f"{title}\n单位：万元\n项目\t\t本年收入合计\t财政拨款收入\n栏次\t\t1\t2\n{body}\n"


def test_labelled_toc_entries_are_not_tables_and_labels_number_the_tables():
    # the 目录 lists the tables as '表N：title'; the tables carry the label on a line of its own
    toc = "目录\n表1：收入支出决算总表\n表2：收入决算总表\n表3：支出决算总表\n\n第二部分 部门决算表\n"
    text = toc + _table("收入决算总表", "附表2") + _table("支出决算总表", "附表3")
    regs = find_tables(_src(text))
    assert [(r.id, r.number) for r in regs] == [("T02", "02"), ("T03", "03")]


def test_label_on_the_title_line_numbers_the_table():
    regs = find_tables(_src(_table("表3 支出决算总表")))
    assert [(r.id, r.number) for r in regs] == [("T03", "03")]


def test_a_table_other_than_the_nine_ends_the_one_before_it():
    # Sichuan prints 财政拨款支出决算明细表 between T04 and T05: its rows must not join T04's
    text = (_table("财政拨款收入支出决算总表") + _table("财政拨款支出决算明细表", body="201\t\t99.00\t99.00\n")
            + _table("一般公共预算财政拨款支出决算表"))
    src = _src(text)
    regs = find_tables(src)
    assert [r.id for r in regs] == ["T04", "T05"]
    t04 = regs[0]
    assert not any("99.00" in src.lines[i].text for a, b in t04.spans for i in range(a, b))


def test_of_two_tables_of_one_family_the_official_title_is_read():
    # Sichuan prints both 国有资本经营预算财政拨款收入支出决算表 and …支出决算表: the second is T08,
    # the first a table of its own (not a continuation joined to it)
    text = (_table("国有资本经营预算财政拨款收入支出决算表", body="223\t\t7.00\t7.00\n")
            + _table("国有资本经营预算财政拨款支出决算表", body="223\t\t5.00\t5.00\n"))
    src = _src(text)
    regs = find_tables(src)
    assert [r.id for r in regs] == ["T08"]
    assert regs[0].extra_spans == []
    assert "收入支出" not in regs[0].title


def test_a_title_printed_again_still_continues_its_table():
    text = _table("收入决算总表") + _table("收入决算总表（续）", body="201\t\t5.00\t5.00\n")
    regs = find_tables(_src(text))
    assert [r.id for r in regs] == ["T02"] and len(regs[0].extra_spans) == 1


def test_toc_tables_of_a_twelve_table_template():
    names = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "项目收入支出决算表",
             "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算明细表",
             "一般公共预算财政拨款项目支出决算明细表", "政府性基金预算财政拨款收入支出决算表",
             "国有资本经营预算财政拨款支出决算表", "财政拨款“三公”经费支出决算表",
             "机构运行经费支出、国有资产占用情况及政府采购支出信息表"]
    cn = "一二三四五六七八九十"
    nums = list(cn) + ["十一", "十二"]
    text = "目录\n第一部分 部门概况\n第二部分 部门决算表\n" + "".join(
        f"{n}、{t}\n" for n, t in zip(nums, names, strict=True)) + "第三部分 名词解释\n\n第一部分 部门概况\n正文。\n"
    src = _src(text)
    assert toc_tables(src, find_toc(src)) == ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"]
