"""Validation before rendering: do the figures hold together?

``validate(d)`` returns findings (dicts shaped like spec §6: rule, family, severity, message,
cells). It uses the project's rules engine (``juesuan.rules``) when that is importable and
exposes a function that runs every rule on a Disclosure; otherwise it runs the small set of
table identities below (``minimal_checks``). The renderer refuses to write a disclosure with
error findings unless forced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from juesuan.glossary import CLASS_NAME, T01_INCOME_ITEMS, TABLE_IDS, TABLES
from juesuan.model import Disclosure, Table
from juesuan.money import ZERO, tolerance

Finding = dict[str, Any]

_ENGINE_NAMES = ("run_all", "check_all", "run_rules", "check_disclosure", "run", "check", "evaluate")


def _engine() -> Callable[[Disclosure], Any] | None:
    try:
        import juesuan.rules as rules  # noqa: PLC0415
    except Exception:
        return None
    for name in _ENGINE_NAMES:
        fn = getattr(rules, name, None)
        if callable(fn):
            return fn
    return None


def _as_dict(f: Any) -> Finding:
    if isinstance(f, dict):
        return f
    if callable(getattr(f, "to_dict", None)):
        return f.to_dict()
    if hasattr(f, "model_dump"):
        return f.model_dump(mode="json")
    if hasattr(f, "__dict__"):
        return {k: v for k, v in vars(f).items() if not k.startswith("_")}
    return {"rule": "?", "severity": "error", "message": str(f)}


# Families that say nothing about the figures being rendered: the rendered document always
# prints all nine tables (empty ones with a statement), every 情况说明 section and the
# glossary (C), and writes its narrative afresh from the figures (N).
IGNORED_FAMILIES = ("C", "N")


def validate(d: Disclosure, use_engine: bool = True) -> list[Finding]:
    """Findings about the disclosure's own figures (errors block rendering)."""
    return [f for f in _validate(d, use_engine) if str(f.get("family", "")) not in IGNORED_FAMILIES]


def _validate(d: Disclosure, use_engine: bool) -> list[Finding]:
    fn = _engine() if use_engine else None
    if fn is not None:
        try:
            res = fn(d)
        except Exception:  # an engine still under construction must not block rendering
            res = None
        if res is not None:
            if hasattr(res, "findings"):
                res = res.findings
            elif isinstance(res, dict) and "findings" in res:
                res = res["findings"]
            return [_as_dict(f) for f in res]
    return minimal_checks(d)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if str(f.get("severity", "error")) == "error"]


# ---------------------------------------------------------------------------------------------
# The minimal checks (identities of spec §5 that rendering relies on)


class _Checker:
    def __init__(self, d: Disclosure):
        self.d = d
        self.out: list[Finding] = []

    def v(self, tid: str, row: str, col: str) -> Decimal:
        x = self.d.value(tid, row, col)
        return ZERO if x is None else x

    def has(self, tid: str) -> bool:
        t = self.d.tables.get(tid)
        return t is not None and bool(t.cells)

    def equal(self, rule: str, family: str, left: tuple[str, str, str], right: list[tuple[str, str, str]],
              what: str) -> None:
        lv = self.v(*left)
        rv = sum((self.v(*r) for r in right), ZERO)
        n = 1 + len(right)
        if abs(lv - rv) > tolerance(n):
            cells = [{"table": t, "row": r, "column": c, "value": format(self.v(t, r, c), "f")}
                     for t, r, c in [left, *right]]
            self.out.append({
                "rule": rule, "family": family, "severity": "error",
                "message": f"{what}: {left[0]} {left[1]} {left[2]} {lv} ≠ {rv}",
                "cells": cells, "expected": format(rv, "f"), "actual": format(lv, "f"),
                "difference": format(lv - rv, "f"), "extraction_uncertain": False,
            })


def _codes(t: Table) -> list[str]:
    return [r for r in t.rows() if r.isdigit()]


def minimal_checks(d: Disclosure) -> list[Finding]:
    c = _Checker(d)
    for tid in TABLE_IDS:
        t = d.tables.get(tid)
        if t is None or not (t.present or t.declared_empty):
            c.out.append({"rule": f"C-{tid}-missing", "family": "C", "severity": "error",
                          "message": f"{TABLES[tid].title} is missing and not declared empty", "cells": []})

    # T01
    if c.has("T01"):
        c.equal("A-T01-income", "A", ("T01", "本年收入合计", "金额"),
                [("T01", r, "金额") for r in T01_INCOME_ITEMS], "本年收入合计 = Σ 收入项目")
        c.equal("A-T01-income-total", "A", ("T01", "收入总计", "金额"),
                [("T01", r, "金额") for r in ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")], "收入总计")
        c.equal("A-T01-exp-total", "A", ("T01", "支出总计", "金额"),
                [("T01", r, "金额") for r in ("本年支出合计", "结余分配", "年末结转和结余")], "支出总计")
        c.equal("A-T01-balance", "A", ("T01", "收入总计", "金额"), [("T01", "支出总计", "金额")], "收入总计 = 支出总计")
        classes = [code for code in CLASS_NAME if d.value("T01", code, "金额") is not None]
        c.equal("A-T01-classes", "A", ("T01", "本年支出合计", "金额"), [("T01", k, "金额") for k in classes],
                "本年支出合计 = Σ 类")
    # row sums
    row_sums = {
        "T02": ("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
        "T03": ("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
        "T05": ("小计", ("基本支出", "项目支出")),
        "T07": ("小计", ("基本支出", "项目支出")),
        "T08": ("合计", ("基本支出", "项目支出")),
    }
    for tid, (total, parts) in row_sums.items():
        t = d.tables.get(tid)
        if t is None:
            continue
        for row in t.rows():
            if t.get(row, total) is None:
                continue
            c.equal(f"A-{tid}-row", "A", (tid, row, total), [(tid, row, p) for p in parts], f"{t.spec.title} 行合计")
        if tid == "T07":
            for row in t.rows():
                if t.get(row, "年末结转和结余") is not None:
                    lv = c.v(tid, row, "年初结转和结余") + c.v(tid, row, "本年收入") - c.v(tid, row, "小计")
                    if abs(lv - c.v(tid, row, "年末结转和结余")) > tolerance(4):
                        c.out.append({"rule": "A-T07-balance", "family": "A", "severity": "error",
                                      "message": f"T07 {row} 年末 ≠ 年初 + 收入 − 支出", "cells": []})
        # hierarchy
        codes = _codes(t)
        for col in t.spec.columns:
            for code in codes:
                kids = [k for k in codes if len(k) == len(code) + 2 and k.startswith(code) and len(code) in (3, 5)]
                if kids and t.get(code, col) is not None:
                    c.equal(f"H-{tid}-sum", "H", (tid, code, col), [(tid, k, col) for k in kids], "上级科目 = Σ 下级科目")
            tops = [k for k in codes if len(k) == 3]
            if tops and t.get("合计", col) is not None:
                c.equal(f"H-{tid}-total", "H", (tid, "合计", col), [(tid, k, col) for k in tops], "合计 = Σ 类")
    # T06
    if c.has("T06"):
        t = d.tables["T06"]
        codes = _codes(t)
        for k in [x for x in codes if len(x) == 3]:
            kids = [x for x in codes if len(x) == 5 and x.startswith(k)]
            if kids and t.get(k, "决算数") is not None:
                c.equal("H-T06-class", "H", ("T06", k, "决算数"), [("T06", x, "决算数") for x in kids], "类 = Σ 款")
        c.equal("A-T06-personnel", "A", ("T06", "人员经费合计", "决算数"),
                [("T06", k, "决算数") for k in ("301", "303")], "人员经费合计 = 301 + 303")
        c.equal("A-T06-public", "A", ("T06", "公用经费合计", "决算数"),
                [("T06", k, "决算数") for k in codes if len(k) == 3 and k not in ("301", "303")], "公用经费合计")
        if c.has("T05"):
            c.equal("X-T05-T06-basic", "X", ("T05", "合计", "基本支出"),
                    [("T06", "人员经费合计", "决算数"), ("T06", "公用经费合计", "决算数")],
                    "T05 基本支出 = T06 人员经费 + 公用经费")
    # T09
    if c.has("T09"):
        for row in ("预算数", "决算数"):
            c.equal("A-T09-total", "A", ("T09", row, "合计"),
                    [("T09", row, k) for k in ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")], "三公合计")
            c.equal("A-T09-car", "A", ("T09", row, "公务用车购置及运行费"),
                    [("T09", row, k) for k in ("公务用车购置费", "公务用车运行维护费")], "公务用车购置及运行费")
    # cross-table
    if c.has("T01") and c.has("T02"):
        c.equal("X-T01-T02-fiscal", "X", ("T02", "合计", "财政拨款收入"),
                [("T01", r, "金额") for r in T01_INCOME_ITEMS[:3]], "T02 财政拨款收入 = T01 三项财政拨款收入")
        for item in T01_INCOME_ITEMS[3:]:
            c.equal("X-T01-T02-income", "X", ("T01", item, "金额"), [("T02", "合计", item)], f"T01 {item} = T02")
        c.equal("X-T01-T02-total", "X", ("T01", "本年收入合计", "金额"), [("T02", "合计", "本年收入合计")], "本年收入合计")
    if c.has("T01") and c.has("T03"):
        c.equal("X-T01-T03-total", "X", ("T01", "本年支出合计", "金额"), [("T03", "合计", "本年支出合计")], "本年支出合计")
        for code in CLASS_NAME:
            if d.value("T01", code, "金额") is not None or d.value("T03", code, "本年支出合计") is not None:
                c.equal("X-T01-T03-class", "X", ("T01", code, "金额"), [("T03", code, "本年支出合计")], f"类 {code}")
    if c.has("T04"):
        c.equal("A-T04-income", "A", ("T04", "收入总计", "金额"),
                [("T04", r, "金额") for r in ("本年收入合计", "年初财政拨款结转和结余")], "T04 收入总计")
        c.equal("A-T04-balance", "A", ("T04", "收入总计", "金额"), [("T04", "支出总计", "合计")], "T04 收入总计 = 支出总计")
        for src, col in ((("T05", "小计"), "一般公共预算财政拨款"), (("T07", "小计"), "政府性基金预算财政拨款"),
                         (("T08", "合计"), "国有资本经营预算财政拨款")):
            if not c.has(src[0]):
                continue
            c.equal("X-T04-column", "X", ("T04", "本年支出合计", col), [(src[0], "合计", src[1])], f"T04 {col}")
            for code in CLASS_NAME:
                if d.value("T04", code, col) is not None or d.value(src[0], code, src[1]) is not None:
                    c.equal("X-T04-class", "X", ("T04", code, col), [(src[0], code, src[1])], f"T04 {col} 类 {code}")
        if c.has("T01"):
            for r1, r4 in zip(T01_INCOME_ITEMS[:3], ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")):
                c.equal("X-T04-T01-income", "X", ("T04", r4, "金额"), [("T01", r1, "金额")], f"T04 {r4} = T01")
    return c.out
