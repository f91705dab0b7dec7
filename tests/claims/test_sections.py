from __future__ import annotations

from claims_testkit import load_seed, seed_path, simple_table_spans, synthetic_source

from juesuan.locate.sections import find_toc, locate_sections, toc_tables, topic_of
from juesuan.read import read_source

ALL_TOPICS = {"收入支出总体", "财政拨款总体", "一般公共预算支出", "基本支出", "政府性基金", "国有资本经营",
              "三公", "机关运行经费", "政府采购", "国有资产", "预算绩效"}


def _topics(sections):
    return {s.topic for s in sections if s.kind == "narrative" and s.topic}


def test_seed000_toc_lists_nine_tables_and_sections():
    src = read_source(seed_path("000"))
    assert toc_tables(src, find_toc(src)) == ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"]
    _, sections, _, _ = load_seed("000")
    kinds = [s.kind for s in sections]
    assert kinds[0] == "toc" and sections[0].line == 7
    assert {"overview", "glossary", "attachment"} <= set(kinds)
    assert ALL_TOPICS <= _topics(sections)
    # TOC entries are not mistaken for body headings: the first narrative section is in the body
    part = next(s for s in sections if s.kind == "narrative")
    assert part.title.startswith("第二部分") and part.topic == ""  # the part heading itself
    first = next(s for s in sections if s.kind == "narrative" and s.topic)
    assert first.topic == "收入支出总体" and first.line == 69
    sub = next(s for s in sections if s.topic == "一般公共预算支出")
    assert sub.title.startswith("(二)") and sub.line == 105
    mach = next(s for s in sections if s.topic == "机关运行经费")
    assert (mach.line, mach.end_line) == (165, 169)


def test_seed001_thirteen_chapters_and_inline_heading():
    _, sections, _, _ = load_seed("001")
    narr = [s for s in sections if s.kind == "narrative" and not s.title.startswith("第")]  # chapters
    assert len(narr) == 13
    assert {"收入", "支出"} | ALL_TOPICS <= _topics(sections)
    fund = next(s for s in narr if s.topic == "政府性基金")
    assert fund.title.endswith("情况说明") and "本部门" not in fund.title
    assert [s.kind for s in sections].count("glossary") == 1
    assert any(s.kind == "other" and "重点工作" in s.title for s in sections)


def test_seed003_flattened_no_toc():
    src = read_source(seed_path("003"))
    assert toc_tables(src, find_toc(src)) == []
    _, sections, _, _ = load_seed("003")
    assert sections[0].kind == "overview"
    assert ALL_TOPICS <= _topics(sections)
    gl = next(s for s in sections if s.kind == "glossary")
    assert gl.line == 1025
    perf = next(s for s in sections if s.topic == "预算绩效")
    assert perf.end_line < gl.line


def test_seed004_part_heading_inside_paragraph():
    _, sections, _, _ = load_seed("004")
    ov = next(s for s in sections if s.kind == "overview")
    tables = next(s for s in sections if s.kind == "tables")
    assert ov.end_line <= tables.line == 55
    assert ALL_TOPICS <= _topics(sections)


def test_seed002_sections_do_not_overlap():
    _, sections, _, _ = load_seed("002")
    spans = [(s.line, s.end_line) for s in sections]
    for (a1, b1), (a2, _) in zip(spans, spans[1:]):
        assert a1 <= b1 < a2


def test_topic_of_titles():
    assert topic_of("四、财政拨款收入支出决算总体情况说明") == "财政拨款总体"
    assert topic_of("一、收入支出决算总体情况说明") == "收入支出总体"
    assert topic_of("二、收入决算情况说明") == "收入"
    assert topic_of("三、支出决算情况说明") == "支出"
    assert topic_of("六、一般公共预算财政拨款基本支出决算情况说明") == "基本支出"
    assert topic_of("九、一般公共预算财政拨款“三公”经费支出决算情况说明") == "三公"
    assert topic_of("(一)总体情况") == ""


SYNTH = """星河区园林服务中心2031年度部门决算

目 录

第一部分 部门概况
第二部分 部门决算情况说明
一、收入支出决算总体情况说明
二、机关运行经费支出情况说明
第三部分 名词解释
第四部分 部门决算表
一、收入支出决算总表
三、支出决算表
九、财政拨款“三公”经费支出决算表

第一部分 部门概况
一、主要职责
负责全区绿地养护。

第二部分 部门决算情况说明
一、收入支出决算总体情况说明
2031年度收、支总计均为88.50万元。
二、机关运行经费支出情况说明
2031年度机关运行经费支出3.20万元。
第三部分 名词解释
一、基本支出：指保障机构正常运转的支出。
第四部分 部门决算表
"""


def test_synthetic_document():
    src = synthetic_source(SYNTH)
    assert toc_tables(src, find_toc(src)) == ["T01", "T03", "T09"]
    sections = locate_sections(src, [])
    by_kind = {}
    for s in sections:
        by_kind.setdefault(s.kind, []).append(s)
    assert by_kind["toc"][0].line == 3
    assert by_kind["narrative"][0].title.startswith("第二部分")  # the part heading
    assert [s.topic for s in by_kind["narrative"][1:]] == ["收入支出总体", "机关运行经费"]
    assert by_kind["glossary"][0].title.startswith("第三部分")
    assert by_kind["tables"][0].title.startswith("第四部分")


def test_table_spans_are_skipped():
    src = read_source(seed_path("003"))
    with_spans = locate_sections(src, simple_table_spans(src))
    assert all(s.kind != "narrative" or s.line < 1250 for s in with_spans)
