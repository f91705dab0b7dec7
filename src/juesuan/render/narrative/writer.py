"""The whole disclosure in standard order — cover, 目录, 概况, the nine tables, 情况说明,
名词解释 — and the :class:`Writer` the 情况说明 sections write with.

Numbers come only from the model (this year's tables), the previous year's model (for
year-on-year change) and the supplement (年初预算, 机关运行经费, 政府采购, 国有资产 …).
Anything that needs human words (reasons, duties, uses) is a marked placeholder
【请填写：…】, and a missing fact is a placeholder too — never an invented number.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.model import Disclosure
from juesuan.money import ZERO
from juesuan.render.layout import cn_number, table_layout
from juesuan.render.missing import MARK, row_not_supplied
from juesuan.render.narrative.blocks import (
    Block,
    Document,
    Heading,
    PageBreak,
    Para,
    TableBlock,
    TocEntry,
    placeholder,
)
from juesuan.render.narrative.wording import Change
from juesuan.render.perf_layout import ATTACHMENTS, attachment_name, perf_layouts
from juesuan.render.supplement import Supplement


class Writer:
    """Collects the blocks; knows the figures of this year and the previous one."""

    def __init__(self, d: Disclosure, previous: Disclosure | None, sup: Supplement):
        self.d = d
        self.prev = previous
        self.sup = sup
        self.dept = d.meta.department or placeholder("部门名称")
        self.year = d.meta.year
        self.y = f"{self.year}" if self.year else placeholder("年度")
        self.py = f"{self.year - 1}" if self.year else placeholder("上年度")
        self.blocks: list[Block] = []
        self.absent: list[str] = []  # figures a section read that the input does not supply
        self.attached = perf_layouts(d.performance)  # the self-evaluation tables (第五部分 附件)

    # figures
    def v(self, tid: str, row: str, col: str, d: Disclosure | None = None) -> Decimal:
        x = (d or self.d).value(tid, row, col)
        if x is None and d is None and row_not_supplied(self.d, tid, row):
            self.absent.append(f"{TABLES[tid].title}“{row}”")  # its section says 【待补充】, not 0.00
        return ZERO if x is None else x

    def pv(self, tid: str, row: str, col: str) -> Decimal | None:
        if self.prev is None:
            return None
        t = self.prev.tables.get(tid)
        if t is None or not (t.cells or t.declared_empty):
            return None
        return self.v(tid, row, col, self.prev)

    def yoy(self, subject: str, cur: Decimal, prev: Decimal | None, each: bool = False, reason: bool = True) -> str:
        if prev is None:
            return f"与{self.py}年度相比，{subject}{placeholder('上年决算数及增减变动情况')}。"
        ch = Change(cur, prev)
        if ch.direction == "持平":
            return f"与{self.py}年度相比，{subject}持平。"
        tail = f"主要原因：{placeholder(subject + '变动原因')}。" if reason else ""
        return f"与{self.py}年度相比，{subject}{ch.text(each)}。{tail}"

    def h(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def p(self, text: str) -> None:
        self.blocks.append(Para(text))

    # parts
    def cover_and_toc(self, sections: list[str]) -> None:
        self.h(self.dept, 0)
        self.h(f"{self.y}年度部门决算", 0)
        self.blocks.append(PageBreak())
        self.h("目录", 1)
        self.blocks.append(TocEntry(f"第一部分 {self.dept}概况", 1))
        self.blocks.append(TocEntry("一、主要职能", 2))
        self.blocks.append(TocEntry("二、部门决算单位构成", 2))
        self.blocks.append(TocEntry(f"第二部分 {self.dept}{self.y}年度部门决算表", 1))
        for i, tid in enumerate(TABLE_IDS, start=1):
            self.blocks.append(TocEntry(f"{cn_number(i)}、{table_layout(self.d, tid).title}", 2))
        self.blocks.append(TocEntry(f"第三部分 {self.dept}{self.y}年度部门决算情况说明", 1))
        for i, s in enumerate(sections, start=1):
            self.blocks.append(TocEntry(f"{cn_number(i)}、{s}", 2))
        self.blocks.append(TocEntry("第四部分 名词解释", 1))
        if self.attached:
            self.blocks.append(TocEntry(ATTACHMENTS, 1))
            for i, lay in enumerate(self.attached, start=1):
                self.blocks.append(TocEntry(f"{cn_number(i)}、{attachment_name(lay)}", 2))
        self.blocks.append(PageBreak())

    def overview(self) -> None:
        self.h(f"第一部分 {self.dept}概况", 1)
        self.h("一、主要职能", 2)
        if self.sup.duties:
            for i, duty in enumerate(self.sup.duties, start=1):
                self.p(f"（{cn_number(i)}）{duty}")
        else:
            self.p(placeholder("主要职能（根据“三定”方案等规定填写）"))
        self.h("二、部门决算单位构成", 2)
        if self.sup.units:
            self.p(f"纳入{self.dept}{self.y}年度部门决算编制范围的单位共{len(self.sup.units)}个，包括：")
            for i, u in enumerate(self.sup.units, start=1):
                self.p(f"{i}. {u}")
        else:
            self.p(f"纳入{self.dept}{self.y}年度部门决算编制范围的单位包括：{placeholder('决算单位名单')}")
        self.blocks.append(PageBreak())

    def tables(self) -> None:
        self.h(f"第二部分 {self.dept}{self.y}年度部门决算表", 1)
        for tid in TABLE_IDS:
            self.blocks.append(TableBlock(table_layout(self.d, tid)))
        self.blocks.append(PageBreak())

    def narrative(self, sections: list[tuple[str, Callable[[Writer], None]]]) -> None:
        self.h(f"第三部分 {self.dept}{self.y}年度部门决算情况说明", 1)
        for i, (title, write) in enumerate(sections, start=1):
            self.h(f"{cn_number(i)}、{title}", 2)
            start, seen = len(self.blocks), len(self.absent)
            write(self)
            if len(self.absent) > seen:  # written from figures the input lacks: never print them as zeros
                lacking = "、".join(dict.fromkeys(self.absent[seen:]))
                self.blocks[start:] = [Para(f"{MARK}（本部分依据的{lacking}未提供）")]
        self.blocks.append(PageBreak())

    def glossary(self, entries: list[tuple[str, str]]) -> None:
        self.h("第四部分 名词解释", 1)
        for i, (term, text) in enumerate(entries, start=1):
            self.p(f"{cn_number(i)}、{term}：{text}")

    def attachments(self) -> None:
        """第五部分 附件: one performance self-evaluation table after another."""
        if not self.attached:
            return
        self.blocks.append(PageBreak())
        self.h(ATTACHMENTS, 1)
        for lay in self.attached:
            self.blocks.append(TableBlock(lay))

    def document(self) -> Document:
        return Document(department=self.dept, year=self.d.meta.year, blocks=self.blocks,
                        absent=list(dict.fromkeys(self.absent)))
