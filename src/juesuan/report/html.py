"""Standalone HTML report: document summary, findings grouped by severity and family, and
the nine tables drawn in their official shape — the writer's own layout (render/layout.py),
so the report and a rendered disclosure draw a table the same way — with the cells of each
finding highlighted and linked both ways (click a finding → its cells; click a cell → its
findings).

One file, inline CSS and JS, no network.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from juesuan.findings import PERF_TABLE
from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.i18n import status, t, translate_reason
from juesuan.model import PERF_INDICATOR_FIELDS
from juesuan.render.layout import TableLayout, html_rows, table_layout
from juesuan.render.perf_layout import perf_layout
from juesuan.render.perf_variants import detect
from juesuan.report.views import (
    coverage_by_table,
    coverage_lines,
    coverage_rows,
    coverage_totals_line,
    disclosure_of,
    get,
    grouped_findings,
    reading_notes,
    rule_title,
    shown,
    status_headers,
    table_title,
)
from juesuan.rules.base import FAMILIES, SEVERITIES

TEMPLATES = Path(__file__).parent / "templates"
SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

class _Grid:
    """Draws the tables from the writer's own layout (``render.layout.table_layout``: one
    description of each table's rows, columns and headers) and keeps the cell ↔ finding links:
    every amount slot knows the model cell it prints (``TableLayout.keys``)."""

    def __init__(self, report):
        self.doc = disclosure_of(report)
        if self.doc is None:
            from juesuan.model import Disclosure

            self.doc = Disclosure()
        self.by_cell: dict[tuple, list[int]] = defaultdict(list)
        self.findings = report.findings
        for i, f in enumerate(report.findings):
            for c in f.cells:
                self.by_cell[_key(c)].append(i)
        self.ids: dict[tuple, str] = {}

    def cid(self, key) -> str:
        if key not in self.ids:
            self.ids[key] = f"c{len(self.ids)}"
        return self.ids[key]

    def num(self, key: tuple, text: str, printed=None, extra: str = "") -> dict:
        """An amount slot: highlighted by the worst finding on its cell; ``printed`` (a model
        Cell, or anything with raw/repaired/uncertain/repair) gives the hover text."""
        fids = self.by_cell.get(key, [])
        sev = next((s for s in SEVERITIES if any(self.findings[i].severity == s for i in fids)), "")
        classes = ["num"] + ([extra] if extra else [])
        if fids:
            classes += ["hit", f"sev-{sev}"]
        title = ""
        if printed is not None:
            if getattr(printed, "repaired", False) or getattr(printed, "uncertain", False):
                classes.append("uncertain")
                repair = getattr(printed, "repair", "")
                title = f"印刷为“{printed.raw}”" + (f"；修复：{translate_reason(repair)}" if repair else "")
            elif printed.raw:
                title = f"印刷为 {printed.raw}"
        return {"kind": "num", "text": text, "id": self.cid(key), "cls": " ".join(classes),
                "findings": " ".join(f"f{i}" for i in fids), "title": title,
                "colspan": 1, "rowspan": 1}

    def grid(self, lay: TableLayout) -> dict:
        """The layout's header and body as template rows; amount slots become linked cells."""
        header, body = html_rows(lay)
        head = [[{"text": h.text, "cls": "", "colspan": h.colspan if h.colspan > 1 else None,
                  "rowspan": h.rowspan if h.rowspan > 1 else None} for h in row] for row in header]
        rows = []
        for row in body:
            out = []
            level = ""
            for c in row:
                if c.kind == "code" and c.text.isdigit():
                    level = f"lvl{len(c.text)}"
                if c.key is not None:
                    cell = self.doc.cell(*c.key) if c.key[0] in TABLES else None
                    out.append({**self.num(c.key, c.text, cell, "total" if c.bold else ""),
                                "colspan": c.colspan, "rowspan": c.rowspan})
                    continue
                cls = {"code": f"code {level}", "label": f"label {level}", "lineno": "lineno",
                       "header": "label total", "text": "text"}.get(c.kind, c.kind)
                if c.bold and c.kind == "label":
                    cls = "label total"
                if c.kind in ("label", "code") and not c.text:
                    cls = "blank"
                out.append({"kind": "label", "text": c.text, "cls": cls.strip(),
                            "colspan": c.colspan, "rowspan": c.rowspan})
            rows.append(out)
        return {"head": head, "rows": rows}

    def performance(self, report) -> list[dict]:
        """The self-evaluation tables the document prints, drawn in their form
        (render/perf_layout.py) with the cells of performance findings highlighted; a finding
        about a project without cells links to its table."""
        index = {id(f): i for i, f in enumerate(self.findings)}
        about: dict[str, list[str]] = defaultdict(list)
        findings: dict[str, list] = defaultdict(list)
        for project, f in grouped_findings(report, self.doc):
            if project is not None:
                about[project].append(f"f{index[id(f)]}")
                findings[project].append(f)
        out = []
        for k, item in enumerate((p for p in self.doc.performance if p.source == "attachment"), start=1):
            self._indicator_rows(item, findings.get(item.name, []), index)
            lay = perf_layout(item, detect(item))  # in the columns the document printed
            total = sum(lay.widths)
            grid = {**self.grid(lay), "widths": [f"{100 * w / total:.1f}%" for w in lay.widths]}
            out.append({"tid": f"P{k}", "title": f"{lay.title}：{item.name}", "number": None, "status": "",
                        "statement": "", "page": item.page, "grid": grid, "wide": False,
                        "fids": " ".join(about.get(item.name, [])), "perf": True})
        return out

    def _indicator_rows(self, item, findings: list, index: dict[int, int]) -> None:
        """A finding without cells placed on an indicator's printed line is about that
        indicator: its row's figures are highlighted (the rules place indicator findings there)."""
        for f in findings:
            line = f.location.line
            if f.cells or line is None:
                continue
            for ind in item.indicators:
                if ind.line == line:
                    for field in PERF_INDICATOR_FIELDS:
                        self.by_cell[(PERF_TABLE + item.name, ind.name, field)].append(index[id(f)])

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
        status = getattr(t, "status", "read")
        if status != "read":  # contract 1: say the table was not (fully) read; its rules were not checked
            out["status"] = "部分读取" if status == "partial" else "未能读取"
            out["statement"] = getattr(t, "status_reason", None) or ""
        out["grid"] = self.grid(table_layout(self.doc, tid))
        return out


def _key(c) -> tuple[str, str, str]:
    return (get(c, "table"), get(c, "row"), get(c, "column"))


def _finding_view(i, f, grid: _Grid, project: str | None = None) -> dict:
    cells = []
    for c in f.cells:
        key = _key(c)
        v = get(c, "value")
        cells.append({"id": grid.cid(key), "text": " ".join(key), "value": "" if v is None else format(Decimal(v), "f"),
                      "zero": v is not None and Decimal(v) == 0})
    # long lists (e.g. 26 class rows printed as 0.00): show the non-zero cells, count the rest
    visible = cells
    hidden = 0
    if len(cells) > 8:
        visible = [c for c in cells if not c["zero"]]
        hidden = len(cells) - len(visible)
    return {"n": i, "f": f, "cells": visible, "hidden": hidden, "cell_ids": " ".join(str(x["id"]) for x in cells),
            "project": project, "project_title": table_title(PERF_TABLE + project) if project else "",
            "rule_title": rule_title(f.rule), "expected": shown(f, "expected"), "actual": shown(f, "actual"),
            "difference": shown(f, "difference")}


WIDE = ("T01", "T04", "T06", "T09")  # printed on landscape pages


def _coverage_view(report) -> dict | None:
    lines = coverage_lines(report)
    if lines is None:
        return None
    rows = coverage_rows(lines)
    return {"totals": coverage_totals_line(lines), "statuses": status_headers(),
            "by_table": coverage_by_table(lines),
            "not_checked": [r for r in rows if r[2] == status("not_checked")]}


def _notes_view(report, doc) -> dict:
    warnings, repairs = reading_notes(report, doc)
    return {"warnings": warnings, "repairs": repairs}


def render_html(report, title: str | None = None) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]))
    grid = _Grid(report)
    tables = [grid.table(tid) for tid in TABLE_IDS] + grid.performance(report)
    projects = {id(f): (k, p) for k, (p, f) in enumerate(grouped_findings(report, grid.doc))}
    for tv in tables:
        tv["wide"] = tv["tid"] in WIDE and tv["grid"] is not None
        tv.setdefault("perf", False)
    groups = []
    for sev in SEVERITIES:
        fams = []
        for fam in FAMILIES:
            items = [_finding_view(i, f, grid, projects[id(f)][1]) for i, f in enumerate(report.findings)
                     if f.severity == sev and f.family == fam]
            items.sort(key=lambda it: projects[id(it["f"])][0])  # a project's findings together
            if items:
                fams.append({"family": fam, "name": FAMILIES[fam], "entries": items})
        if fams:
            groups.append({"severity": sev, "label": SEV_LABEL[sev], "families": fams,
                           "count": sum(len(x["entries"]) for x in fams)})
    d = report.document
    department, year = get(d, "department"), get(d, "year")
    labels = {"coverage": t("report.coverage"), "coverage_missing": t("report.coverage_missing"),
              "coverage_note": t("report.coverage_note"), "table": t("col.table"),
              "not_checked": t("cov.not_checked"), "reading": t("report.reading"), "repairs": t("report.repairs")}
    tpl = env.get_template("report.html.j2")
    return tpl.render(doc=d, summary=report.summary, groups=groups, tables=tables,
                      coverage=_coverage_view(report), notes=_notes_view(report, grid.doc), L=labels,
                      title=title or t("report.title", department=department or t("report.unknown_department"),
                                       year=year or ""), sev_label=SEV_LABEL)
