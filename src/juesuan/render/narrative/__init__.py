"""The whole disclosure as a sequence of blocks, and the 情况说明 written from the figures.

    build_document(disclosure, previous, supplement) -> Document

- ``blocks``     the block types the format modules draw, and placeholders (【请填写：…】);
- ``wording``    figures → words: amounts, shares, changes, budget completion;
- ``writer``     the document's parts in standard order, and the Writer sections write with;
- ``statements`` the sections that explain the tables; ``sangong`` the “三公” section;
  ``other``      the sections on facts outside the tables (绩效, 机关运行经费, 政府采购, 国有资产).
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.model import Disclosure
from juesuan.render.narrative import other, statements
from juesuan.render.narrative.blocks import (
    Block,
    Document,
    Heading,
    PageBreak,
    Para,
    TableBlock,
    TocEntry,
    placeholder,
    placeholders,
)
from juesuan.render.narrative.sangong import s_sangong
from juesuan.render.narrative.wording import (
    ROUNDING_TAIL,
    Change,
    amount,
    completion,
    completion_clause,
    pct,
    pct_text,
    share_sentence,
    shares,
)
from juesuan.render.narrative.writer import Writer
from juesuan.render.supplement import Supplement

# The 情况说明 sections in standard order: title and the function that writes it.
NARRATIVE: list[tuple[str, Callable[[Writer], None]]] = [
    ("收入支出决算总体情况说明", statements.s_total),
    ("收入决算情况说明", statements.s_income),
    ("支出决算情况说明", statements.s_expenditure),
    ("财政拨款收入支出决算总体情况说明", statements.s_fiscal_total),
    ("一般公共预算财政拨款支出决算情况说明", statements.s_general),
    ("一般公共预算财政拨款基本支出决算情况说明", statements.s_basic),
    ("财政拨款“三公”经费支出决算情况说明", s_sangong),
    ("政府性基金预算财政拨款收入支出决算情况说明",
     lambda w: statements.fund_like(w, "T07", "小计", "政府性基金预算", w.sup.budget_fund)),
    ("国有资本经营预算财政拨款支出决算情况说明",
     lambda w: statements.fund_like(w, "T08", "合计", "国有资本经营预算", w.sup.budget_capital)),
    ("预算绩效管理情况说明", other.s_performance),
    ("其他重要事项的情况说明", other.s_other),
]
SECTIONS = [title for title, _ in NARRATIVE]

GLOSSARY = [
    ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
    ("上级补助收入", "指单位从主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指单位附属的独立核算单位按照有关规定上缴的收入。"),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指单位为完成特定行政任务和事业发展目标，在基本支出之外发生的各项支出。"),
    ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "指单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
]


def build_document(d: Disclosure, previous: Disclosure | None = None,
                   supplement: Supplement | None = None) -> Document:
    """The whole disclosure in standard order: cover, 目录, 概况, the nine tables, 情况说明,
    名词解释."""
    w = Writer(d, previous, supplement or Supplement())
    w.cover_and_toc(SECTIONS)
    w.overview()
    w.tables()
    w.narrative(NARRATIVE)
    w.glossary(GLOSSARY)
    w.attachments()
    return w.document()


__all__ = ["GLOSSARY", "NARRATIVE", "ROUNDING_TAIL", "SECTIONS", "Block", "Change", "Document", "Heading", "PageBreak",
           "Para", "TableBlock", "TocEntry", "Writer", "amount", "build_document", "completion", "completion_clause",
           "pct", "pct_text", "placeholder", "placeholders", "share_sentence", "shares"]
