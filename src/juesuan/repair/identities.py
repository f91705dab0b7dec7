"""The accounting identities extraction uses as evidence for repairs.

An identity is ``total = Σ parts`` over cell keys. Repair asks: which value of one damaged
cell makes its identities hold? The rules stage checks the same relations on the finished
model; this module only lists them so repair can reason about single cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.glossary import T01_INCOME_ITEMS, TABLES
from juesuan.model import Disclosure

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Identity:
    total: Key
    parts: tuple[Key, ...]
    name: str

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def _code_rows(doc: Disclosure, tid: str) -> list[str]:
    return [r for r in doc.tables[tid].rows() if r.isdigit()]


def identities(doc: Disclosure) -> list[Identity]:
    out: list[Identity] = []
    # Row sums in the functional tables.
    row_sums = {
        "T02": ("本年收入合计", TABLES["T02"].columns[1:]),
        "T03": ("本年支出合计", TABLES["T03"].columns[1:]),
        "T05": ("小计", ("基本支出", "项目支出")),
        "T08": ("合计", ("基本支出", "项目支出")),
        "T07": ("小计", ("基本支出", "项目支出")),
    }
    for tid, (tot, parts) in row_sums.items():
        for row in ["合计", *_code_rows(doc, tid)]:
            out.append(Identity((tid, row, tot), tuple((tid, row, p) for p in parts), f"{tid} row {row}"))
    # Hierarchy: 合计 = Σ classes, class = Σ 款, 款 = Σ 项 (per column).
    for tid in ("T02", "T03", "T05", "T07", "T08"):
        rows = _code_rows(doc, tid)
        for col in TABLES[tid].columns:
            classes = [r for r in rows if len(r) == 3]
            if classes:
                out.append(Identity((tid, "合计", col), tuple((tid, r, col) for r in classes), f"{tid} 合计 = Σ classes"))
            for parent in rows:
                kids = [r for r in rows if len(r) == len(parent) + 2 and r.startswith(parent)]
                if kids:
                    out.append(Identity((tid, parent, col), tuple((tid, r, col) for r in kids), f"{tid} {parent} = Σ children"))
    # T06: class = Σ items; 人员经费 = 301 + 303; 公用经费 = the other classes.
    t06 = _code_rows(doc, "T06")
    for parent in [r for r in t06 if len(r) == 3]:
        kids = [r for r in t06 if len(r) == 5 and r.startswith(parent)]
        if kids:
            out.append(Identity(("T06", parent, "决算数"), tuple(("T06", r, "决算数") for r in kids), f"T06 {parent} = Σ items"))
    personnel = [r for r in t06 if r in ("301", "303")]
    public = [r for r in t06 if len(r) == 3 and r not in ("301", "303")]
    out.append(Identity(("T06", "人员经费合计", "决算数"), tuple(("T06", r, "决算数") for r in personnel), "T06 人员经费合计"))
    out.append(Identity(("T06", "公用经费合计", "决算数"), tuple(("T06", r, "决算数") for r in public), "T06 公用经费合计"))
    out.append(Identity(("T05", "合计", "基本支出"), (("T06", "人员经费合计", "决算数"), ("T06", "公用经费合计", "决算数")), "T05 基本 = T06 人员 + 公用"))
    # T01.
    inc = tuple(("T01", r, "金额") for r in T01_INCOME_ITEMS)
    out.append(Identity(("T01", "本年收入合计", "金额"), inc, "T01 本年收入合计"))
    out.append(Identity(("T01", "收入总计", "金额"), (("T01", "本年收入合计", "金额"), ("T01", "使用非财政拨款结余", "金额"), ("T01", "年初结转和结余", "金额")), "T01 收入总计"))
    out.append(Identity(("T01", "支出总计", "金额"), (("T01", "本年支出合计", "金额"), ("T01", "结余分配", "金额"), ("T01", "年末结转和结余", "金额")), "T01 支出总计"))
    out.append(Identity(("T01", "收入总计", "金额"), (("T01", "支出总计", "金额"),), "T01 收入总计 = 支出总计"))
    classes01 = [r for r in doc.tables["T01"].rows() if r.isdigit()]
    out.append(Identity(("T01", "本年支出合计", "金额"), tuple(("T01", r, "金额") for r in classes01), "T01 本年支出合计 = Σ classes"))
    # T04.
    out.append(Identity(("T04", "本年收入合计", "金额"), tuple(("T04", r, "金额") for r in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")), "T04 本年收入合计"))
    out.append(Identity(("T04", "收入总计", "金额"), (("T04", "本年收入合计", "金额"), ("T04", "年初财政拨款结转和结余", "金额")), "T04 收入总计"))
    out.append(Identity(("T04", "收入总计", "金额"), (("T04", "支出总计", "合计"),), "T04 收入总计 = 支出总计"))
    for row in [r for r in doc.tables["T04"].rows() if r.isdigit()] + ["本年支出合计", "年末财政拨款结转和结余", "支出总计"]:
        out.append(Identity(("T04", row, "合计"), tuple(("T04", row, c) for c in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")), f"T04 {row} 合计"))
    # Equalities across tables: the same figure printed twice.
    for tid, col in (("T03", "本年支出合计"), ("T02", "本年收入合计")):
        for row in ["合计", *_code_rows(doc, tid)]:
            if len(row) == 3 or row == "合计":
                t01row = "本年支出合计" if row == "合计" and tid == "T03" else ("本年收入合计" if row == "合计" else row)
                if tid == "T02" and row != "合计":
                    continue
                out.append(Identity((tid, row, col), (("T01", t01row, "金额"),), f"{tid} = T01"))
    out.append(Identity(("T02", "合计", "其他收入"), (("T01", "其他收入", "金额"),), "T02 = T01 其他收入"))
    for row in _code_rows(doc, "T05"):
        out.append(Identity(("T05", row, "小计"), (("T04", row, "一般公共预算财政拨款"),), "T05 = T04") if len(row) == 3 else Identity(("T05", row, "小计"), (("T03", row, "本年支出合计"),), "T05 ≈ T03"))
    out.append(Identity(("T05", "合计", "小计"), (("T04", "本年支出合计", "一般公共预算财政拨款"),), "T05 = T04"))
    # T09: 合计 = 出国 + 车 + 接待; 车 = 购置 + 运行.
    for row in ("预算数", "决算数"):
        out.append(Identity(("T09", row, "合计"), tuple(("T09", row, c) for c in ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")), f"T09 {row} 合计"))
        out.append(Identity(("T09", row, "公务用车购置及运行费"), tuple(("T09", row, c) for c in ("公务用车购置费", "公务用车运行维护费")), f"T09 {row} 车"))
    return out
