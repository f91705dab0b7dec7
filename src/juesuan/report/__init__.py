"""Reports of an audit: the findings contract of spec §6 and its renderings (json, csv,
text, html).

    report = audit(doc)            # Report
    report.to_dict()               # {"document": …, "findings": […], "summary": …}
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from juesuan.model import Disclosure
from juesuan.rules import Finding, run_rules
from juesuan.rules.base import SEVERITIES


@dataclass
class Report:
    doc: Disclosure
    findings: list[Finding] = field(default_factory=list)

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
        return {
            "document": self.document,
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self) -> str:
        return to_csv(self)

    def to_text(self, width: int = 120) -> str:
        from juesuan.report.text import render_text

        return render_text(self, width=width)

    def to_html(self) -> str:
        from juesuan.report.html import render_html

        return render_html(self)


def audit(doc: Disclosure) -> Report:
    """Run every registered rule over ``doc``."""
    return Report(doc=doc, findings=run_rules(doc))


CSV_HEADER = ("rule", "family", "severity", "message", "cells", "claims", "expected", "actual", "difference",
              "page", "line", "extraction_uncertain")


def _cells_text(f: Finding) -> str:
    return "; ".join(f"{c['table']}/{c['row']}/{c['column']}={c['value']}" for c in f.cells)


def _claims_text(f: Finding) -> str:
    return " | ".join(c["text"] for c in f.claims)


def to_csv(report: Report) -> str:
    """One finding a line; cells as ``table/row/column=value`` joined by '; '."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for f in report.findings:
        w.writerow([f.rule, f.family, f.severity, f.message, _cells_text(f), _claims_text(f),
                    f.expected or "", f.actual or "", f.difference or "",
                    f.location.get("page") or "", f.location.get("line") or "",
                    "true" if f.extraction_uncertain else "false"])
    return buf.getvalue()


__all__ = ["Report", "audit", "to_csv", "CSV_HEADER"]
