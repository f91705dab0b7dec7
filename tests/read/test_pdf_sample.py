"""The text-layer PDF reader on the real 2024 sample: every one of the nine tables comes out
as seed-like rows (one Line per printed row, one chunk per grid column, empty cells kept)."""

from __future__ import annotations

from .helpers import row


def cells(ln):
    return ln.cells


# --------------------------------------------------------------------------- whole document


def test_pages_and_ordering(src2024):
    assert src2024.format == "pdf"
    assert src2024.pages == 25
    assert src2024.warnings == []
    pages = [ln.page for ln in src2024.lines]
    assert pages == sorted(pages)
    for p in set(pages):
        nos = [ln.no for ln in src2024.lines if ln.page == p]
        assert nos == list(range(1, len(nos) + 1))
    for ln in src2024.lines:
        assert ln.text == "\t".join(ln.cells)
        assert "\n" not in ln.text
        for c in ln.chunks:
            assert c.bbox is not None  # provenance in PDF points


def test_chunks_top_to_bottom(src2024):
    for p in range(1, 26):
        tops = [ln.chunks[0].top for ln in src2024.lines if ln.page == p]
        assert tops == sorted(tops)


def test_prose_numbers_in_another_font_stay_on_their_line(src2024):
    # Digits set in Times sit 5 pt lower (bbox) than the FangSong text around them, on the
    # same baseline: they must not wander to the next line.
    texts = [ln.text for ln in src2024.lines if ln.page == 23]
    assert any("一般公共预算财政拨款基本支出2336.91万元。其中:人员经费2152.26万元" in t for t in texts)
    texts21 = [ln.text for ln in src2024.lines if ln.page == 21]
    assert "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他" in texts21


def test_titles_are_prose(src2024):
    titles = {ln.text for ln in src2024.lines if not ln.gridded}
    for t in (
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
        "单位:万元",
    ):
        assert t in titles


# --------------------------------------------------------------------------- T01 收入支出决算总表


def test_t01_two_sided_rows(src2024):
    assert cells(row(src2024, "收入", "支出", page=6)) == ["收入", "", "支出", ""]
    assert cells(row(src2024, "项目", "决算数", page=6)) == ["项目", "决算数", "项目", "决算数"]
    assert cells(row(src2024, "一、一般公共预算财政拨款收入")) == ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]
    assert cells(row(src2024, "二、政府性基金预算财政拨款收入")) == ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""]
    assert cells(row(src2024, "八、其他收入")) == ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"]
    # rows with only the expenditure side keep the empty income cells
    assert cells(row(src2024, "九、卫生健康支出", page=6)) == ["", "", "九、卫生健康支出", "60.99"]
    assert cells(row(src2024, "十九、住房保障支出", page=6)) == ["", "", "十九、住房保障支出", "445.69"]
    assert cells(row(src2024, "本年收入合计", page=6)) == ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]


def test_t01_continues_on_next_page(src2024):
    # The last three rows of T01 are alone on page 7.
    p7 = [ln for ln in src2024.lines if ln.page == 7]
    assert [cells(ln) for ln in p7] == [
        ["使用非财政拨款结余(含专用结余)", "", "结余分配", ""],
        ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
        ["总计", "2,995.39", "总计", "2,995.39"],
    ]
    assert all(ln.gridded for ln in p7)


# --------------------------------------------------------------------------- T02 收入决算表


def test_t02_header_and_rows(src2024):
    h = row(src2024, "项目", "本年收入合计", page=8)
    assert cells(h) == ["项目", "", "", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    assert h.gridded
    # the 类/款/项 sub-header shares a grid row with 合计 in print: emitted as two lines
    assert cells(row(src2024, "类", "款", "项", page=8))[:4] == ["类", "款", "项", ""]
    assert cells(row(src2024, "合计", page=8)) == ["", "", "", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"]
    # codes printed in separate 类/款/项 columns stay separate chunks
    assert cells(row(src2024, "201", "06", "01", page=8)) == ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"]
    assert cells(row(src2024, "201", "06", "02", page=8)) == ["201", "06", "02", "一般行政管理事务", "16.19", "10.00", "", "", "", "", "6.19"]
    # a wrapped name is one chunk
    assert cells(row(src2024, "208", "05", "05", page=8))[3:6] == ["机关事业单位基本养老保险缴费支出", "160.75", "160.75"]
    # continuation page
    assert cells(row(src2024, "221", "02", "03", page=9)) == ["221", "02", "03", "购房补贴", "258.50", "258.50", "", "", "", "", ""]


# --------------------------------------------------------------------------- T03 支出决算表


def test_t03(src2024):
    assert cells(row(src2024, "项目", "本年支出合计", page=10)) == ["项目", "", "", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    assert cells(row(src2024, "合计", page=10)) == ["", "", "", "合计", "2,940.05", "2,336.91", "603.14", "", "", ""]
    assert cells(row(src2024, "201", "06", "01", page=10)) == ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37", "", "", ""]
    assert cells(row(src2024, "201", "06", "08", page=10)) == ["201", "06", "08", "财政委托业务支出", "449.52", "", "449.52", "", "", ""]
    assert cells(row(src2024, "208", "05", "99", page=11)) == ["208", "05", "99", "其他行政事业单位养老支出", "0.94", "0.94", "", "", "", ""]


# --------------------------------------------------------------------------- T04 财政拨款收入支出决算总表


def test_t04(src2024):
    assert cells(row(src2024, "项目", "决算数", "项目", "合计", page=12)) == [
        "项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"
    ]
    assert cells(row(src2024, "一、一般公共预算财政拨款", page=12)) == ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66", "2,106.66", "", ""]
    assert cells(row(src2024, "八、社会保障和就业支出", page=12)) == ["", "", "八、社会保障和就业支出", "326.71", "326.71", "", ""]
    assert cells(row(src2024, "十九、住房保障支出", page=13)) == ["", "", "十九、住房保障支出", "445.69", "445.69", "", ""]
    assert cells(row(src2024, "本年收入合计", page=13)) == ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05", "", ""]
    assert cells(row(src2024, "年初财政拨款结转和结余", page=13)) == ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63", "21.63", "", ""]
    assert cells(row(src2024, "一、一般公共预算财政拨款", page=13)) == ["一、一般公共预算财政拨款", "21.63", "", "", "", "", ""]
    assert cells(row(src2024, "总计", page=13)) == ["总计", "2,961.68", "总计", "2,961.68", "2,961.68", "", ""]
    # wrapped item names (two lines in one cell) are one chunk
    assert cells(row(src2024, "十四、资源勘探工业信息等支出", page=13))[2] == "十四、资源勘探工业信息等支出"


def test_page_with_only_an_empty_grid_row_has_no_lines(src2024):
    assert [ln for ln in src2024.lines if ln.page == 14] == []


# --------------------------------------------------------------------------- T05


def test_t05(src2024):
    assert cells(row(src2024, "项目", "合计", "基本支出", page=15)) == ["项目", "", "", "", "合计", "基本支出", "项目支出"]
    assert cells(row(src2024, "201", page=15)) == ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"]
    assert cells(row(src2024, "210", "11", "01", page=15)) == ["210", "11", "01", "行政单位医疗", "60.99", "60.99", ""]
    assert cells(row(src2024, "合计", page=15)) == ["合计", "", "", "", "2,940.05", "2,336.91", "603.14"]


# --------------------------------------------------------------------------- T06 (column groups)


def test_t06_side_by_side_groups(src2024):
    assert cells(row(src2024, "经济分类", "科目名称", page=16)) == ["经济分类", "", "科目名称", "决算数", "经济分类", "", "科目名称", "决算数"]
    assert cells(row(src2024, "301", "工资福利支出", page=16)) == ["301", "", "工资福利支出", "2,082.85", "302", "", "商品和服务支出", "171.07"]
    assert cells(row(src2024, "301", "02", page=16)) == ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"]
    assert cells(row(src2024, "301", "08", page=16)) == ["301", "08", "机关事业单位基本养老保险缴费", "160.75", "302", "06", "电费", ""]
    assert cells(row(src2024, "301", "13", page=16)) == ["301", "13", "住房公积金", "187.19", "302", "12", "因公出国(境)费用", ""]
    assert cells(row(src2024, "303", "09", page=17)) == ["303", "09", "奖励金", "0.31", "302", "28", "工会经费", "24.42"]
    # rows where only the right group is printed keep the left group's empty cells
    assert cells(row(src2024, "310", "02", page=17)) == ["", "", "", "", "310", "02", "办公设备购置", "13.58"]
    assert cells(row(src2024, "人员经费合计", page=17)) == ["人员经费合计", "", "", "2,152.26", "公用经费合计", "", "", "184.65"]


# --------------------------------------------------------------------------- T07/T08 (empty, declared)


def test_t07_t08_empty_with_note(src2024):
    for page, note in ((19, "无政府性基金预算财政拨款支出"), (20, "无国有资本经营预算财政拨款支出")):
        lines = [ln for ln in src2024.lines if ln.page == page]
        assert cells(lines[2]) == ["项目", "", "", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"]
        assert cells(lines[3]) == ["支出功能分类科目编码", "", "", "科目名称", "", "", "小计", "基本支出", "项目支出", ""]
        assert cells(lines[5]) == ["合计"] + [""] * 9
        assert note in lines[-1].text and not lines[-1].gridded


# --------------------------------------------------------------------------- T09 三公


def test_t09(src2024):
    p18 = [ln for ln in src2024.lines if ln.page == 18]
    head = row(src2024, "预算数", "决算数", page=18)
    assert cells(head) == ["预算数", "决算数"] * 6
    assert cells(p18[-1]) == ["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""]
    assert cells(row(src2024, "合计", "因公出国(境)费", page=18)) == [
        "合计", "", "因公出国(境)费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""
    ]


# --------------------------------------------------------------------------- the other samples


def test_planted_copy_reads(src_planted):
    assert src_planted.pages == 26
    assert cells(row(src_planted, "总计", page=7)) == ["总计", "2,995.39", "总计", "2,995.39"]
    assert any("上海市普陀区XX局" in ln.text for ln in src_planted.lines if ln.page == 7)
    assert cells(row(src_planted, "301", "02", page=13)) == ["301", "02", "津贴补贴", "1,238.58", "302", "02", "印刷费", "7.61"]
    # the planted copy has no 三公 figures at all: the header ends the table
    p15 = [ln for ln in src_planted.lines if ln.page == 15]
    assert cells(p15[-1]) == ["预算数", "决算数"] * 6


def test_template_reads(src_template):
    assert src_template.pages == 23
    assert cells(row(src_template, "功能分类科目编码", "科目名称", page=6))[:2] == ["功能分类科目编码", "科目名称"]
    assert cells(row(src_template, "30101", "基本工资", page=11)) == ["30101", "基本工资", "", "30201", "办公费", ""]
    assert cells(row(src_template, "总计", page=5)) == ["总计", "", "总计", ""]
