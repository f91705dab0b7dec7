"""Statements: glossary entries read as terms; a section that ends on a later page keeps its
continuation (made-up text)."""

from __future__ import annotations

from claims_testkit import synthetic_source

from juesuan.extract.claims import NarrativeContext
from juesuan.extract.claims.statements import GLOSSARY_TOPIC, extract_statements, glossary_term
from juesuan.locate.sections import locate_sections, section_index_ranges
from juesuan.model import Disclosure, Section
from juesuan.read.types import Line, Source

GLOSSARY = """第一部分 部门决算情况说明
一、收入支出决算总体情况说明
收入总计 120.00 万元。
第二部分 名词解释
一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。
二、年末结转和结余：指单位按有关规定结转到下年
继续使用的资金。
- (三)使用非财政拨款结余(含专用结余):指事业单位使用以前年度积累的结余。
4. **“三公”经费**：指因公出国（境）费、公务用车购置及运行维护费和公务接待费。
"""


def test_glossary_entries_become_terms():
    src = synthetic_source(GLOSSARY)
    sts = extract_statements(NarrativeContext(src, locate_sections(src, []), Disclosure()))
    terms = [s.subject for s in sts if s.topic == GLOSSARY_TOPIC and s.subject]
    assert terms == ["财政拨款收入", "年末结转和结余", "使用非财政拨款结余(含专用结余)", "三公经费"]
    wrapped = next(s for s in sts if s.subject == "年末结转和结余")
    assert wrapped.text.endswith("继续使用的资金。")  # the wrapped line is joined


def test_glossary_term_needs_a_head():
    assert glossary_term("十、基本支出：指保障机构正常运转的支出。") == "基本支出"
    assert glossary_term("本部门无政府性基金收支。") == ""


def test_section_ending_on_a_later_page_keeps_its_continuation():
    # page 1: heading at line 1, entries; page 2: lines 1..3 continue the same section
    lines = [Line(text=t, page=p, no=n) for p, n, t in (
        (1, 1, "第四部分 名词解释"), (1, 2, "一、事业收入：指事业单位的收入。"),
        (1, 3, "二、经营收入：指经营活动取得的收入。"),
        (2, 1, "三、其他收入：指上述以外的收入。"), (2, 2, "四、基本支出：指保障机构运转的支出。"),
        (2, 3, "五、项目支出：指基本支出之外的支出。"))]
    src = Source(path="x.pdf", format="pdf", lines=lines)
    sec = Section(kind="glossary", title="第四部分 名词解释", page=1, line=1, end_line=3, end_page=2)
    [(_, a, b)] = section_index_ranges(src, [sec])
    assert (a, b) == (0, 6)


def test_flat_against_last_year_is_not_read_as_against_the_budget_of_the_next_sentence():
    from juesuan.extract.claims import extract_claims

    body = ("第一部分 部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "收入支出总计 120.00 万元，比上年增加 10.00 万元，与上年持平。主要原因是预算支出增加。\n")
    src = synthetic_source(body)
    claims = extract_claims(NarrativeContext(src, locate_sections(src, []), Disclosure()))
    flat = [c for c in claims if c.direction == "持平"]
    assert flat and all(c.base is None for c in flat)


def test_an_unresolved_alternative_is_a_change_of_unknown_direction():
    from juesuan.extract.claims import extract_claims

    body = ("第一部分 部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "收入支出总计 120.00 万元，比上年增加（减少）10.00 万元，增长（下降）9.09%。\n")
    src = synthetic_source(body)
    claims = extract_claims(NarrativeContext(src, locate_sections(src, []), Disclosure()))
    changes = [c for c in claims if c.kind in ("change_amount", "change_rate")]
    assert {c.kind for c in changes} == {"change_amount", "change_rate"}
    assert all(c.direction is None for c in changes)
    assert not [c for c in claims if c.kind == "amount" and c.value == 10]  # not read as an amount


def test_a_subject_is_named_before_its_first_amount():
    # however tight the figures are set ('比2023年度' or '比 2023 年度'), the subject is what
    # the sentence names before its first amount, and the next sentence carries it
    for text in ("机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。主要原因是示例。",
                 "机关运行经费支出 184.65万元,比 2023 年度增加 2.55万元,增长 1.40%。主要原因是示例。"):
        src = synthetic_source("第一部分 部门决算情况说明\n十一、其他重要事项的情况说明\n（一）机关运行经费支出情况\n" + text + "\n")
        sts = [s for s in extract_statements(NarrativeContext(src, locate_sections(src, []), Disclosure())) if "184.65" in s.text or "原因" in s.text]
        assert [s.subject for s in sts] == ["机关运行经费", "机关运行经费"], text
