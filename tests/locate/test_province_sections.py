"""Sections of disclosures laid out as other provinces lay them out: part headings with a colon
or no space, the tables part named 附表 or 公开报表(见附件), 基本情况 for 概况, a body without
parts whose 情况说明 is a chapter with the topics in its sub-sections, headings of the 目录."""

from __future__ import annotations

import pytest

from juesuan.locate.sections import _part_kind, find_toc, locate_sections, topic_of
from juesuan.read.text import read_text


def _src(text: str):
    return read_text(text.encode("utf-8"), "synthetic.txt")


@pytest.mark.parametrize("title,kind", [
    ("第一部分:某某局概况", "overview"),
    ("第一部分:基本情况", "overview"),
    ("第一部分某某镇人民政府单位概况", "overview"),
    ("第二部分 2020 年部门决算表", "tables"),
    ("第五部分 附表", "tables"),
    ("第五部分:2021 年度部门决算公开报表(见附件)", "tables"),
    ("第三部分:其他重要事项情况说明", "narrative"),
    ("第四部分 专业名词解释", "glossary"),
    ("第四部分 附件", "attachment"),
    ("第四部分 部门整体支出绩效自评表", "attachment"),
    ("第四部分 决算公开联系方式及信息反馈渠道", "other"),
])
def test_part_kinds(title, kind):
    assert _part_kind(title) == kind


@pytest.mark.parametrize("title,topic", [
    ("十二、机构运行经费支出决算情况说明", "机关运行经费"),
    ("四、机关运行经费支出说明", "机关运行经费"),
    ("一、2021 年度收入支出决算总体及增减变动情况", "收入支出总体"),
    ("七、一般公共预算财政拨款三公经费支出决算情况说明", "三公"),
])
def test_topics(title, topic):
    assert topic_of(title) == topic


def test_a_chapter_that_is_the_narrative_gives_its_sub_sections_topics():
    text = ("某某中心2023年度决算公开说明\n一、单位基本情况\n（一）职能职责\n负责某某工作。\n"
            "二、单位决算情况说明\n（一）收入支出决算总体情况说明。\n收入总计100.00万元。\n"
            "（二）“三公”经费情况说明。\n“三公”经费支出5.00万元。\n三、其他事项\n（一）某某工作\n正文。\n")
    got = [(s.kind, s.topic, s.title) for s in locate_sections(_src(text), [])]
    assert ("overview", "", "一、单位基本情况") in got
    assert ("narrative", "收入支出总体", "(一)收入支出决算总体情况说明") in got
    assert ("narrative", "三公", "(二)“三公”经费情况说明") in got
    assert not any("某某工作" in t for _, _, t in got)  # a chapter with no topic stays out


@pytest.mark.parametrize("heading", ["目录", "目 录", "(目录)", "某某中心2019年度部门决算目录", "决算公开目录"])
def test_toc_headings(heading):
    text = f"{heading}\n第一部分 部门概况\n第二部分 部门决算表\n\n第一部分 部门概况\n正文。\n"
    toc = find_toc(_src(text))
    assert toc is not None and toc[0] == 0 and toc[1] == 4


@pytest.mark.parametrize("title", [["目", "", "录"], ["目", "录"]])
def test_a_spaced_toc_heading_split_over_lines(title):
    """'目  录' set in spaced characters: plain pdftotext prints each on a line of its own."""
    text = "\n".join(["示例区档案馆", "部门决算", "", *title, "", "第一部分 部门概况", "第二部分 部门决算表", "",
                      "第一部分 部门概况", "正文。"]) + "\n"
    toc = find_toc(_src(text))
    assert toc is not None and toc[0] == 3 and toc[1] == 7 + len(title)  # up to the first part printed again
    assert [s.title for s in locate_sections(_src(text), []) if s.kind == "toc"] == ["目录"]


def test_two_single_characters_that_are_not_the_toc():
    text = "\n".join(["目", "的", "第一部分 部门概况", "正文。"]) + "\n"
    assert find_toc(_src(text)) is None


@pytest.mark.parametrize("lines", [
    ["第三部分", "", "示例区档案馆 2025 年度部门决算情况", "说明"],  # cut twice (plain pdftotext)
    ["第三部分示例区档案馆 年度部门决算情况", "2025", "说明"],  # the year set apart (pdfplumber)
    ["第三部分 示例区档案馆 2025 年度部门决算情况", "说明"],
])
def test_a_part_title_wrapped_over_lines_is_joined(lines):
    text = "\n".join(["第一部分 示例区档案馆概况", "一、主要职能", "负责档案工作。", *lines,
                      "一、收入支出决算总体情况说明", "收入支出总计100.00万元。"]) + "\n"
    got = [(s.kind, s.topic) for s in locate_sections(_src(text), [])]
    assert ("narrative", "收入支出总体") in got
