"""What every report format shows, computed once: the findings as reviewer rows (页码, 行, 表,
行项目, 栏目, 应为, 实为, 差额, 严重程度, 规则, 说明, 复核意见) and the coverage summary
(per rule and table: passed / failed / not applicable / not checked).

The formats (text, csv, xlsx, html) only lay these out. Reports are read through accessors
that accept both the dataclass report of today and the pydantic ``findings.Report`` of the
shared contract (attributes or dict keys), so a format never depends on which one it gets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from juesuan.findings import PERF_TABLE, Family, perf_project
from juesuan.glossary import TABLE_IDS, TABLES
from juesuan.i18n import MESSAGES, pct, severity, status, t, translate_reason
from juesuan.model import OVERALL_PREFIX
from juesuan.money import q2

STATUSES = ("passed", "failed", "not_applicable", "not_checked")
FINDING_COLUMNS = ("col.page", "col.line", "col.table", "col.row", "col.column", "col.expected", "col.actual",
                   "col.difference", "col.severity", "col.rule", "col.message", "col.review")
COVERAGE_COLUMNS = ("col.rule", "col.table", "col.status", "col.reason")


def get(obj: Any, name: str, default: Any = None) -> Any:
    """``obj.name`` or ``obj[name]``: reports and findings come as objects or dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def disclosure_of(report: Any) -> Any:
    """The audited Disclosure a report carries (``disclosure`` in findings.Report, ``doc`` before)."""
    d = get(report, "disclosure")
    return d if d is not None else get(report, "doc")


def rule_title(rule_id: str) -> str:
    """A rule as a reviewer reads it: its Chinese name, then the stable id."""
    from juesuan.rules.base import REGISTRY

    r = REGISTRY.get(rule_id)
    if r is None:  # cross-year rules need two documents: they live outside the single-document registry
        from juesuan.compare.crossyear import CROSS_YEAR_RULES

        r = next((y for y in CROSS_YEAR_RULES if y.id == rule_id), None)
    name = r.name if r is not None else ""
    return f"{name}（{rule_id}）" if name else rule_id


def table_title(tid: str | None) -> str:
    if not tid:
        return t("col.all_tables")
    project = perf_project(tid)
    if project is not None:
        if project.startswith(OVERALL_PREFIX):
            return f"部门（单位）整体绩效自评表：{project.removeprefix(OVERALL_PREFIX)}"
        return f"绩效自评表：{project}"
    spec = TABLES.get(tid)
    return spec.title if spec else tid


# -- performance findings, per project ----------------------------------------------------------


def _performance(doc: Any) -> list[Any]:
    return list(get(doc, "performance") or []) if doc is not None else []


def finding_project(f: Any, doc: Any) -> str | None:
    """The self-evaluated project a performance finding is about: the project its cells name
    (findings.perf_cell); else the longest project name the message quotes (“…”); else the
    attachment table whose printed lines hold the finding's location. None when it is about
    no single project (e.g. the narrative's count of projects)."""
    if get(f, "family") not in ("P", Family.P):
        return None
    for c in get(f, "cells") or []:
        project = perf_project(get(c, "table"))
        if project is not None:
            return project
    items = _performance(doc)
    msg = get(f, "message") or ""
    quoted = [get(p, "name") for p in items if get(p, "name") and f"“{get(p, 'name')}”" in msg]
    if quoted:
        return max(quoted, key=len)
    loc = get(f, "location") or {}
    line = get(loc, "line")
    for p in items:
        start, end = get(p, "line"), get(p, "end_line")
        if line is not None and start is not None and end is not None and start <= line <= end:
            return get(p, "name")
    return None


def project_order(doc: Any) -> dict[str, int]:
    """Projects in the order the document prints them (attachments first seen wins)."""
    order: dict[str, int] = {}
    for p in _performance(doc):
        order.setdefault(get(p, "name"), len(order))
    return order


def grouped_findings(report: Any, doc: Any = None) -> list[tuple[str | None, Any]]:
    """(project, finding) in report order, except that the performance findings about one
    project are gathered where the first of them stood, projects in printed order — so every
    format shows a project's findings together."""
    doc = doc if doc is not None else disclosure_of(report)
    findings = list(get(report, "findings") or [])
    projects = [finding_project(f, doc) for f in findings]
    order = project_order(doc)
    by_project: dict[str, list[Any]] = {}
    for f, p in zip(findings, projects, strict=True):
        if p is not None:
            by_project.setdefault(p, []).append(f)
    out: list[tuple[str | None, Any]] = []
    placed = False
    for f, p in zip(findings, projects, strict=True):
        if p is None:
            out.append((None, f))
        elif not placed:  # all projects' findings where the first performance finding stood
            placed = True
            for name in sorted(by_project, key=lambda n: order.get(n, len(order))):
                out += [(name, g) for g in by_project[name]]
    return out


def _number(s: Any) -> Decimal | None:
    if s is None or s == "":
        return None
    try:
        return Decimal(str(s))
    except InvalidOperation:
        return None


def _num(f: Any, name: str) -> Decimal | str | None:
    """A finding's expected/actual/difference: a number where it is one (Excel sums it)."""
    d = _number(get(f, name))
    return d if d is not None else shown(f, name)


def shown(f: Any, name: str) -> str | None:
    """expected/actual/difference as a person reads them: two decimals, and a % sign when the
    finding's message prints that number as a percentage (71.6539 → 71.65%)."""
    v = get(f, name)
    if v is None:
        return None
    d = _number(v)
    if d is None:
        return t(f"value.{v}") if f"value.{v}" in MESSAGES else str(v)
    # a count or a year printed without decimals stays so (2024, not 2024.00)
    q = str(v).strip() if "." not in str(v) else format(q2(d), "f")
    msg = get(f, "message") or ""
    percent = any(f"{format(q2(x), 'f')}%" in msg
                  for x in (_number(get(f, "expected")), _number(get(f, "actual"))) if x is not None)
    return q + "%" if percent else q


def _unique(xs: list[str]) -> str:
    return "；".join(dict.fromkeys(x for x in xs if x))


def _row_label(doc: Any, tid: str, row: str) -> str:
    tables = get(doc, "tables") or {}
    tab = tables.get(tid) if isinstance(tables, dict) else None
    name = (get(tab, "row_labels") or {}).get(row, "") if tab is not None else ""
    return f"{row} {name}" if name and row.isdigit() else row  # items (T01/T04) are named by their key


@dataclass
class FindingRow:
    """One finding as a spreadsheet row (values stay Decimal where they are numbers)."""

    page: int | None
    line: int | None
    table: str
    row: str
    column: str
    expected: Decimal | str | None
    actual: Decimal | str | None
    difference: Decimal | str | None
    severity: str
    rule: str
    message: str
    review: str = ""
    severity_key: str = ""
    uncertain: bool = False
    percent: bool = False  # expected/actual/difference are percentages (Excel shows 71.65%)

    def values(self) -> list:
        return [self.page, self.line, self.table, self.row, self.column, self.expected, self.actual,
                self.difference, self.severity, self.rule, self.message, self.review]


def finding_rows(report: Any, doc: Any = None) -> list[FindingRow]:
    doc = doc if doc is not None else disclosure_of(report)
    out = []
    for project, f in grouped_findings(report, doc):  # a project's performance findings together
        cells = get(f, "cells") or []
        loc = get(f, "location") or {}
        msg = get(f, "message") or ""
        unc = bool(get(f, "extraction_uncertain"))
        if unc:
            msg += f"（{t('report.uncertain')}）"

        out.append(FindingRow(
            page=get(loc, "page"), line=get(loc, "line"),
            table=_unique([table_title(get(c, "table")) for c in cells])
            or (table_title(PERF_TABLE + project) if project else ""),
            row=_unique([_row_label(doc, get(c, "table"), get(c, "row")) for c in cells][:6]),
            column=_unique([get(c, "column") for c in cells]),
            expected=_num(f, "expected"), actual=_num(f, "actual"), difference=_num(f, "difference"),
            severity=severity(get(f, "severity") or ""), rule=rule_title(get(f, "rule") or ""),
            message=msg, severity_key=get(f, "severity") or "", uncertain=unc,
            percent=(shown(f, "expected") or shown(f, "actual") or "").endswith("%"),
        ))
    return out


def finding_headers() -> list[str]:
    return [t(c) for c in FINDING_COLUMNS]


def reading_notes(report: Any, doc: Any = None) -> tuple[list[str], list[str]]:
    """(reading warnings, repairs) in the interface language, each repair as ``where：why``."""
    doc = doc if doc is not None else disclosure_of(report)
    warnings = get(report, "reading_warnings")
    if warnings is None and doc is not None:
        warnings = get(doc, "warnings")
    repairs = get(report, "repairs")
    if repairs is None and doc is not None:
        repairs = get(doc, "repairs")
    return ([translate_reason(str(w)) for w in warnings or []],
            [" ".join(str(x) for x in (get(r, "table"), get(r, "row"), get(r, "column")) if x)
             + "：" + translate_reason(get(r, "reason") or "") for r in repairs or []])


# -- coverage ---------------------------------------------------------------------------


@dataclass
class CoverageLine:
    rule: str
    table: str | None
    status: str  # one of STATUSES
    reason: str


def coverage_lines(report: Any) -> list[CoverageLine] | None:
    """The report's coverage rows, or None when the report carries none (an engine that does
    not compute coverage: then formats say so rather than show an empty, all-clear table)."""
    rows = get(report, "coverage")
    if rows is None:
        return None
    out = []
    for r in rows:
        st = get(r, "status") or "not_checked"
        out.append(CoverageLine(rule=get(r, "rule") or "", table=get(r, "table"),
                                status=st if st in STATUSES else "not_checked", reason=get(r, "reason") or ""))
    return out


def coverage_totals(lines: list[CoverageLine]) -> dict[str, int]:
    c = Counter(x.status for x in lines)
    return {s: c.get(s, 0) for s in STATUSES}


def pass_rate(totals: dict[str, int]) -> str:
    """Passed ÷ (passed + failed + not checked): a rule that was not checked is not a pass."""
    base = totals["passed"] + totals["failed"] + totals["not_checked"]
    return pct(Decimal(totals["passed"]) * 100 / base) if base else "—"


def coverage_totals_line(lines: list[CoverageLine]) -> str:
    tot = coverage_totals(lines)
    return t("coverage.totals", rate=pass_rate(tot), **tot)


def coverage_by_table(lines: list[CoverageLine]) -> list[tuple[str, dict[str, int]]]:
    """(table title, counts by status) in table order; document-wide rules last."""
    groups: dict[str | None, list[CoverageLine]] = {}
    for x in lines:
        groups.setdefault(x.table, []).append(x)
    order = [tid for tid in TABLE_IDS if tid in groups] + [k for k in groups if k not in TABLE_IDS]
    return [(table_title(k), coverage_totals(groups[k])) for k in order]


def coverage_rows(lines: list[CoverageLine]) -> list[list[str]]:
    """Rows for a coverage sheet: 规则, 表, 结果, 原因 — failed and not checked first."""
    rank = {"failed": 0, "not_checked": 1, "passed": 2, "not_applicable": 3}
    ordered = sorted(lines, key=lambda x: (rank[x.status], x.table or "~", x.rule))
    return [[rule_title(x.rule), table_title(x.table), status(x.status), x.reason] for x in ordered]


def coverage_headers() -> list[str]:
    return [t(c) for c in COVERAGE_COLUMNS]


def status_headers() -> list[str]:
    return [status(s) for s in STATUSES]


__all__ = ["CoverageLine", "FindingRow", "STATUSES", "coverage_by_table", "coverage_headers", "coverage_lines",
           "coverage_rows", "coverage_totals", "coverage_totals_line", "disclosure_of", "finding_headers",
           "finding_project", "finding_rows", "get", "grouped_findings", "project_order",
           "pass_rate", "reading_notes", "rule_title", "shown", "status_headers", "table_title"]
