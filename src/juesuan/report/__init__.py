"""Reports of an audit: the findings contract of spec §6 and its renderings (json, csv,
text, html).

    report = audit(doc)            # juesuan.findings.Report
    report.to_dict()               # {"document": …, "findings": […], "summary": …, "coverage": …}
    to_csv(report), to_text(report), to_html(report)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from juesuan.findings import DocumentInfo, Finding, Report
from juesuan.model import Disclosure
from juesuan.money import plain
from juesuan.rules.base import evaluate, select


def audit(doc: Disclosure, rules: Iterable[str] | str | None = None,
          exclude: Iterable[str] | str | None = None) -> Report:
    """Run the registered rules (or those ``rules`` names, minus ``exclude``: ids or family
    letters) over ``doc``; the report carries findings, coverage, reading warnings and repairs."""
    findings, coverage = evaluate(doc, select(rules, exclude))
    return Report(document=DocumentInfo.of(doc), findings=findings, coverage=coverage,
                  reading_warnings=list(doc.warnings), repairs=list(doc.repairs), disclosure=doc)


def to_text(report: Report, width: int = 120) -> str:
    from juesuan.report.text import render_text

    return render_text(report, width=width)


def to_html(report: Report) -> str:
    from juesuan.report.html import render_html

    return render_html(report)


CSV_HEADER = ("rule", "family", "severity", "message", "cells", "claims", "expected", "actual", "difference",
              "page", "line", "extraction_uncertain")


def _cells_text(f: Finding) -> str:
    return "; ".join(f"{c.table}/{c.row}/{c.column}={plain(c.value)}" for c in f.cells)


def _claims_text(f: Finding) -> str:
    return " | ".join(c.text for c in f.claims)


def to_csv(report: Report) -> str:
    """One finding a line; cells as ``table/row/column=value`` joined by '; '."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for f in report.findings:
        w.writerow([f.rule, f.family, f.severity, f.message, _cells_text(f), _claims_text(f),
                    f.expected or "", f.actual or "", f.difference or "",
                    f.location.page or "", f.location.line or "",
                    "true" if f.extraction_uncertain else "false"])
    return buf.getvalue()


__all__ = ["CSV_HEADER", "Report", "audit", "to_csv", "to_html", "to_text"]
