"""Standalone HTML report: document summary, findings grouped by severity and family, and
the nine tables drawn in their official shape with the cells of each finding highlighted and
linked both ways (click a finding → its cells; click a cell → its findings).

One file, inline CSS and JS, no network.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from juesuan.glossary import (
    FUNCTIONAL_CLASSES,
    T01_INCOME_ROWS,
    T04_EXPENDITURE_COLUMNS,
    T04_INCOME_ROWS,
    T09_ITEMS,
    TABLE_IDS,
    TABLES,
)
from juesuan.model import Disclosure
from juesuan.money import fmt, plain
from juesuan.rules.base import FAMILIES, SEVERITIES

TEMPLATES = Path(__file__).parent / "templates"
SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

T04_INCOME_LABELS = {
    "年初一般公共预算财政拨款": "　其中：一般公共预算财政拨款",
    "年初政府性基金预算财政拨款": "　　　　政府性基金预算财政拨款",
    "年初国有资本经营预算财政拨款": "　　　　国有资本经营预算财政拨款",
    "收入总计": "总计",
}


class _Grid:
    """Builds the drawn tables and the cell ↔ finding links."""

    def __init__(self, report):
        self.doc = report.disclosure if report.disclosure is not None else Disclosure()
        self.by_cell: dict[tuple, list[int]] = defaultdict(list)
        self.findings = report.findings
        for i, f in enumerate(report.findings):
            for c in f.cells:
                self.by_cell[c.key].append(i)
        self.ids: dict[tuple, str] = {}

    def cid(self, key) -> str:
        if key not in self.ids:
            self.ids[key] = f"c{len(self.ids)}"
        return self.ids[key]

    def num(self, tid, row, col) -> dict:
        key = (tid, row, col)
        cell = self.doc.cell(tid, row, col)
        fids = self.by_cell.get(key, [])
        sev = ""
        for s in SEVERITIES:
            if any(self.findings[i].severity == s for i in fids):
                sev = s
                break
        classes = ["num"]
        if fids:
            classes += ["hit", f"sev-{sev}"]
        title = ""
        if cell is not None:
            if cell.repaired or cell.uncertain:
                classes.append("uncertain")
                title = f"印刷为 {cell.raw!r}" + (f"；修复：{cell.repair}" if cell.repair else "")
            elif cell.raw:
                title = f"印刷为 {cell.raw}"
        return {
            "kind": "num",
            "text": fmt(cell.value) if cell is not None else "",
            "id": self.cid(key),
            "cls": " ".join(classes),
            "findings": " ".join(f"f{i}" for i in fids),
            "title": title,
        }

    @staticmethod
    def label(text, cls="label") -> dict:
        return {"kind": "label", "text": text, "cls": cls}

    @staticmethod
    def blank() -> dict:
        return {"kind": "label", "text": "", "cls": "blank"}

    def name(self, tid, row) -> str:
        t = self.doc.tables.get(tid)
        return (t.row_labels.get(row, "") if t else "") or ""

    # -- shapes ------------------------------------------------------------------------
    def functional(self, tid) -> dict:
        t = self.doc.tables[tid]
        cols = TABLES[tid].columns
        head = [[{"text": "功能分类科目编码", "cls": ""}, {"text": "科目名称", "cls": ""}]
                + [{"text": c, "cls": ""} for c in cols]]
        rows = []
        order = t.rows()
        if "合计" in order:
            order = ["合计"] + [r for r in order if r != "合计"]
        for r in order:
            lvl = f"lvl{len(r)}" if r.isdigit() else "total"
            code = r if r.isdigit() else ""
            name = self.name(tid, r) if r.isdigit() else r
            rows.append([self.label(code, f"code {lvl}"), self.label(name, f"label {lvl}")]
                        + [self.num(tid, r, c) for c in cols])
        return {"head": head, "rows": rows}

    def t01(self) -> dict:
        head = [[{"text": "收入", "cls": "", "colspan": 2}, {"text": "支出", "cls": "", "colspan": 2}],
                [{"text": "项目", "cls": ""}, {"text": "金额", "cls": ""}, {"text": "项目", "cls": ""},
                 {"text": "金额", "cls": ""}]]
        items = [r for r in T01_INCOME_ROWS[:8]]
        classes = self._classes("T01")
        n = max(len(items), len(classes))
        left = [(self.label(r), self.num("T01", r, "金额")) for r in items]
        left += [(self.blank(), self.blank())] * (n - len(items))
        right = [(self.label(f"{code} {name}"), self.num("T01", code, "金额")) for code, name in classes]
        right += [(self.blank(), self.blank())] * (n - len(classes))
        rows = [[*a, *b] for a, b in zip(left, right)]
        pairs = (("本年收入合计", "本年支出合计"), ("使用非财政拨款结余", "结余分配"),
                 ("年初结转和结余", "年末结转和结余"), ("收入总计", "支出总计"))
        for li, ri in pairs:
            rows.append([self.label("总计" if li == "收入总计" else li, "label total"), self.num("T01", li, "金额"),
                         self.label("总计" if ri == "支出总计" else ri, "label total"), self.num("T01", ri, "金额")])
        return {"head": head, "rows": rows}

    def _classes(self, tid):
        """All 26 classes as the form prints them, plus any other class row found."""
        known = [(c, n) for c, n in FUNCTIONAL_CLASSES]
        codes = {c for c, _ in known}
        t = self.doc.tables.get(tid)
        for r in (t.rows() if t else []):
            if r.isdigit() and len(r) == 3 and r not in codes:
                known.append((r, self.name(tid, r)))
        return known

    def t04(self) -> dict:
        cols = T04_EXPENDITURE_COLUMNS
        head = [[{"text": "收入", "cls": "", "colspan": 2}, {"text": "支出", "cls": "", "colspan": 1 + len(cols)}],
                [{"text": "项目", "cls": ""}, {"text": "金额", "cls": ""}, {"text": "项目", "cls": ""}]
                + [{"text": c, "cls": ""} for c in cols]]
        top = list(T04_INCOME_ROWS[:3])
        bottom = list(T04_INCOME_ROWS[3:])
        classes = self._classes("T04")
        right_rows = [(f"{c} {n}", c) for c, n in classes] + [(r, r) for r in
                                                              ("本年支出合计", "年末财政拨款结转和结余", "支出总计")]
        n_top = len(classes)
        left = [(self.label(r), self.num("T04", r, "金额")) for r in top]
        left += [(self.blank(), self.blank())] * (n_top - len(top))
        left += [(self.label(T04_INCOME_LABELS.get(r, r), "label total"), self.num("T04", r, "金额")) for r in bottom]
        rows = []
        for i in range(max(len(left), len(right_rows))):
            a = list(left[i]) if i < len(left) else [self.blank(), self.blank()]
            if i < len(right_rows):
                text, key = right_rows[i]
                text = "总计" if key == "支出总计" else text
                b = [self.label(text, "label" if key.isdigit() else "label total")] + [self.num("T04", key, c) for c in cols]
            else:
                b = [self.blank()] * (1 + len(cols))
            rows.append(a + b)
        return {"head": head, "rows": rows}

    def t06(self) -> dict:
        t = self.doc.tables["T06"]
        codes = [r for r in t.rows() if r.isdigit()]
        groups = [[r for r in codes if r[:3] in ("301", "303")],
                  [r for r in codes if r[:3] == "302"],
                  [r for r in codes if r[:3] not in ("301", "302", "303")]]
        head = [[{"text": "人员经费", "cls": "", "colspan": 3}, {"text": "公用经费", "cls": "", "colspan": 6}],
                [{"text": h, "cls": ""} for h in ("科目编码", "科目名称", "决算数") * 3]]
        n = max(len(g) for g in groups) if codes else 0
        rows = []
        for i in range(n):
            row = []
            for g in groups:
                if i < len(g):
                    r = g[i]
                    lvl = f"lvl{len(r)}"
                    row += [self.label(r, f"code {lvl}"), self.label(self.name("T06", r), f"label {lvl}"),
                            self.num("T06", r, "决算数")]
                else:
                    row += [self.blank()] * 3
            rows.append(row)
        rows.append([self.label("人员经费合计", "label total"), self.blank(), self.num("T06", "人员经费合计", "决算数"),
                     self.label("公用经费合计", "label total"), self.blank(), self.num("T06", "公用经费合计", "决算数"),
                     self.blank(), self.blank(), self.blank()])
        return {"head": head, "rows": rows}

    def t09(self) -> dict:
        sub = ("小计", "公务用车购置费", "公务用车运行维护费")
        h1, h2, h3 = [], [], []
        for side in ("预算数", "决算数"):
            h1.append({"text": side, "cls": "", "colspan": 6})
            h2 += [{"text": "合计", "cls": "", "rowspan": 2}, {"text": "因公出国（境）费", "cls": "", "rowspan": 2},
                   {"text": "公务用车购置及运行费", "cls": "", "colspan": 3}, {"text": "公务接待费", "cls": "", "rowspan": 2}]
            h3 += [{"text": s, "cls": ""} for s in sub]
        order = (T09_ITEMS[0], T09_ITEMS[1], T09_ITEMS[2], T09_ITEMS[3], T09_ITEMS[4], T09_ITEMS[5])
        row = [self.num("T09", side, c) for side in ("预算数", "决算数") for c in order]
        return {"head": [h1, h2, h3], "rows": [row]}

    def table(self, tid) -> dict:
        t = self.doc.tables.get(tid)
        spec = TABLES[tid]
        out = {"tid": tid, "title": (t.title if t and t.title else spec.title), "number": t.number if t else None,
               "status": "", "statement": "", "page": t.page if t else None, "grid": None,
               "fids": " ".join(f"f{i}" for i, f in enumerate(self.findings)
                                if f.rule.startswith("C-") and tid in f.message)}
        if t is None or not (t.present or t.cells):
            out["status"] = "声明无数据" if t is not None and t.declared_empty else "未印出"
            out["statement"] = t.empty_statement if t is not None else ""
            return out
        if t.declared_empty:
            out["status"] = "声明无数据"
            out["statement"] = t.empty_statement
        if tid == "T01":
            out["grid"] = self.t01()
        elif tid == "T04":
            out["grid"] = self.t04()
        elif tid == "T06":
            out["grid"] = self.t06()
        elif tid == "T09":
            out["grid"] = self.t09()
        else:
            out["grid"] = self.functional(tid)
        return out


def _finding_view(i, f, grid: _Grid) -> dict:
    cells = []
    for c in f.cells:
        cells.append({"id": grid.cid(c.key), "text": f"{c.table} {c.row} {c.column}",
                      "value": plain(c.value), "zero": c.value == 0})
    # long lists (e.g. 26 class rows printed as 0.00): show the non-zero cells, count the rest
    shown = cells
    hidden = 0
    if len(cells) > 8:
        shown = [c for c in cells if not c["zero"]]
        hidden = len(cells) - len(shown)
    return {"n": i, "f": f, "cells": shown, "hidden": hidden, "cell_ids": " ".join(x["id"] for x in cells)}


def render_html(report, title: str | None = None) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]))
    grid = _Grid(report)
    tables = [grid.table(tid) for tid in TABLE_IDS]
    groups = []
    for sev in SEVERITIES:
        fams = []
        for fam in FAMILIES:
            items = [_finding_view(i, f, grid) for i, f in enumerate(report.findings)
                     if f.severity == sev and f.family == fam]
            if items:
                fams.append({"family": fam, "name": FAMILIES[fam], "entries": items})
        if fams:
            groups.append({"severity": sev, "label": SEV_LABEL[sev], "families": fams,
                           "count": sum(len(x["entries"]) for x in fams)})
    tpl = env.get_template("report.html.j2")
    return tpl.render(doc=report.document, summary=report.summary, groups=groups, tables=tables,
                      title=title or f"{report.document.department} 决算审核报告", sev_label=SEV_LABEL)
