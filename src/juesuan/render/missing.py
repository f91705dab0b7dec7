"""The writer never invents: a table the input does not supply is printed as 【待补充】.

A table is *missing* when the model has no cells for it and does not declare it empty
(``Table.declared_empty``, which carries the 本表无数据 statement). Its grid is still printed
(blank, with the 【待补充】 statement instead of 本表无数据), every 情况说明 section that is
written from it says 【待补充】 instead of figures computed from absent cells (which would read
0.00万元), and ``missing_findings`` reports it so ``juesuan render`` prints it on stderr.
"""

from __future__ import annotations

from juesuan.findings import Family, Finding, Severity
from juesuan.glossary import T06_TOTALS, TABLE_IDS, TABLES
from juesuan.model import Disclosure

MARK = "【待补充】"

# The tables each 情况说明 section (by its title, numbered 一、… in the document) is written from.
SECTION_TABLES: dict[str, tuple[str, ...]] = {
    "收入支出决算总体情况说明": ("T01",),
    "收入决算情况说明": ("T01",),
    "支出决算情况说明": ("T03",),
    "财政拨款收入支出决算总体情况说明": ("T04",),
    "一般公共预算财政拨款支出决算情况说明": ("T05", "T03"),
    "一般公共预算财政拨款基本支出决算情况说明": ("T06", "T05"),
    "财政拨款“三公”经费支出决算情况说明": ("T09",),
    "政府性基金预算财政拨款收入支出决算情况说明": ("T07",),
    "国有资本经营预算财政拨款支出决算情况说明": ("T08",),
}


def is_missing(d: Disclosure, tid: str) -> bool:
    t = d.tables.get(tid)
    return t is None or (not t.cells and not t.declared_empty)


def missing_tables(d: Disclosure) -> list[str]:
    return [tid for tid in TABLE_IDS if is_missing(d, tid)]


def row_not_supplied(d: Disclosure, tid: str, row: str) -> bool:
    """True when a supplied table lacks a whole row its form always prints — any row of the
    item tables (T01, T04) and of 三公 (T09), the 合计 rows of the others: that figure was
    not supplied, it is not zero. (A blank cell of a printed row is a zero, as printed; a
    functional class with no spending is simply not printed. A missing table is
    ``mark_missing``'s; a table declared empty has no figures.)"""
    t = d.tables.get(tid)
    if t is None or not t.cells or t.declared_empty:
        return False
    if TABLES[tid].keyed_by in ("item", "sangong"):
        fixed = not row.isdigit()
    else:
        fixed = row in ("合计", *T06_TOTALS)
    return fixed and all(c.row != row for c in t.cells)


def statement(tid: str) -> str:
    # Worded so that no reader takes it for a 本表无数据 declaration.
    return f"说明：{MARK}输入未提供{TABLES[tid].title}的数据，请补充后再公开。"


def missing_findings(d: Disclosure, previous: Disclosure | None = None, supplement=None) -> list[Finding]:
    """One warning per missing table, and one for the figures of supplied tables that the
    情况说明 needs but the input lacks, in the findings shape the render command prints."""
    from juesuan.render.narrative import build_document

    found = [Finding(rule="C-render-missing", family=Family.C, severity=Severity.WARNING,
                     message=f"输入中没有{TABLES[tid].title}的数据，也未声明该表无数据；"
                             f"生成的公开文本在该表及相关说明处标注{MARK}")
             for tid in missing_tables(d)]
    absent = build_document(d, previous, supplement).absent
    if absent:
        found.append(Finding(rule="C-render-missing", family=Family.C, severity=Severity.WARNING,
                             message=f"输入中缺少{'、'.join(absent)}；生成的公开文本在依据这些数字的说明处标注{MARK}，"
                                     f"不写成 0.00"))
    return found


def mark_missing(doc, d: Disclosure):
    """Replace the body of every 情况说明 section written from a missing table by one
    【待补充】 paragraph (its figures would otherwise be zeros the input never stated)."""
    from juesuan.render.narrative import Heading, Para

    gone = set(missing_tables(d))
    if not gone:
        return doc
    blocks: list = []
    skipping = False
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level <= 2:
            title = b.text.split("、", 1)[-1]
            need = [tid for tid in SECTION_TABLES.get(title, ()) if tid in gone]
            skipping = bool(need) and b.level == 2
            blocks.append(b)
            if skipping:
                names = "、".join(TABLES[tid].title for tid in need)
                blocks.append(Para(f"{MARK}（本部分依据的{names}未提供）"))
            continue
        if skipping and not isinstance(b, Heading | Para):
            skipping = False
        if not skipping:
            blocks.append(b)
    doc.blocks = blocks
    return doc
