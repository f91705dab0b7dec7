"""Reports of an audit: the findings contract of spec §6 and its renderings (json, csv,
text, html).

    report = audit(doc)            # Report
    report.to_dict()               # {"document": …, "findings": […], "summary": …}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from juesuan.model import Disclosure
from juesuan.rules import Finding, run_rules
from juesuan.rules.base import SEVERITIES


@dataclass
class Report:
    doc: Disclosure
    findings: list[Finding] = field(default_factory=list)
    # per rule and table: passed / failed / not_applicable / not_checked (TEAM.md contract 3);
    # None when the engine does not report it, so no format can show "all passed" by default
    coverage: list | None = None

    @property
    def document(self) -> dict:
        m = self.doc.meta
        return {
            "source": m.source,
            "department": m.department,
            "year": m.year,
            "unit": m.unit,
            "tables_found": self.doc.tables_found(),
        }

    @property
    def summary(self) -> dict:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict:
        out = {
            "document": self.document,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
        if self.coverage is not None:
            out["coverage"] = [c if isinstance(c, dict) else c.model_dump() for c in self.coverage]
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self) -> str:
        return to_csv(self)

    def to_text(self, width: int = 120) -> str:
        from juesuan.report.text import render_text

        return render_text(self, width=width)

    def to_xlsx(self) -> bytes:
        from juesuan.report.sheets import findings_xlsx

        return findings_xlsx(self, self.doc)

    def to_html(self) -> str:
        from juesuan.report.html import render_html

        return render_html(self)


def audit(doc: Disclosure) -> Report:
    """Run every registered rule over ``doc``."""
    return Report(doc=doc, findings=run_rules(doc))


def _csv_header() -> tuple[str, ...]:
    from juesuan.report.views import finding_headers

    return tuple(finding_headers())


CSV_HEADER = _csv_header()  # Chinese column names (页码, 行, 表, …, 复核意见); see report/views.py


def to_csv(report: Report) -> str:
    """One finding a line, Chinese headers; the caller adds the BOM (report.sheets.excel_csv)."""
    from juesuan.report.sheets import findings_csv

    return findings_csv(report, report.doc)


__all__ = ["Report", "audit", "to_csv", "CSV_HEADER"]
