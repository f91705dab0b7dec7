"""C — completeness: the nine tables, the 目录, the required narrative sections, the glossary."""

from __future__ import annotations

import re

from juesuan import lazy
from juesuan.extract.claims.statements import GLOSSARY_TOPIC
from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.model import Cell
from juesuan.rules.base import Context, Rule, num, register, similar
from juesuan.textnorm import norm

# keywords that identify the narrative explanation of each table in a section title
TABLE_SECTION_KEYWORDS = {
    "T01": ("收入支出决算总体情况", "收入支出决算总表"),
    "T02": ("收入决算情况",),
    "T03": ("支出决算情况",),
    "T04": ("财政拨款收入支出决算总体情况", "财政拨款收支", "财政拨款收入支出决算总表"),
    "T05": ("一般公共预算财政拨款支出决算",),
    "T06": ("基本支出决算",),
    "T07": ("政府性基金",),
    "T08": ("国有资本经营",),
    "T09": ("三公",),
}
REQUIRED_TOPICS = {
    "机关运行经费": ("机关运行经费",),
    "政府采购": ("政府采购",),
    "国有资产": ("国有资产",),
    "预算绩效": ("绩效",),
}


def _has_topic(ctx: Context, topic: str, keywords: tuple[str, ...], kinds=("narrative",)) -> bool:
    for s in ctx.doc.sections:
        if s.topic == topic:
            return True
        if s.kind in kinds and any(k in s.title for k in keywords):
            return True
    return False


@register
class TablesPresent(Rule):
    """每张标准表都应出现，或声明无数据（本表无数据 / 本部门无…收支）。

    失败示例：文档没有印出 国有资本经营预算财政拨款支出决算表（T08），也没有任何“本部门无
    国有资本经营预算财政拨款支出”之类的说明。只在情况说明中声明无此类支出、却不印空表的，为 warning。
    通过示例：T08 未印出，但 Table.declared_empty 为真（文档声明无此类支出）；或 T08 已印出。
    """

    id = "C-tables-present"
    family = "C"
    severity = "error"
    name = "九张表齐全"

    def check(self, ctx):
        for tid in TABLE_IDS:
            t = ctx.doc.tables.get(tid)
            if t is not None and (t.present or t.declared_empty or tid in ctx.unread):
                continue  # an unread table is there, only not read: never a missing one
            listed = "，目录列有此表" if tid in ctx.doc.toc_tables else ""
            said = declared_in_narrative(ctx, tid)
            if said is not None:
                yield self.finding(
                    f"未印出{TABLES[tid].title}（{tid}）：情况说明已声明“{said.text[:40]}”，但无数据的表仍应印出空表并注明"
                    f"{listed}", severity="warning", expected="present", actual="absent", page=said.page, line=said.line)
                continue
            yield self.finding(
                f"缺少{TABLES[tid].title}（{tid}）：正文未印出此表，也未声明本表无数据{listed}",
                expected="present", actual="absent",
            )


# what a narrative sentence must say for a table to be declared empty there
_EMPTY_WORDS = {
    "T07": "政府性基金",
    "T08": "国有资本经营",
    "T09": "三公",
}


def declared_in_narrative(ctx: Context, tid: str):
    """The narrative statement that says the department has none of a table's money
    (本部门 2024 年度无国有资本经营预算财政拨款支出), or None."""
    word = _EMPTY_WORDS.get(tid)
    if word is None:
        return None
    pat = re.compile(rf"(?:无|没有)[^，,。；;]{{0,6}}{word}[^，,。；;]{{0,24}}(?:收入|支出|收支|经费)")
    return next((st for st in ctx.doc.statements if st.topic != GLOSSARY_TOPIC and pat.search(st.text)), None)


@register
class TocTables(Rule):
    """目录所列的表应在正文中印出；正文印出的表应列入目录。

    失败示例：目录列出“九、国有资本经营预算财政拨款支出决算表”，正文却没有这张表。
    通过示例：目录所列九张表在正文中都能找到。
    目录列出而正文未印但已声明无数据的，降为 warning；正文有而目录未列的，为 info。
    """

    id = "C-toc-tables"
    family = "C"
    severity = "error"
    name = "目录与正文一致"

    def check(self, ctx):
        toc = ctx.doc.toc_tables
        if not toc:
            return
        for tid in toc:
            t = ctx.doc.tables.get(tid)
            if t is not None and (t.present or tid in ctx.unread):
                continue
            declared = (t is not None and t.declared_empty) or declared_in_narrative(ctx, tid) is not None
            yield self.finding(
                f"目录列有{TABLES[tid].title}（{tid}），正文未印出此表"
                + ("（文中声明无此类数据，但目录所列之表仍应印出空表）" if declared else ""),
                severity="warning" if declared else None,
                expected="present", actual="absent",
            )
        for tid in ctx.doc.tables_found():
            if tid not in toc:
                t = ctx.doc.tables[tid]
                yield self.finding(
                    f"正文印出{TABLES[tid].title}（{tid}），目录未列出此表",
                    severity="info", page=t.page, line=t.line,
                    expected="listed", actual="not listed",
                )


def tables_only(ctx: Context) -> bool:
    """A workbook of the nine tables only (departments publish the tables in Excel as well):
    no narrative, glossary or overview at all, and most tables printed. Narrative and glossary
    completeness is then not a defect of this file (C-tables-only says so once)."""
    if any(s.kind in ("narrative", "glossary", "overview") for s in ctx.doc.sections) or ctx.doc.claims:
        return False
    printed = sum(1 for t in ctx.doc.tables.values() if t.present or t.declared_empty)
    return printed >= 5


@register
class TablesOnly(Rule):
    """只含报表的文件（如部门另行公开的 Excel 报表）：没有情况说明、名词解释、部门概况，
    只提示一次“本文件仅含报表”，不把说明、名词解释的缺失逐条报为错误。

    失败示例（info）：一个只有九张表的 xlsx。
    通过示例：完整的公开文件（有情况说明）不提示。
    """

    id = "C-tables-only"
    family = "C"
    severity = "info"
    name = "仅含报表"
    whole_document = True

    def check(self, ctx):
        if tables_only(ctx):
            yield self.finding("本文件仅含报表，未含情况说明、名词解释：情况说明与名词解释的完整性未检查，"
                               "请对照同时公开的完整文件", expected="情况说明与名词解释", actual="仅含报表")


@register
class TableSections(Rule):
    """情况说明应逐表说明（收入支出总表、收入、支出、财政拨款、一般公共预算、基本支出、
    政府性基金、国有资本经营、“三公”经费）。

    失败示例：情况说明中没有任何关于“三公”经费的章节，也没有任何数字取自 T09。
    通过示例：有“财政拨款‘三公’经费支出决算情况说明”一节（或某条说明数字链接到 T09）。
    一个章节可合并说明几张表；只要找到对应章节或有说明数字链接到该表即可。
    """

    id = "C-table-sections"
    family = "C"
    severity = "warning"
    name = "情况说明逐表"
    whole_document = True

    def check(self, ctx):
        if not any(s.kind == "narrative" for s in ctx.doc.sections):
            return
        linked = {c.cell.table for c in ctx.doc.claims if c.cell is not None}
        for tid in TABLE_IDS:
            if tid in linked or _has_topic(ctx, tid, TABLE_SECTION_KEYWORDS[tid]):
                continue
            yield self.finding(f"情况说明中未找到对{TABLES[tid].title}（{tid}）的说明",
                               expected="section", actual="absent")


@register
class RequiredSections(Rule):
    """情况说明应包括 机关运行经费、政府采购、国有资产占用、预算绩效 四部分。

    失败示例：文档没有“政府采购支出情况”一节。
    通过示例：四个部分都有（Section.topic 或标题含关键字）。
    """

    id = "C-required-sections"
    family = "C"
    severity = "error"
    name = "必备说明章节"
    whole_document = True

    def check(self, ctx):
        if tables_only(ctx):
            return
        for topic, keywords in REQUIRED_TOPICS.items():
            if not _has_topic(ctx, topic, keywords):
                yield self.finding(f"情况说明缺少“{topic}”部分", expected=topic, actual="absent")


@register
class Glossary(Rule):
    """文档应包括名词解释。

    失败示例：没有“名词解释”部分。
    通过示例：有 kind == "glossary" 的章节，或标题含“名词解释”。
    """

    id = "C-glossary"
    family = "C"
    severity = "error"
    name = "名词解释"
    whole_document = True

    def check(self, ctx):
        if tables_only(ctx):
            return
        for s in ctx.doc.sections:
            if s.kind == "glossary" or s.topic == "名词解释" or "名词解释" in s.title:
                return
        yield self.finding("文档缺少“名词解释”部分", expected="名词解释", actual="absent")


@register
class DeclaredEmptyHasData(Rule):
    """声明无数据的表不应有非零数。

    失败示例：T07 声明“本部门无政府性基金预算财政拨款收支”，表中却印有 200.00。
    通过示例：声明无数据的表全空或全为 0。
    """

    id = "C-declared-empty-data"
    family = "C"
    severity = "warning"
    name = "空表声明与数据"

    def check(self, ctx):
        for tid in TABLE_IDS:
            t = ctx.doc.tables.get(tid)
            if t is None or not t.declared_empty:
                continue
            nonzero = [c for c in ctx.cells(tid) if c.value != 0]
            if nonzero:
                stmt = f"（“{t.empty_statement}”）" if t.empty_statement else ""
                yield self.finding(
                    f"{TABLES[tid].title}（{tid}）声明无数据{stmt}，表中却有 {len(nonzero)} 个非零数，"
                    f"如 {ctx.describe(nonzero[0].key, with_table=False)} {nonzero[0].value}",
                    cells=nonzero[:20], expected="0", actual=format(nonzero[0].value, "f"),
                )


# Terms the glossary must explain when the tables use them (a non-zero printed amount): the
# term, the other names it goes by in glossaries, and the cells that show it is used.
GLOSSARY_TERMS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...]], ...] = (
    ("财政拨款收入", ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"),
     (("T01", "一般公共预算财政拨款收入", "金额"), ("T01", "政府性基金预算财政拨款收入", "金额"),
      ("T01", "国有资本经营预算财政拨款收入", "金额"))),
    ("上级补助收入", (), (("T01", "上级补助收入", "金额"),)),
    ("事业收入", (), (("T01", "事业收入", "金额"),)),
    ("经营收入", (), (("T01", "经营收入", "金额"),)),
    ("附属单位上缴收入", (), (("T01", "附属单位上缴收入", "金额"),)),
    ("其他收入", (), (("T01", "其他收入", "金额"),)),
    ("使用非财政拨款结余", (), (("T01", "使用非财政拨款结余", "金额"),)),
    ("年初结转和结余", ("上年结转和结余", "上年结转", "年初结转"), (("T01", "年初结转和结余", "金额"),)),
    ("年末结转和结余", ("年末结转", "结转下年"), (("T01", "年末结转和结余", "金额"),)),
    ("结余分配", (), (("T01", "结余分配", "金额"),)),
    ("基本支出", (), (("T03", "合计", "基本支出"), ("T05", "合计", "基本支出"))),
    ("项目支出", (), (("T03", "合计", "项目支出"), ("T05", "合计", "项目支出"))),
    ("上缴上级支出", (), (("T03", "合计", "上缴上级支出"),)),
    ("经营支出", (), (("T03", "合计", "经营支出"),)),
    ("对附属单位补助支出", (), (("T03", "合计", "对附属单位补助支出"),)),
    ("三公经费", (), (("T09", "决算数", "合计"), ("T09", "预算数", "合计"))),
)
# 机关运行经费 is not in a table: the narrative states it (every template defines it).
NARRATIVE_TERMS = ("机关运行经费",)


def _glossary_key(term: str) -> str:
    return re.sub(r"[(（][^)）]*[)）]|[\"“”'‘’\s]", "", term)


_ITEM_RE = lazy.pattern(r"(?:[(（]款[)）])?([^:：]+?)[(（]项[)）]$")
ITEM_GLOSSARY_MIN = 3  # a glossary that explains this many 项 explains the ones the tables use


def _items_unexplained(ctx: Context, defined_terms) -> list[tuple[str, Cell | None]]:
    """When the glossary explains 功能分类 项 (some provinces require it: 'X（类）Y（款）Z（项）：
    反映…'), every 项 with spending in the code tables should be among them."""
    items = set()
    for st in ctx.doc.statements:
        if st.topic == GLOSSARY_TOPIC:
            m = _ITEM_RE.search(st.subject.replace("（", "(").replace("）", ")").split("(款)")[-1])
            if m:
                items.add(norm(m.group(1)))
    if len(items) < ITEM_GLOSSARY_MIN:
        return []
    out: list[tuple[str, Cell | None]] = []
    seen: set[str] = set()
    # the fiscal tables (the items a glossary of this kind lists); T03 only without them
    tables = [t for t in (("T05", "小计"), ("T07", "小计"), ("T08", "合计")) if ctx.usable(t[0])] or \
        [t for t in (("T03", "本年支出合计"),) if ctx.usable(t[0])]
    for tid, col in tables:
        for code, label in ctx.doc.tables[tid].row_labels.items():
            name = norm(label)
            cell = ctx.cell(tid, code, col)
            if len(code) != 7 or not code.isdigit() or code in seen or cell is None or cell.value == 0:
                continue
            seen.add(code)
            if name and name not in items and not any(similar(name, i, 0.85) for i in items):
                out.append((f"{code} {label}（项）", cell))
    return out


@register
class GlossaryTerms(Rule):
    """名词解释应解释报表用到的名词：表中有数（非零）的收入项目（上级补助收入、事业收入、其他收入、
    年初结转和结余……）、支出类别（基本支出、项目支出、经营支出……）、“三公”经费，以及说明中给出的
    机关运行经费，名词解释都应有对应条目（按条目开头“名词：”判断，别名如“上年结转和结余”也算）。
    名词解释逐项解释功能分类科目（“X（类）Y（款）Z（项）：反映…”，三条以上）时，表中有数的各项级
    科目都应解释到。缺的合并为一条。名词解释未能逐条读出、或相关表未能读取时不检查。

    失败示例：收入支出决算总表 其他收入 6.20、年末结转和结余 55.34，名词解释却只解释了
    财政拨款收入、基本支出、项目支出。
    通过示例：名词解释有“其他收入：指……”“年末结转和结余：指……”等条目。
    """

    id = "C-glossary-terms"
    family = "C"
    severity = "warning"
    name = "名词解释与报表"
    whole_document = True

    def check(self, ctx):
        defined = {_glossary_key(st.subject) for st in ctx.doc.statements
                   if st.topic == GLOSSARY_TOPIC and st.subject}
        if len(defined) < 3:
            return  # no glossary, or its entries were not read one by one: C-glossary / not checked

        # (is a name in one of the entries: asked of every term, so asked of the entries joined
        # once — a name holds no line break, so it is found in the joined text only inside an entry)
        entries = "\n".join(defined)

        def explained(term: str, aliases: tuple[str, ...]) -> bool:
            return any(name in entries for name in (term, *aliases))

        missing: list[tuple[str, Cell | None]] = []
        for term, aliases, refs in GLOSSARY_TERMS:
            used = next((c for c in (ctx.cell(*r) for r in refs if ctx.usable(r[0])) if c is not None and c.value != 0), None)
            if used is not None and not explained(term, aliases):
                missing.append((term, used))
        for term in NARRATIVE_TERMS:
            if any(c.subject == term and c.value != 0 for c in ctx.claims_by_subject().get(term, ())) \
                    and not explained(term, ()):
                missing.append((term, None))
        missing += _items_unexplained(ctx, defined)
        if not missing:
            return
        shown = "、".join(f"{t}（{ctx.describe(c.key)} {num(c.value)}）" if c is not None else f"{t}（情况说明）"
                         for t, c in missing)
        first = next(st for st in ctx.doc.statements if st.topic == GLOSSARY_TOPIC)
        yield self.finding(
            f"名词解释未解释报表用到的 {len(missing)} 个名词：{shown}；应补充这些名词的解释",
            cells=[c for _, c in missing if c is not None], expected="、".join(t for t, _ in missing),
            actual="未解释", page=first.page, line=first.line)
